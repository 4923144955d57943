"""Busy scenes: the learned subject prior checked against the photo's own colours.

On clutter U2-Netp half believes in shapes that touch the product (a disc behind a bottle's
cap, a bar across a shoe). A graph cut (OpenCV's GrabCut) seeded by the prior settles them:
the product's colours are learnt from where the model is sure deep inside it, the
background's from where it is sure there is none, and the pixels between go to the side
whose colours they share, cut along the photo's edges. It runs on the product's box at
``SIZE`` px, three rounds (about a tenth of a model pass).

Example::

    product = colour_cut(rgb, prior, box)   # bool, the prior's shape
"""

from __future__ import annotations

import cv2
import numpy as np

from tools.cutout.stages import Box, box_on

SIZE = 320      # px, long side of the box the cut runs on
ROUNDS = 3      # GrabCut iterations
SURE = 0.9      # the model's probability for sure product (deep inside it) ...
CORE = 0.3      # ... deeper than this share of the product's largest inner distance
NONE = 0.05     # under this, sure background


def colour_cut(rgb: np.ndarray, prior: np.ndarray, box: Box) -> np.ndarray:
    """Which pixels of the prior's grid (the photo at any size) are the product, by a
    graph cut over the photo's colours in ``box`` (left, top, right, bottom in the photo's
    pixels) seeded by ``prior``; outside the box, what the prior says (>= 0.5)."""
    left, top, right, bottom = box
    x0, y0, x1, y1 = box_on(box, rgb.shape, prior.shape)
    product = prior >= 0.5
    seen = prior[y0:y1, x0:x1]
    if min(seen.shape) < 8 or not (seen >= SURE).any() or not (seen < NONE).any():
        return product
    scale = min(1.0, SIZE / max(seen.shape))
    shape = (max(8, round(seen.shape[1] * scale)), max(8, round(seen.shape[0] * scale)))
    view = cv2.resize(rgb[top:bottom, left:right], shape, interpolation=cv2.INTER_AREA)
    chance = cv2.resize(seen, shape, interpolation=cv2.INTER_AREA)
    seeds = _seeds(chance)
    if not (seeds == cv2.GC_FGD).any():
        return product
    models = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.grabCut(np.ascontiguousarray(view[..., ::-1]), seeds, (0, 0, *shape), models[0], models[1],
                ROUNDS, cv2.GC_INIT_WITH_MASK)
    cut = ((seeds == cv2.GC_FGD) | (seeds == cv2.GC_PR_FGD)).astype(np.float32)
    product[y0:y1, x0:x1] = cv2.resize(cut, (x1 - x0, y1 - y0),
                                       interpolation=cv2.INTER_LINEAR) >= 0.5
    return product


def _seeds(chance: np.ndarray) -> np.ndarray:
    """GrabCut's starting labels from the model's probability."""
    seeds = np.full(chance.shape, cv2.GC_BGD, np.uint8)
    seeds[chance >= NONE] = cv2.GC_PR_BGD
    inside = chance >= 0.5
    seeds[inside] = cv2.GC_PR_FGD
    depth = cv2.distanceTransform(inside.astype(np.uint8), cv2.DIST_L2, 5)
    if depth.max() > 0:
        seeds[(depth > CORE * depth.max()) & (chance >= SURE)] = cv2.GC_FGD
    return seeds
