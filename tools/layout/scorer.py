"""The learned layout scorer: a weighted sum of feature costs, lower is better.

Weights and the typical value of each target feature per aspect class are learned from the
designer examples against perturbed copies of them (see :mod:`tools.layout.learning`) and
shipped as ``data/scorer.json``; ``python -m tools.layout.learning`` retrains them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from tools.layout.features import COSTS, TARGETS, aspect_class, raw_features
from tools.layout.model import Layout
from tools.layout.placement import SaliencyGrid

FEATURES = COSTS + TARGETS
MIN_SPREAD = {"product_area": 0.04, "headline_size": 0.008, "hierarchy": 0.3, "coverage": 0.05,
              "text_product_gap": 0.02, "text_area": 0.03}


@dataclass
class ScorerModel:
    weights: np.ndarray
    stats: dict[str, dict[str, tuple[float, float]]]  # aspect class -> target -> (mean, spread)
    info: dict[str, Any] = field(default_factory=dict)

    def vector(self, raw: dict[str, float], klass: str) -> np.ndarray:
        stats = self.stats.get(klass) or self.stats["all"]
        costs = [raw[name] for name in COSTS]
        targets = [abs(raw[name] - stats[name][0]) / stats[name][1] for name in TARGETS]
        return np.array(costs + targets, dtype=np.float64)

    def features(self, layout: Layout, saliency: SaliencyGrid) -> np.ndarray:
        return self.vector(raw_features(layout, saliency), aspect_class(layout.width,
                                                                        layout.height))

    def cost(self, layout: Layout, saliency: SaliencyGrid) -> float:
        return float(self.weights @ self.features(layout, saliency))

    def to_json(self) -> str:
        return json.dumps({
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in self.weights],
            "stats": {k: {n: [round(m, 6), round(s, 6)] for n, (m, s) in v.items()}
                      for k, v in self.stats.items()},
            "info": self.info,
        }, indent=1)

    @classmethod
    def from_json(cls, text: str) -> ScorerModel:
        data = json.loads(text)
        if tuple(data["features"]) != FEATURES:
            raise ValueError("scorer.json was trained on other features; retrain it")
        stats = {k: {n: (float(m), float(s)) for n, (m, s) in v.items()}
                 for k, v in data["stats"].items()}
        return cls(np.array(data["weights"], dtype=np.float64), stats, data.get("info", {}))


SCORER_FILE = "data/scorer.json"


@lru_cache(maxsize=1)
def load_scorer() -> ScorerModel:
    """The shipped scorer (read once per process)."""
    text = resources.files("tools.layout").joinpath(SCORER_FILE).read_text("utf-8")
    return ScorerModel.from_json(text)


def scorer_path() -> Path:
    return Path(str(resources.files("tools.layout").joinpath(SCORER_FILE)))
