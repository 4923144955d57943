"""The ``fused`` backend: the learned subject prior and the classic background model together.

Each does what it is good at:

- the classic pipeline (``classic``) models the studio background, floods it through soft
  shadows and knows the product's outline to the pixel where product and background differ;
  on its own it cannot tell a contact shadow or a white box on white from the product;
- U2-Netp (``learned``) knows *which* pixels are the product, even on clutter, but only at
  320x320, so its outline is blurred and a shadow under an object is sometimes half in.

Per photo:

1. Studio background (the border fits the background model, textured backdrops included):
   when the classic cutout scores very high on ``mask_quality`` (its outline lies on visible
   edges, inside the frame, a plausible size), it is kept and the model is not run at all
   (fast: more than half of the benchmark's plain shots; the model pass is most of the
   cost). Otherwise the model takes a *closer look*: one pass over the classic products'
   box with a ``MARGIN`` (the whole photo when the product runs past it), so a product
   filling half the photo is seen at twice the detail of a whole-photo pass, with the box's
   own aspect (320 px on its long side: a shoe is not stretched into a square, and the pass
   costs less), and the prior is kept at up to ``FINE_SIZE`` px for the edge. The two masks
   are then *arbitrated* at the working size: where they disagree by a thin band (under
   ``THIN`` px) the classic outline stands; where they disagree by a thick region (a
   contact shadow the flood kept, a white body the flood ate), the model decides.
2. Busy scene (the border is clutter): the classic pipeline can only guess, so a first look
   over the whole photo finds the main subject, the closer look around it (averaged with its
   mirror image where it is unsure: the model's mistakes on clutter differ between the two)
   says which pixels are the product, a graph cut over the photo's colours seeded by it
   settles what the model half believes in (``colour_cut``), and pieces of the mask without
   one pixel the model is sure of (``SEED``) are clutter.

The answer is a soft mask (the model's probability, clipped to the side the arbitration
chose), so that the pipeline's matting, decontamination and shadow layer work at full
resolution as for the classic backend, and the model's own (fine) probability as the edge
prior: in the edge band the alpha is at least ``EDGE_SHARE`` of that probability (from the
closer look, it follows a smooth outline within a pixel or two) and at most the rest the
classic colour solve, less where product and background colours are close
(``matting.edge_alpha``; the solve between two near-whites is noise, and alone it cuts
white rims off dark products).
If the model file is missing, the backend is the classic one, and every result says why
(``notes``).

Example::

    pipeline = CutoutPipeline(FusedSegmenter())
    result = pipeline.run(Image.open("jar.jpg"))
"""

from __future__ import annotations

import logging

import cv2
import numpy as np

from shopmind.errors import DependencyUnavailable
from tools.cutout.classic import ClassicSegmenter, StudioShot, resize_long_side
from tools.cutout.colour_cut import colour_cut
from tools.cutout.learned import SubjectModel
from tools.cutout.pipeline import select_instances
from tools.cutout.quality import mask_quality
from tools.cutout.regions import product_groups
from tools.cutout.stages import Box, Instance, Segmentation, box_on

log = logging.getLogger(__name__)

TRUST_QUALITY = 0.95    # a classic cutout scoring this high on a studio background is kept
EDGE_SHARE = 0.8        # least share of the edge alpha from the model's probability (matting)
THIN = 2                # px at the working size: thinner disagreements keep the classic outline
MODEL_SHARE = 0.05      # a classic product the model sees less of than this is left to classic
EDGE = 1e-3             # keeps clipped probabilities on their side of 0.5
CERTAIN = 0.02          # a probability this close to 0 or 1 is taken as 0 or 1
FINE_SIZE = 1024        # px, long side of the prior kept for the edge (the closer look's detail)
MARGIN = 0.12           # share of the product's long side around it for the closer look
MARGIN_PX = 8           # px of the photo, added to that margin
UNSURE = 0.15           # busy scene: a closer look this unsure is averaged with its mirror image
ADDED = 0.9             # busy scene: the prior given to what the colour cut adds
SEED = 0.95             # busy scene: a piece of the model's mask without a pixel this sure goes


class FusedSegmenter:
    """Classic background model + U2-Netp subject prior; falls back to classic alone."""

    name = "fused"

    def __init__(self, model: SubjectModel | None = None,
                 classic: ClassicSegmenter | None = None,
                 trust_quality: float = TRUST_QUALITY) -> None:
        self.model = model or SubjectModel()
        self.classic = classic or ClassicSegmenter()
        self.trust_quality = trust_quality
        self.fallback: str | None = None

    def warm_up(self) -> None:
        """Loads the model; if it cannot load, logs why once and works as classic."""
        if self.model.ready or self.fallback:
            return
        try:
            self.model.warm_up()
        except DependencyUnavailable as exc:
            self.fallback = f"learned model unavailable, used the classic pipeline: {exc.message}"
            log.warning("cutout: %s", self.fallback)

    def segment(self, rgb: np.ndarray, keep_shadow: bool = False) -> Segmentation:
        self.warm_up()
        studio = self.classic.studio(rgb)
        if self.fallback:
            answer = (studio.segmentation(keep_shadow) if studio
                      else self.classic.segment(rgb, keep_shadow))
            answer.notes.append(self.fallback)
            return answer
        if studio is not None:
            score = classic_quality(studio)
            if score >= self.trust_quality:
                answer = studio.segmentation(keep_shadow)
                answer.notes.append(f"studio background, classic cutout trusted "
                                    f"(quality {score:.2f}); learned model not needed")
                return answer
            small, fine = self._studio_prior(rgb, studio)
            return fuse(studio, small, keep_shadow, fine)
        work = resize_long_side(rgb, self.classic.work_size)
        small, fine = self._busy_prior(rgb, work)
        return fuse(None, small, keep_shadow, fine)

    def _studio_prior(self, rgb: np.ndarray, studio: StudioShot
                      ) -> tuple[np.ndarray, np.ndarray]:
        """The model's closer look around the classic products (the whole photo when there
        are none, or when the product goes on past the box): at the working size and fine."""
        shape = fine_shape(rgb.shape[:2])
        box = (around(np.logical_or.reduce(studio.groups), rgb.shape[:2]) if studio.groups
               else None)
        fine = self.model.probability(rgb, shape, box, keep_aspect=True)
        if box is not None and _runs_past(fine >= 0.5, box, rgb.shape[:2]):
            fine = self.model.probability(rgb, shape, keep_aspect=True)
        return _at(fine, studio.small.shape[:2]), fine

    def _busy_prior(self, rgb: np.ndarray, work: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A first look at the whole photo finds the main subject; a closer look around it
        (with its mirror image when it is unsure) says which pixels are the product, and a
        graph cut over the photo's colours settles the pixels it half believes in
        (``colour_cut``). Both looks are square: on clutter a kept aspect did worse (busy
        IoU 0.908 against 0.935 on the benchmark)."""
        coarse = self.model.probability(rgb, work.shape[:2])
        main = select_instances([Instance(mask=g.astype(np.float32), confidence=float(
            coarse[g].mean())) for g in product_groups(coarse >= 0.5)], "main")
        if not main:
            return coarse, coarse
        box = around(main[0].mask > 0.5, rgb.shape[:2])
        shape = fine_shape(rgb.shape[:2])
        fine = self.model.probability(rgb, shape, box)
        if _unsure(fine) > UNSURE:
            mirror = self.model.probability(rgb[:, ::-1], shape, _mirrored(box, rgb.shape[1]))
            fine = 0.5 * (fine + mirror[:, ::-1])
        product = colour_cut(rgb, fine, box)
        believed = fine >= 0.5
        # what the cut adds is likely, not sure: a piece of it alone is no product (``seeded``)
        fine = np.where(product == believed, fine, np.where(product, ADDED, 0.0))
        return _at(fine, work.shape[:2]), fine


def classic_quality(studio: StudioShot) -> float:
    """``mask_quality`` of the classic main product at the working size (0 when none)."""
    if not studio.groups:
        return 0.0
    return mask_quality(studio.small, studio.groups[0].astype(np.float32))


def fuse(studio: StudioShot | None, prior: np.ndarray, keep_shadow: bool = False,
         fine: np.ndarray | None = None) -> Segmentation:
    """The fused segmentation from the classic analysis (None: busy) and the model's prior
    at the working size (``fine``: the same at a finer size, for the edge)."""
    edge_prior = prior if fine is None else fine
    if studio is None:
        kept = seeded(prior >= 0.5, prior >= SEED)
        products = [whole(g, kept) for g in product_groups(kept)]
        note = "busy background: the learned subject model chose the product"
        instances = [Instance(mask=_soft(prior, g), confidence=float(prior[g].mean()))
                     for g in products]
        return Segmentation(instances, notes=[note], prior_share=EDGE_SHARE, prior=edge_prior)
    classic = (np.logical_or.reduce(studio.groups) if studio.groups
               else np.zeros(prior.shape, bool))
    chosen = arbitrate(classic, prior >= 0.5, studio.groups)
    instances = [Instance(mask=_soft(prior, whole(g, chosen))) for g in product_groups(chosen)]
    answer = studio.segmentation(keep_shadow)
    note = "studio background, classic outline with the learned subject prior"
    return Segmentation(instances, shadow=answer.shadow, notes=[note], prior_share=EDGE_SHARE,
                        prior=edge_prior)


def whole(group: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``group`` with every part of ``mask`` joined to it: the thin parts (the temples of a
    pair of glasses, a cable) that grouping's speck filter opened away."""
    return seeded(mask, group)


def seeded(mask: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """The connected pieces of ``mask`` that hold a seed (the model is sure of part of the
    product; a piece of clutter it half believes in has no such pixel)."""
    count, labels = cv2.connectedComponents(mask.astype(np.uint8), connectivity=8)
    kept = np.zeros(count, bool)
    kept[np.unique(labels[seeds & mask])] = True
    kept[0] = False
    return kept[labels]


def fine_shape(shape: tuple[int, ...]) -> tuple[int, int]:
    """The photo's (height, width) scaled to at most ``FINE_SIZE`` on the long side."""
    height, width = shape[:2]
    scale = min(1.0, FINE_SIZE / max(height, width))
    return max(1, round(height * scale)), max(1, round(width * scale))


def around(mask: np.ndarray, shape: tuple[int, ...]) -> Box:
    """The box of ``mask`` (any size with the photo's aspect) in the photo's pixels, with a
    ``MARGIN`` of its long side on every side, inside the photo."""
    height, width = shape[:2]
    ys, xs = np.nonzero(mask)
    scale_y, scale_x = height / mask.shape[0], width / mask.shape[1]
    top, bottom = ys.min() * scale_y, (ys.max() + 1) * scale_y
    left, right = xs.min() * scale_x, (xs.max() + 1) * scale_x
    pad = MARGIN * max(bottom - top, right - left) + MARGIN_PX
    return (max(0, int(left - pad)), max(0, int(top - pad)),
            min(width, int(np.ceil(right + pad))), min(height, int(np.ceil(bottom + pad))))


def _runs_past(mask: np.ndarray, box: Box, shape: tuple[int, ...]) -> bool:
    """Whether ``mask`` (the photo at any size) reaches a side of ``box`` that is not the
    photo's own edge: the product may go on outside the box."""
    height, width = shape[:2]
    left, top, right, bottom = box
    x0, y0, x1, y1 = box_on(box, shape, mask.shape)
    inside = mask[y0:y1, x0:x1]
    if min(inside.shape) < 3:
        return False
    sides = ((top > 0, inside[1]), (bottom < height, inside[-2]),
             (left > 0, inside[:, 1]), (right < width, inside[:, -2]))
    return any(inner and line.any() for inner, line in sides)


def _unsure(prior: np.ndarray) -> float:
    """The area where the model half believes (0.1 to 0.9), over the area it believes in."""
    area = int((prior >= 0.5).sum())
    return float(((prior > 0.1) & (prior < 0.9)).sum()) / max(1, area)


def _mirrored(box: Box, width: int) -> Box:
    left, top, right, bottom = box
    return width - right, top, width - left, bottom


def _at(prior: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    return cv2.resize(prior, (shape[1], shape[0]), interpolation=cv2.INTER_AREA)


def arbitrate(classic: np.ndarray, model: np.ndarray, groups: list[np.ndarray]) -> np.ndarray:
    """Classic mask, except where the model disagrees over a thick region.

    A classic product the model hardly sees (a second product, a prop) is left as it is: the
    model is a prior on the subject, not a detector of every object."""
    out = classic.copy()
    disk = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * THIN + 1, 2 * THIN + 1))
    ignored = np.zeros_like(classic)
    for group in groups:
        if (group & model).sum() < MODEL_SHARE * group.sum():
            ignored |= group
    for disagreement, value in ((classic & ~model & ~ignored, False), (model & ~classic, True)):
        out[_thick_parts(disagreement, disk)] = value
    return out


def _thick_parts(region: np.ndarray, disk: np.ndarray) -> np.ndarray:
    """The connected parts of ``region`` that are wider than ``disk`` somewhere."""
    core = cv2.erode(region.astype(np.uint8), disk)
    if not core.any():
        return np.zeros_like(region)
    count, labels = cv2.connectedComponents(region.astype(np.uint8), connectivity=8)
    thick = np.zeros(count, bool)
    thick[np.unique(labels[core > 0])] = True
    thick[0] = False
    return thick[labels]


def _soft(prior: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """The model's probability kept on the side of 0.5 the arbitration chose; the near-certain
    ends exact (a background at 0.003 would otherwise leave a faint haze over the cutout)."""
    inside = np.where(prior >= 1.0 - CERTAIN, 1.0, np.maximum(prior, 0.5 + EDGE))
    outside = np.where(prior <= CERTAIN, 0.0, np.minimum(prior, 0.5 - EDGE))
    return np.where(chosen, inside, outside).astype(np.float32)
