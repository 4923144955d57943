"""The ``yolo`` backend: Ultralytics instance segmentation, offline.

Ultralytics reads its configuration from the environment when it is first imported, so
``prepare_ultralytics`` sets it before that import: ``YOLO_OFFLINE=1`` (no online checks),
``YOLO_CONFIG_DIR`` under Shopmind's cache, ``YOLO_AUTOINSTALL=false`` (no pip at run
time); then it turns off every integration and telemetry setting, and copies the fonts
Ultralytics looks for (``Arial.ttf``, ``Arial.Unicode.ttf``; see
``ultralytics.utils.checks.check_font``) into its config folder from matplotlib's own
DejaVu Sans, so that plotting and dataset checks never reach for the network.

Weights: a path (``settings``-style, or the tool's ``weights`` input), or a bare
Ultralytics model name such as ``yolo11n-seg.pt`` that is already in the weights folder;
only with ``allow_download`` may Ultralytics fetch it itself, on a machine that is online.

Example::

    segmenter = YoloSegmenter(Path("cutout-seg.pt"), cache_dir=settings.cache_dir)
    pipeline = CutoutPipeline(segmenter)
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from shopmind.errors import DependencyUnavailable, InvalidInput
from tools.cutout.stages import Instance, Segmentation

FONT_NAMES = ("Arial.ttf", "Arial.Unicode.ttf")
_QUIET_SETTINGS = {
    "sync": False, "clearml": False, "comet": False, "dvc": False, "mlflow": False,
    "raytune": False, "tensorboard": False, "wandb": False, "vscode_msg": False,
    "openvino_msg": False,
}


def prepare_ultralytics(config_dir: Path, offline: bool = True) -> Path:
    """Configures Ultralytics for offline use and returns its user config folder.

    Idempotent. Must run before the first ``import ultralytics`` to take full effect; if
    Ultralytics was imported earlier, its settings and fonts are still fixed here.
    """
    config_dir.mkdir(parents=True, exist_ok=True)
    # Ultralytics is configured only through the environment, read once at its import.
    os.environ.setdefault("YOLO_CONFIG_DIR", str(config_dir))
    os.environ["YOLO_AUTOINSTALL"] = "false"
    os.environ.setdefault("YOLO_VERBOSE", "false")
    if offline:
        os.environ["YOLO_OFFLINE"] = "1"
    try:
        import ultralytics.utils as ultralytics_utils
        from ultralytics import settings
    except ImportError as exc:
        raise DependencyUnavailable("ultralytics", f"it is not installed: {exc}") from exc
    user_dir = Path(ultralytics_utils.USER_CONFIG_DIR)
    install_fonts(user_dir)
    settings.update({**_QUIET_SETTINGS, "weights_dir": str(user_dir / "weights"),
                     "runs_dir": str(user_dir / "runs"),
                     "datasets_dir": str(user_dir / "datasets")})
    return user_dir


def install_fonts(folder: Path) -> None:
    """Puts DejaVu Sans (shipped by matplotlib) where Ultralytics looks for Arial."""
    import matplotlib

    source = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    if not source.is_file():
        raise DependencyUnavailable("matplotlib", f"its font {source} is missing")
    folder.mkdir(parents=True, exist_ok=True)
    for name in FONT_NAMES:
        target = folder / name
        if not target.is_file():
            shutil.copyfile(source, target)


class YoloSegmenter:
    """Ultralytics segmentation: boxes, masks and class names for every product it sees."""

    name = "yolo"

    def __init__(self, weights: Path | str, cache_dir: Path, confidence: float = 0.25,
                 image_size: int = 640, allow_download: bool = False) -> None:
        self.weights = weights
        self.config_dir = cache_dir / "ultralytics"
        self.confidence = confidence
        self.image_size = image_size
        self.allow_download = allow_download
        self._model: Any = None

    def warm_up(self) -> None:
        if self._model is not None:
            return
        user_dir = prepare_ultralytics(self.config_dir, offline=not self.allow_download)
        source = self._resolve(user_dir / "weights")
        from ultralytics import YOLO

        try:
            self._model = YOLO(str(source), task="segment")
        except (OSError, RuntimeError, ValueError, KeyError) as exc:
            raise DependencyUnavailable("yolo", f"cannot load weights {source}: {exc}") from exc

    def _resolve(self, weights_dir: Path) -> Path | str:
        path = Path(self.weights)
        if path.is_file():
            return path
        if path.parent == Path(".") and (weights_dir / path.name).is_file():
            return weights_dir / path.name
        if self.allow_download and path.parent == Path("."):
            return path.name  # Ultralytics downloads known model names when online
        raise DependencyUnavailable(
            "yolo", f"no weights at {self.weights} (set a weights path, or allow the "
                    f"download of a known model name on a machine that is online)")

    def segment(self, rgb: np.ndarray, keep_shadow: bool = False) -> Segmentation:
        """``keep_shadow`` is ignored: the model segments objects, not their shadows."""
        self.warm_up()
        bgr = np.ascontiguousarray(rgb[..., ::-1])
        try:
            results = self._model.predict(bgr, imgsz=self.image_size, conf=self.confidence,
                                          retina_masks=True, verbose=False, device="cpu")
        except (RuntimeError, ValueError) as exc:
            raise InvalidInput(f"the YOLO model could not read this image: {exc}") from exc
        return _segmentation(results[0], rgb.shape[:2])


def _segmentation(result: Any, shape: tuple[int, ...]) -> Segmentation:
    if result.masks is None or len(result.masks) == 0:
        return Segmentation([], notes=["yolo: nothing detected"])
    masks = result.masks.data.cpu().numpy().astype(np.float32)
    classes = result.boxes.cls.cpu().numpy().astype(int)
    scores = result.boxes.conf.cpu().numpy().astype(float)
    names = result.names
    instances = []
    for mask, cls, score in zip(masks, classes, scores, strict=True):
        if mask.shape != tuple(shape):
            import cv2

            mask = cv2.resize(mask, (shape[1], shape[0]), interpolation=cv2.INTER_LINEAR)
        if (mask > 0.5).any():
            instances.append(Instance(mask=mask, label=str(names[int(cls)]), confidence=score))
    notes = [f"yolo: {i.label} {i.confidence:.2f}" for i in instances]
    return Segmentation(instances, notes=notes)
