"""The ``remove_background`` tool: a product photo in, an RGBA cutout PNG out.

Example::

    registry.call("remove_background", {"image_path": "shoe.jpg", "out_path": "shoe.png"})
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from pydantic import BaseModel, Field

from shopmind.errors import InvalidInput
from tools.base import Progress, Tool, ToolResult
from tools.cutout.classic import cut_out


class CutoutInput(BaseModel):
    image_path: str = Field(min_length=1)
    out_path: str | None = Field(default=None, description="defaults to IMAGE.cutout.png")


class CutoutTool(Tool):
    name = "remove_background"
    description = "Cut the product out of a studio photo and save it as a transparent PNG."
    input_model = CutoutInput

    def run(self, inputs: CutoutInput, progress: Progress | None = None) -> ToolResult:
        source = Path(inputs.image_path)
        image = open_image(source)
        cutout, mask = cut_out(image)
        target = Path(inputs.out_path) if inputs.out_path else source.with_suffix(".cutout.png")
        target.parent.mkdir(parents=True, exist_ok=True)
        cutout.save(target, "PNG")
        coverage = sum(mask.histogram()[128:]) / (mask.width * mask.height)
        return ToolResult(text=f"cut out {source.name} to {target}", files=[target],
                          data={"bbox": mask.getbbox(), "coverage": round(coverage, 4)})


def open_image(path: Path) -> Image.Image:
    """Opens a photo with EXIF rotation applied; bad files get a clear ``InvalidInput``."""
    if not path.is_file():
        raise InvalidInput(f"{path} does not exist")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InvalidInput(f"{path.name} is too large to process safely: {exc}") from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise InvalidInput(f"{path.name} is not a readable image: {exc}") from exc
    return ImageOps.exif_transpose(image).convert("RGB")
