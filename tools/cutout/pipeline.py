"""The cutout pipeline: segment -> select -> matte -> decontaminate -> (shadow) -> trim.

Example::

    pipeline = CutoutPipeline()                      # classic backend, main product only
    result = pipeline.run(Image.open("mug.jpg"))
    result.cutout.save("mug.png")                    # RGBA, trimmed to the product
    result.box, result.quality                       # where it was, how sure we are
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np
from PIL import Image
from pydantic import BaseModel, Field, ValidationError

from shopmind.errors import InvalidInput
from tools.cutout.classic import ClassicSegmenter
from tools.cutout.clear import clear_body
from tools.cutout.images import Photo, photo_from_image
from tools.cutout.matting import decontaminate, refine_alpha
from tools.cutout.quality import mask_quality
from tools.cutout.stages import Box, Instance, Segmenter

VISIBLE = 0.02   # alpha below this is treated as empty when trimming


class CutoutOptions(BaseModel):
    """How to cut out (the tool's and the CLI's options)."""

    backend: Literal["fused", "classic", "yolo"] = Field(
        default="fused", description="fused: learned subject prior + classic (falls back to "
                                     "classic without the model); classic: no weights")
    keep: Literal["main", "all"] = Field(default="main",
                                         description="the main product, or every product found")
    keep_shadow: bool = Field(default=False, description="keep the cast shadow (classic only)")
    padding: int = Field(default=0, ge=0, le=512, description="pixels around the trimmed product")
    confidence: float = Field(default=0.25, ge=0.0, le=1.0,
                              description="least detection confidence (yolo backend)")
    clear: bool = Field(default=False, description="the product has clear parts (glass): "
                        "keep faint outlines joined to it (set per photo from the catalogue)")


def parse_options(values: dict[str, object]) -> CutoutOptions:
    """Options from loose values (CLI flags); a bad value is an ``InvalidInput``."""
    try:
        return CutoutOptions.model_validate(values)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InvalidInput(f"bad cutout options: {problems}") from exc


@dataclass
class CutoutResult:
    """A cut-out photo at full size, and where the product is in it."""

    rgba: np.ndarray                     # uint8 (height, width, 4), full frame
    box: Box | None                      # product bounding box in the full frame
    quality: float                       # mask_quality, 0..1
    labels: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    padding: int = 0
    category: str = "unknown"            # the catalogue's category, when the photo is linked

    @property
    def alpha_full(self) -> Image.Image:
        return Image.fromarray(self.rgba[..., 3], "L")

    @property
    def trim_box(self) -> Box | None:
        if self.box is None:
            return None
        height, width = self.rgba.shape[:2]
        left, top, right, bottom = self.box
        pad = self.padding
        return max(0, left - pad), max(0, top - pad), min(width, right + pad), min(height, bottom + pad)

    @property
    def cutout(self) -> Image.Image:
        """The RGBA product, trimmed to its box plus padding."""
        image = Image.fromarray(self.rgba, "RGBA")
        box = self.trim_box
        return image.crop(box) if box else image


class CutoutPipeline:
    """Stages are replaceable: pass another ``Segmenter`` (e.g. ``YoloSegmenter``)."""

    def __init__(self, segmenter: Segmenter | None = None,
                 options: CutoutOptions | None = None) -> None:
        self.segmenter: Segmenter = segmenter or ClassicSegmenter()
        self.options = options or CutoutOptions()

    def warm_up(self) -> None:
        self.segmenter.warm_up()

    def run(self, image: Image.Image | Photo, clear: bool | None = None) -> CutoutResult:
        """``clear``: look for the product's clear parts (``tools.cutout.clear``); None: as
        the options say."""
        photo = image if isinstance(image, Photo) else photo_from_image(image)
        if photo.alpha is not None:
            return self._finish(photo.rgb, photo.alpha.astype(np.float32) / 255, 1.0, [],
                                ["already transparent: kept its own alpha"])
        segmentation = self.segmenter.segment(photo.rgb, keep_shadow=self.options.keep_shadow)
        chosen = select_instances(segmentation.instances, self.options.keep)
        if not chosen:
            raise InvalidInput(f"no product found ({self.segmenter.name} backend)")
        coarse = np.maximum.reduce([_at_shape(i.mask, chosen[0].mask.shape) for i in chosen])
        matte = refine_alpha(photo.rgb, coarse, segmentation.prior_share, segmentation.prior)
        rgb = decontaminate(photo.rgb, matte)
        alpha = matte.alpha
        notes = list(segmentation.notes)
        if self.options.clear if clear is None else clear:
            alpha = _with_clear_parts(photo.rgb, alpha, notes)
        if segmentation.shadow is not None:
            rgb, alpha = _add_shadow(rgb, alpha, segmentation.shadow)
        confidence = min(1.0, max(i.confidence for i in chosen))
        labels = sorted({i.label for i in chosen})
        return self._finish(rgb, alpha, confidence, labels, notes)

    def _finish(self, rgb: np.ndarray, alpha: np.ndarray, confidence: float,
                labels: list[str], notes: list[str]) -> CutoutResult:
        alpha8 = cv2.convertScaleAbs(alpha, alpha=255.0)
        # what trimming treats as empty is empty (OpenCV: a tenth of numpy's time at 800x800)
        cv2.threshold(alpha8, int(VISIBLE * 255) - 1, 0, cv2.THRESH_TOZERO, dst=alpha8)
        rgba = cv2.merge((*cv2.split(np.ascontiguousarray(rgb)), alpha8))
        left, top, w, h = cv2.boundingRect(alpha8)       # of the non-zero pixels
        box = (left, top, left + w, top + h) if w and h else None
        quality = mask_quality(rgb, alpha, confidence)
        return CutoutResult(rgba, box, quality, labels, list(notes), self.options.padding)


def select_instances(instances: list[Instance], keep: str) -> list[Instance]:
    """All instances, or the main one: the largest, favouring the centre and confidence."""
    if keep == "all" or len(instances) <= 1:
        return list(instances)
    return [max(instances, key=_prominence)]


def _prominence(instance: Instance) -> float:
    mask = instance.mask
    weight = float(mask.sum())
    if weight == 0:
        return 0.0
    ys, xs = np.nonzero(mask > 0.5)
    height, width = mask.shape
    off_centre = np.hypot(xs.mean() / width - 0.5, ys.mean() / height - 0.5) if len(xs) else 0.7
    return weight * (1.0 - 0.6 * off_centre) * instance.confidence


def _with_clear_parts(rgb: np.ndarray, alpha: np.ndarray, notes: list[str]) -> np.ndarray:
    """``alpha`` with the product's clear parts opaque (the photo shows through them as it
    would through the glass), and a note saying whether any were found."""
    body = clear_body(rgb, alpha >= 0.5)
    if body is None:
        notes.append("clear product: no faint outline found beside it")
        return alpha
    notes.append("clear product: its faint outline was kept")
    return np.maximum(alpha, body.astype(np.float32))


def _at_shape(mask: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    if mask.shape == shape:
        return mask.astype(np.float32)
    return cv2.resize(mask.astype(np.float32), (shape[1], shape[0]), interpolation=cv2.INTER_LINEAR)


def _add_shadow(rgb: np.ndarray, alpha: np.ndarray, shadow: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """Composite a black shadow layer of the given opacity under the product."""
    opacity = _at_shape(shadow, alpha.shape)
    total = alpha + (1.0 - alpha) * opacity
    share = np.divide(alpha, total, out=np.ones_like(alpha), where=total > 1e-4)
    colours = (rgb.astype(np.float32) * share[..., None] + 0.5).astype(np.uint8)
    return colours, total
