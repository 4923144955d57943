"""How good a mask is: against ground truth (IoU, boundary F-measure) for benchmarks and
tests, and without it (``mask_quality``) for every cutout the pipeline saves."""

from __future__ import annotations

import cv2
import numpy as np

EDGE_MIN_GRADIENT = 12.0   # grey levels per pixel (Sobel/8): an outline pixel on a visible edge


def iou(predicted: np.ndarray, truth: np.ndarray) -> float:
    """Intersection over union of two boolean masks (1.0 when both are empty)."""
    union = np.logical_or(predicted, truth).sum()
    return float(np.logical_and(predicted, truth).sum() / union) if union else 1.0


def outline(mask: np.ndarray) -> np.ndarray:
    """The mask's own pixels that touch the outside (8-neighbourhood)."""
    solid = mask.astype(np.uint8)
    return (solid - cv2.erode(solid, np.ones((3, 3), np.uint8))) > 0


def boundary_f(predicted: np.ndarray, truth: np.ndarray, tolerance: float = 3.0) -> float:
    """Boundary F-measure: outline precision and recall within ``tolerance`` pixels."""
    edge_p, edge_t = outline(predicted), outline(truth)
    if not edge_p.any() or not edge_t.any():
        return float(edge_p.any() == edge_t.any())
    to_truth = cv2.distanceTransform((~edge_t).astype(np.uint8), cv2.DIST_L2, 5)
    to_pred = cv2.distanceTransform((~edge_p).astype(np.uint8), cv2.DIST_L2, 5)
    precision = float((to_truth[edge_p] <= tolerance).mean())
    recall = float((to_pred[edge_t] <= tolerance).mean())
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def mask_quality(rgb: np.ndarray, alpha: np.ndarray, confidence: float = 1.0) -> float:
    """A 0..1 score of how trustworthy a cutout looks, with no ground truth.

    The product of: the share of the outline that lies on a visible image edge (a cut
    through flat colour is a guess); a penalty when the product touches the frame (it may
    be cut off); a penalty for implausible sizes (under 0.3% or over 90% of the frame);
    and the backend's own confidence (a busy background halves it).
    """
    solid = alpha >= 0.5
    area = float(solid.mean())
    if area == 0.0:
        return 0.0
    edge = outline(solid)
    if not edge.any():  # the whole frame: no outline to judge
        return round(0.25 * confidence, 3)
    left, top, width, height = cv2.boundingRect(edge.astype(np.uint8))
    window = (slice(max(0, top - 2), top + height + 2), slice(max(0, left - 2), left + width + 2))
    grey = cv2.cvtColor(np.ascontiguousarray(rgb[window]), cv2.COLOR_RGB2GRAY).astype(np.float32)
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3) / 8
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3) / 8
    strength = cv2.dilate(cv2.magnitude(gx, gy), np.ones((3, 3), np.uint8))
    on_edge = float((strength[edge[window]] >= EDGE_MIN_GRADIENT).mean())
    frame = np.zeros_like(solid)
    frame[[0, -1], :] = frame[:, [0, -1]] = True
    touching = float((solid & frame).sum()) / max(1.0, float(edge.sum()))
    size_ok = 1.0 if 0.003 <= area <= 0.9 else 0.5
    score = on_edge * (1.0 - min(0.5, 2 * touching)) * size_ok * confidence
    return round(float(np.clip(score, 0.0, 1.0)), 3)
