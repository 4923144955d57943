"""The yolo backend, offline: configuration, training data, and (integration) a tiny model
trained for one epoch on the demo catalogue's own renders, run through the whole pipeline."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from shopmind.errors import DependencyUnavailable
from tests.testing import settings_for
from tools.cutout.batch import run_batch
from tools.cutout.pipeline import CutoutOptions, CutoutPipeline
from tools.cutout.yolo import FONT_NAMES, YoloSegmenter, prepare_ultralytics
from tools.cutout.yolo_training import (
    MaskedExample,
    label_lines,
    train_segmenter,
    write_yolo_dataset,
)


def test_ultralytics_is_configured_offline_with_its_fonts(tmp_path: Path) -> None:
    user_dir = prepare_ultralytics(tmp_path / "ultralytics")
    from ultralytics import settings
    from ultralytics.utils import ONLINE

    assert os.environ["YOLO_OFFLINE"] == "1" and not ONLINE
    assert all((user_dir / name).stat().st_size > 100_000 for name in FONT_NAMES)
    assert settings["sync"] is False and settings["mlflow"] is False


def test_masks_become_normalised_polygon_labels() -> None:
    mask = np.zeros((100, 200), bool)
    mask[20:60, 50:150] = True
    (line,) = label_lines(mask, class_index=3)
    values = [float(v) for v in line.split()[1:]]
    assert line.startswith("3 ") and len(values) >= 6 and all(0 <= v <= 1 for v in values)
    xs, ys = values[0::2], values[1::2]
    assert min(xs) == pytest.approx(0.25, abs=0.01) and max(ys) == pytest.approx(0.59, abs=0.01)


def test_missing_weights_are_a_clear_error(tmp_path: Path) -> None:
    segmenter = YoloSegmenter(tmp_path / "none.pt", cache_dir=tmp_path)
    with pytest.raises(DependencyUnavailable, match="no weights"):
        segmenter.warm_up()


def _examples(catalog: Path, per_class: int = 3) -> list[MaskedExample]:
    rows = [json.loads(line) for line in (catalog / "products.jsonl").read_text().splitlines()]
    chosen: dict[str, list[str]] = {}
    for row in rows:
        if row["category"] in ("drinks", "footwear"):
            chosen.setdefault(row["category"], []).append(row["id"])
    images = catalog / "images"
    return [MaskedExample(images / f"{pid}.jpg", images / f"{pid}.mask.png", category)
            for category, ids in sorted(chosen.items()) for pid in ids[:per_class]]


@pytest.mark.integration
def test_tiny_model_trained_offline_runs_the_whole_pipeline(session_data: Path,
                                                            tmp_path: Path) -> None:
    examples = _examples(session_data / "catalog")
    dataset = write_yolo_dataset(examples, tmp_path / "dataset")
    assert (tmp_path / "dataset" / "labels" / "train").is_dir()
    weights = train_segmenter(dataset, tmp_path / "runs", tmp_path / "cache", epochs=1,
                              image_size=160, batch=4)
    assert weights.is_file()

    segmenter = YoloSegmenter(weights, tmp_path / "cache", confidence=0.0001, image_size=160)
    options = CutoutOptions(backend="yolo", keep="all", confidence=0.0001)
    result = CutoutPipeline(segmenter, options).run(Image.open(examples[0].image))
    assert result.box is not None and result.rgba.shape == (800, 800, 4)
    assert set(result.labels) <= {"drinks", "footwear"} and result.labels

    photos = tmp_path / "photos"
    photos.mkdir()
    for example in examples[:2]:
        Image.open(example.image).save(photos / example.image.name)
    report = run_batch(photos, tmp_path / "out", options, settings_for(tmp_path / "var"),
                       weights=weights)
    assert len(report.done) == 2, report.summary()
