"""Training a YOLO segmentation model on product shots with exact masks (no download).

The project's demo catalogue renders every product with its mask, so a model can be trained
from ``yolo11n-seg.yaml`` (an architecture, no weights) on the machine itself. This is how
the ``yolo`` backend's code path is proven offline; a real deployment would train longer on
real photos, or point the backend at weights it already has.

Example::

    dataset = write_yolo_dataset(examples, Path("var/yolo-data"))
    weights = train_segmenter(dataset, Path("var/yolo-runs"), cache_dir, epochs=30)
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import yaml
from PIL import Image

from shopmind.errors import InvalidInput, ToolFailed
from tools.cutout.yolo import prepare_ultralytics


@dataclass(frozen=True)
class MaskedExample:
    """One training photo, its product mask (white = product) and the product's class name."""

    image: Path
    mask: Path
    label: str


def mask_polygons(mask: np.ndarray, min_area: float = 16.0) -> list[np.ndarray]:
    """Outer contours of a boolean mask as (n, 2) pixel polygons, simplified to 1 px."""
    contours, _ = cv2.findContours(mask.astype(np.uint8), cv2.RETR_EXTERNAL,
                                   cv2.CHAIN_APPROX_SIMPLE)
    polygons = []
    for contour in contours:
        if cv2.contourArea(contour) < min_area:
            continue
        simplified = cv2.approxPolyDP(contour, 1.0, True).reshape(-1, 2)
        if len(simplified) >= 3:
            polygons.append(simplified)
    return polygons


def label_lines(mask: np.ndarray, class_index: int) -> list[str]:
    """YOLO segmentation label rows: ``class x1 y1 x2 y2 ...`` normalised to 0..1."""
    height, width = mask.shape
    lines = []
    for polygon in mask_polygons(mask):
        coords = np.column_stack([polygon[:, 0] / width, polygon[:, 1] / height]).ravel()
        lines.append(f"{class_index} " + " ".join(f"{v:.5f}" for v in np.clip(coords, 0, 1)))
    return lines


def write_yolo_dataset(examples: list[MaskedExample], out_dir: Path, val_every: int = 4
                       ) -> Path:
    """Images and polygon labels in Ultralytics' layout; returns the dataset YAML path."""
    if not examples:
        raise InvalidInput("no training examples")
    names = sorted({e.label for e in examples})
    for index, example in enumerate(examples):
        split = "val" if val_every and index % val_every == val_every - 1 else "train"
        _write_example(example, out_dir, split, names.index(example.label))
    if not (out_dir / "images" / "val").is_dir():  # always something to validate on
        _write_example(examples[0], out_dir, "val", names.index(examples[0].label))
    config = {"path": str(out_dir.resolve()), "train": "images/train", "val": "images/val",
              "names": dict(enumerate(names))}
    target = out_dir / "data.yaml"
    target.write_text(yaml.safe_dump(config, sort_keys=False))
    return target


def _write_example(example: MaskedExample, out_dir: Path, split: str, class_index: int) -> None:
    images, labels = out_dir / "images" / split, out_dir / "labels" / split
    images.mkdir(parents=True, exist_ok=True)
    labels.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(example.image, images / example.image.name)
    mask = np.asarray(Image.open(example.mask).convert("L")) >= 128
    lines = label_lines(mask, class_index)
    (labels / f"{example.image.stem}.txt").write_text("\n".join(lines) + "\n")


def train_segmenter(dataset: Path, out_dir: Path, cache_dir: Path, epochs: int = 1,
                    image_size: int = 320, model: str = "yolo11n-seg.yaml", batch: int = 4
                    ) -> Path:
    """Trains from an architecture YAML (no pretrained weights) on the CPU; returns weights."""
    prepare_ultralytics(cache_dir / "ultralytics")
    from ultralytics import YOLO

    network = YOLO(model, task="segment")
    try:
        network.train(data=str(dataset), epochs=epochs, imgsz=image_size, batch=batch,
                      device="cpu", workers=0, pretrained=False, amp=False, plots=False,
                      project=str(out_dir), name="train", exist_ok=True, verbose=False,
                      cache=False, deterministic=True, seed=0, val=True)
    except (RuntimeError, ValueError, FileNotFoundError) as exc:
        raise ToolFailed("yolo", f"training failed: {exc}") from exc
    weights = out_dir / "train" / "weights"
    for name in ("best.pt", "last.pt"):
        if (weights / name).is_file():
            return weights / name
    raise ToolFailed("yolo", f"training wrote no weights under {weights}")
