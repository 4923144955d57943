"""Learning the scorer from designer examples against perturbed copies of them.

Pairwise ranking: for an example ``d`` and a perturbed copy ``p`` the model should give
``cost(p) > cost(d)``. With linear costs this is logistic regression on feature differences,
``P(d preferred) = sigmoid(w . (f(p) - f(d)))``, fitted by projected gradient descent with
``w >= 0`` (every feature is a cost) and a little L2. Targets are first centred on their
designer mean per aspect class. Deterministic for a seed.

    python -m tools.layout.learning      # retrain and write tools/layout/data/scorer.json
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict

import numpy as np

from tools.layout.examples import Example, designer_examples
from tools.layout.features import TARGETS, aspect_class, raw_features
from tools.layout.perturb import PERTURBATIONS, perturbed
from tools.layout.scorer import FEATURES, MIN_SPREAD, ScorerModel, scorer_path

PER_KIND = 4
L2 = 1e-3
STEPS = 1500


def fit_stats(examples: list[Example]) -> dict[str, dict[str, tuple[float, float]]]:
    """Mean and spread of every target, per aspect class and over all examples."""
    by_class: dict[str, list[dict[str, float]]] = defaultdict(list)
    for example in examples:
        raw = raw_features(example.layout, example.saliency())
        by_class[aspect_class(example.layout.width, example.layout.height)].append(raw)
        by_class["all"].append(raw)
    return {klass: {name: (float(np.mean([r[name] for r in rows])),
                           max(float(np.std([r[name] for r in rows])), MIN_SPREAD[name]))
                    for name in TARGETS}
            for klass, rows in by_class.items() if klass == "all" or len(rows) >= 3}


def pair_differences(examples: list[Example], model: ScorerModel, seed: int = 5
                     ) -> np.ndarray:
    """``f(perturbed) - f(designer)`` for every example and perturbation."""
    rng = np.random.default_rng(seed)
    rows = []
    for example in examples:
        base = model.features(example.layout, example.saliency())
        for name in PERTURBATIONS:
            for _ in range(PER_KIND):
                copy = perturbed(example.layout, name, rng)
                rows.append(model.features(copy, example.saliency(copy)) - base)
    return np.array(rows)


def fit_weights(differences: np.ndarray) -> np.ndarray:
    scale = np.maximum(np.abs(differences).mean(axis=0), 0.01)
    x = differences / scale
    w = np.full(x.shape[1], 0.1)
    rate = 0.5
    for _ in range(STEPS):
        margin = np.clip(x @ w, -30, 30)
        grad = -(x * (1.0 / (1.0 + np.exp(margin)))[:, None]).mean(axis=0) + 2 * L2 * w
        w = np.maximum(0.0, w - rate * grad)
    weights = w / scale
    typical = float(np.median(differences @ weights))
    return weights / typical if typical > 0 else weights


def train(examples: list[Example], seed: int = 5) -> ScorerModel:
    model = ScorerModel(np.zeros(len(FEATURES)), fit_stats(examples))
    model.weights = fit_weights(pair_differences(examples, model, seed))
    return model


def pairwise_accuracy(model: ScorerModel, examples: list[Example], seed: int = 11) -> float:
    differences = pair_differences(examples, model, seed)
    return float(np.mean(differences @ model.weights > 0))


def cross_validate(examples: list[Example], folds: int = 5, seed: int = 5) -> float:
    """Pairwise accuracy on held-out examples (k folds by example)."""
    correct = total = 0
    for fold in range(folds):
        held = [e for i, e in enumerate(examples) if i % folds == fold]
        kept = [e for i, e in enumerate(examples) if i % folds != fold]
        model = train(kept, seed)
        differences = pair_differences(held, model, seed + 100)
        correct += int(np.sum(differences @ model.weights > 0))
        total += len(differences)
    return correct / total if total else math.nan


def main() -> None:
    examples = list(designer_examples())
    model = train(examples)
    model.info = {"examples": len(examples), "perturbations": list(PERTURBATIONS),
                  "per_kind": PER_KIND, "cv_pairwise_accuracy": round(cross_validate(examples), 4),
                  "train_pairwise_accuracy": round(pairwise_accuracy(model, examples), 4)}
    scorer_path().write_text(model.to_json() + "\n", encoding="utf-8")
    print(model.to_json(), file=sys.stdout)


if __name__ == "__main__":
    main()
