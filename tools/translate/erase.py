"""Removing text from a banner or product photo, leaving no ghost of the glyphs.

No inpainting weights ship as a package, so the remover is built for this imagery: text set
on flat, gradient or softly lit backgrounds, on pill-shaped buttons and badges, and sometimes
on a texture (canvas, wood, speckle). Per OCR box (padded by ``PAD``, as OCR boxes can be
tight):

1. **Glyphs, not the box.** The box's pixels are split in two colours (k-means in RGB); the
   one that owns most of the box's border is the background and the other the ink (unless
   that other covers most of the box: then the box is loose around a button, and the button
   is the background). Every pixel is projected on the axis from background to ink, and a
   morphological top-hat with a kernel wider than any stroke keeps what is thin and
   ink-ward: the glyphs and their anti-aliased fringe, while a gradient or a button's body,
   which are not thin, stay out. Connected parts mostly outside the box (a badge that is
   thin at this scale, the next line's ascenders) are dropped. The ink is the median colour
   of the glyph cores, for the typesetter to draw the translation in.
2. **Filling**, in :mod:`tools.translate.fill`: a robust polynomial background where one
   explains the pixels around the glyphs (``"flat"``, ``"gradient"``), a smooth fill where
   none does and there is no texture (``"smooth"``), and a smooth fill plus the detail of
   matching places nearby on texture (``"patch"``), where a smooth fill alone would leave the
   glyphs' outline as a blank in the weave.

Boxes are filled one after the other; the glyphs of every box are unknown until filled, so
no fill copies or fits on another box's text.

OpenCV's Telea inpainting (:func:`telea`) is the baseline the remover is measured against
(:mod:`tools.translate.erase_eval`).

Usage::

    lines = read_text(rgb)
    erased = erase_text(rgb, [line.box for line in lines])
    erased.image, erased.methods, erased.inks
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from tools.translate import fill

Box = tuple[int, int, int, int]

PAD = 0.08              # of the box height, added around an OCR box (they can be tight)
KERNEL = 0.4            # of the box height: top-hat kernel, wider than any stroke
THRESHOLD = 0.25        # of the text's contrast: top-hat response that counts as glyph
MIN_RESPONSE = 12.0     # grey levels: a response under this is never glyph (noise, texture)
CORE = 0.9              # of the contrast: glyph cores, whose median colour is the ink
MAJORITY = 0.6          # of the box: a colour covering more is the background, not ink
INSIDE_SHARE = 0.5      # of a connected part's pixels that must lie in the box to be glyph
FRINGE_PX = 1           # px of dilation for the anti-aliased edge and JPEG ringing


@dataclass
class Erased:
    """The image with its text removed, what was filled, and per box how and in what ink."""

    image: np.ndarray                   # H x W x 3 uint8
    mask: np.ndarray                    # bool H x W: the pixels that were replaced
    methods: list[str]                  # per box: flat, gradient, smooth, patch or none
    inks: list[tuple[int, int, int]]    # per box: the glyph cores' colour, (0, 0, 0) if none
    glyphs: np.ndarray                  # bool H x W: the strokes alone (what glyph_mask gives)


@dataclass
class Glyphs:
    """The glyphs found in one box: ``mask`` covers ``window`` (y0, y1, x0, x1) of the image;
    ``box`` is the padded box, clipped to the image."""

    box: Box
    window: tuple[int, int, int, int]
    mask: np.ndarray
    ink: tuple[int, int, int]
    height: int

    def place(self, shape: tuple[int, ...]) -> np.ndarray:
        """The glyph mask as a full-image bool array."""
        out = np.zeros(shape, dtype=bool)
        y0, y1, x0, x1 = self.window
        out[y0:y1, x0:x1] = self.mask
        return out


def glyph_mask(rgb: np.ndarray, boxes: Sequence[Box]) -> np.ndarray:
    """bool H x W: the pixels of the text inside the OCR boxes (glyph cores plus their
    anti-aliased fringe), not the whole box."""
    image = check_image(rgb)
    mask = np.zeros(image.shape[:2], dtype=bool)
    for found in find_glyphs(image, boxes):
        if found is not None:
            mask |= found.place(mask.shape)
    return mask


def find_glyphs(rgb: np.ndarray, boxes: Sequence[Box]) -> list[Glyphs | None]:
    """Per box, its glyphs (None for a box that is empty, degenerate or off the image)."""
    return [_glyphs_in(rgb, box) for box in boxes]


def erase_text(rgb: np.ndarray, boxes: Sequence[Box]) -> Erased:
    """``rgb`` with the text in ``boxes`` (OCR boxes, x0, y0, x1, y1) removed."""
    image = check_image(rgb)
    found = find_glyphs(image, boxes)
    pending = np.zeros(image.shape[:2], dtype=bool)
    for glyphs in found:
        if glyphs is not None:
            pending |= glyphs.place(pending.shape)
    strokes = pending.copy()
    canvas = image.copy()
    filled = np.zeros_like(pending)
    methods, inks = [], []
    for glyphs in found:
        if glyphs is None:
            methods.append("none")
            inks.append((0, 0, 0))
            continue
        target = glyphs.place(pending.shape) & pending
        done, method = fill.fill_box(canvas, target, pending, glyphs.box, glyphs.height)
        pending &= ~done
        filled |= done
        methods.append(method)
        inks.append(glyphs.ink)
    return Erased(canvas, filled, methods, inks, strokes)


def telea(rgb: np.ndarray, mask: np.ndarray, radius: int = 5) -> np.ndarray:
    """The baseline: OpenCV's Telea inpainting of ``mask`` (bool H x W)."""
    image = check_image(rgb)
    if mask.shape != image.shape[:2]:
        raise ValueError(f"mask of shape {mask.shape} does not match the image's "
                         f"{image.shape[:2]}")
    holes = np.asarray(mask, dtype=bool).astype(np.uint8) * 255
    return cv2.inpaint(image, holes, radius, cv2.INPAINT_TELEA)


def check_image(rgb: np.ndarray) -> np.ndarray:
    """``rgb`` as a contiguous H x W x 3 uint8 array; a ValueError says what is wrong."""
    array = np.asarray(rgb)
    if array.ndim != 3 or array.shape[2] != 3:
        raise ValueError(f"expected an RGB image (H x W x 3), got an array of shape "
                         f"{array.shape}")
    if array.dtype != np.uint8:
        raise ValueError(f"expected a uint8 image, got {array.dtype}")
    return np.ascontiguousarray(array)


def pad_box(box: Box, shape: tuple[int, int]) -> Box | None:
    """The box padded by ``PAD`` of its height and clipped to the image; None when nothing
    of it is left (degenerate, or off the image)."""
    x0, y0, x1, y1 = (round(float(v)) for v in box)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    pad = max(2, round(PAD * (y1 - y0)))
    height, width = shape
    clipped = (max(0, x0 - pad), max(0, y0 - pad), min(width, x1 + pad), min(height, y1 + pad))
    if clipped[2] - clipped[0] < 2 or clipped[3] - clipped[1] < 2:
        return None
    return clipped


def _glyphs_in(rgb: np.ndarray, box: Box) -> Glyphs | None:
    """The glyphs of one box: the thin, ink-coloured structure (see the module docstring)."""
    padded = pad_box(box, rgb.shape[:2])
    if padded is None:
        return None
    height = round(float(box[3]) - float(box[1]))
    kernel_px = max(5, round(KERNEL * height)) | 1
    x0, y0, x1, y1 = padded
    window = (max(0, y0 - kernel_px), min(rgb.shape[0], y1 + kernel_px),
              max(0, x0 - kernel_px), min(rgb.shape[1], x1 + kernel_px))
    crop = rgb[window[0]:window[1], window[2]:window[3]].astype(np.float32)
    inside = np.zeros(crop.shape[:2], dtype=bool)
    inside[y0 - window[0]:y1 - window[0], x0 - window[2]:x1 - window[2]] = True
    colours = _two_colours(crop, inside)
    if colours is None:
        return None
    background, ink = colours
    axis = (ink - background) / max(1e-3, float(np.linalg.norm(ink - background)))
    toward_ink = (crop - background) @ axis
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (kernel_px, kernel_px))
    response = cv2.morphologyEx(toward_ink, cv2.MORPH_TOPHAT, kernel)
    contrast = float(np.percentile(response[inside], 99))
    glyph = _inside_parts(response > max(MIN_RESPONSE, THRESHOLD * contrast), inside)
    if not glyph.any():
        return None
    cores = crop[(response > CORE * contrast) & inside]
    seen = np.median(cores if len(cores) else crop[glyph], axis=0)
    grown = cv2.dilate(glyph.astype(np.uint8), np.ones((2 * FRINGE_PX + 1,) * 2, np.uint8))
    mask = (grown > 0) & inside
    return Glyphs(padded, window, mask, _colour(seen), height)


def _inside_parts(candidates: np.ndarray, inside: np.ndarray) -> np.ndarray:
    """The candidates, less every connected part mostly outside the box: a glyph lies in its
    box, while a badge or button edge that is thin at this scale reaches out of it."""
    count, labels = cv2.connectedComponents(candidates.astype(np.uint8), connectivity=8)
    total = np.bincount(labels.ravel(), minlength=count)
    within = np.bincount(labels[inside], minlength=count)
    keep = within >= INSIDE_SHARE * np.maximum(total, 1)
    keep[0] = False
    return np.asarray(keep[labels] & inside)


def _two_colours(crop: np.ndarray, inside: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(background, ink) of the box: two k-means colours, the background being the one that
    owns most of the box's border, unless the other covers most of the box (a loose box
    around a button: its border is the banner, the button is the label's background). None
    when the box is one colour."""
    pixels = np.ascontiguousarray(crop[inside].reshape(-1, 3))
    if len(pixels) < 8 or float(pixels.std(axis=0).max()) < 2.0:
        return None
    criteria = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_MAX_ITER, 10, 1.0)
    cv2.setRNGSeed(0)
    _, labels, centres = cv2.kmeans(pixels, 2, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    ring = inside & ~cv2.erode(inside.astype(np.uint8), np.ones((3, 3), np.uint8),
                               borderType=cv2.BORDER_CONSTANT, borderValue=0).astype(bool)
    border = crop[ring]
    first_on_border = (np.linalg.norm(border - centres[0], axis=1)
                       < np.linalg.norm(border - centres[1], axis=1)).mean() >= 0.5
    first_share = float((labels.ravel() == 0).mean())
    ink_share = 1.0 - first_share if first_on_border else first_share
    first_is_background = first_on_border == (ink_share <= MAJORITY)
    return (centres[0], centres[1]) if first_is_background else (centres[1], centres[0])


def _colour(values: np.ndarray) -> tuple[int, int, int]:
    clipped = np.clip(np.round(values), 0, 255).astype(int)
    return (int(clipped[0]), int(clipped[1]), int(clipped[2]))
