"""The ``remove_background`` tool: a product photo in, a trimmed RGBA cutout PNG out.

Example::

    registry.call("remove_background", {"image_path": "shoe.jpg", "out_path": "shoe.png"})
    registry.call("remove_background", {"image_path": "shelf.jpg", "keep": "all",
                                        "keep_shadow": True})
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pydantic import Field

from tools.base import Progress, Tool, ToolContext, ToolResult
from tools.cutout.batch import build_segmenter, default_weights, save_result
from tools.cutout.categories import CategoryFinder
from tools.cutout.images import open_image, read_photo
from tools.cutout.pipeline import CutoutOptions, CutoutPipeline

__all__ = ["CutoutInput", "CutoutTool", "open_image"]


class CutoutInput(CutoutOptions):
    image_path: str = Field(min_length=1)
    out_path: str | None = Field(default=None, description="defaults to IMAGE.cutout.png")
    weights: str | None = Field(default=None, description="YOLO weights (yolo backend)")
    product_id: str | None = Field(default=None, description="the catalogue product shown "
                                   "(its category is kept, and a glass product's clear "
                                   "parts); else found by the file's name")


class CutoutTool(Tool):
    """Example: ``registry.call("remove_background", {"image_path": "mug.jpg"})`` writes
    ``mug.cutout.png`` and ``mug.cutout.json`` and answers with the box, quality and the
    catalogue category ("unknown" for a photo not linked to a product)."""

    name = "remove_background"
    description = "Cut the product out of a photo and save it as a transparent PNG."
    input_model = CutoutInput

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self._pipelines: dict[str, CutoutPipeline] = {}
        self._categories = CategoryFinder(context.catalogue)

    def run(self, inputs: CutoutInput, progress: Progress | None = None) -> ToolResult:
        source = Path(inputs.image_path)
        photo = read_photo(source)
        clear = self._categories.clear(source, inputs.product_id) or None  # None: the option
        result = self._pipeline(inputs).run(photo, clear=clear)
        result.category = self._categories.category(source, inputs.product_id)
        target = Path(inputs.out_path) if inputs.out_path else source.with_suffix(".cutout.png")
        record = save_result(result, target, target.with_suffix(".json"), source.name)
        names = f" ({result.category})"
        return ToolResult(text=f"cut out {source.name}{names} to {target}, "
                               f"quality {result.quality:.2f}",
                          files=[target], data=record)

    def _pipeline(self, inputs: CutoutInput) -> CutoutPipeline:
        """One pipeline per distinct options and weights (a YOLO model loads once)."""
        options = CutoutOptions.model_validate(inputs.model_dump(include=set(
            CutoutOptions.model_fields)))  # product_id is not an option: one pipeline for all
        key = f"{options.model_dump_json()}|{inputs.weights}"
        if key not in self._pipelines:
            settings = self.context.settings
            weights = Path(inputs.weights) if inputs.weights else default_weights(settings)
            segmenter = build_segmenter(options, settings.cache_dir, weights)
            pipeline = CutoutPipeline(segmenter, options)
            pipeline.warm_up()
            self._pipelines[key] = pipeline
        return self._pipelines[key]


def cutout_image(image: Image.Image, options: CutoutOptions | None = None) -> Image.Image:
    """The trimmed RGBA cutout of an in-memory image with the classic backend."""
    return CutoutPipeline(options=options).run(image).cutout
