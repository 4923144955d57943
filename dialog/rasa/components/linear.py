"""A linear intent model over the pipeline's sentence features (no Rasa import).

Each featurizer's sentence feature is one block: MiniLM's 384 dense numbers, the word and
character n-gram counts, the regex matches. A block is scaled to unit length (counts first
through ``log1p``), so no featurizer outweighs another by its size, and the blocks are laid
side by side. Multinomial logistic regression over that vector is a well-regularised
classifier that a few thousand examples fit in seconds; it generalises to new phrasings
better than DIET's transformer on this data (see ``bench/nlu.py`` and ``bench/chat.py``).

Example::

    layout = BlockLayout.fit([{"minilm": dense_row, "words": sparse_row}, ...])
    model = LinearIntentModel.fit(layout.matrix(rows), intents, strength=30.0)
    model.probabilities(layout.matrix([row]))  # (1, n_intents), rows sum to 1
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Mapping, Sequence, Union

import numpy as np
import scipy.sparse as sp

Block = Union[np.ndarray, sp.spmatrix]  # one message's sentence feature, shape (1, d)
Row = Mapping[str, Block]  # featurizer name -> its block


@dataclass(frozen=True)
class BlockLayout:
    """The featurizer blocks in a fixed order with their widths, as seen in training."""

    names: tuple[str, ...]
    widths: tuple[int, ...]

    @classmethod
    def fit(cls, rows: Sequence[Row]) -> BlockLayout:
        widths: dict[str, int] = {}
        for row in rows:
            for name, block in row.items():
                width = block.shape[-1]
                if widths.setdefault(name, width) != width:
                    raise ValueError(f"featurizer {name!r} gave {width} and {widths[name]} "
                                     "features to different messages")
        names = tuple(sorted(widths))
        return cls(names, tuple(widths[n] for n in names))

    def matrix(self, rows: Sequence[Row]) -> sp.csr_matrix:
        """Normalised blocks side by side, one row a message; a missing block is zeros."""
        columns = [self._column(i, [row.get(name) for row in rows])
                   for i, name in enumerate(self.names)]
        if not columns:
            return sp.csr_matrix((len(rows), 0), dtype=np.float32)
        return sp.hstack(columns, format="csr", dtype=np.float32)

    def _column(self, index: int, blocks: Sequence[Block | None]) -> sp.csr_matrix:
        """One featurizer's blocks stacked, counts through log1p, each row unit length."""
        width = self.widths[index]
        for block in blocks:
            if block is not None and block.shape[-1] != width:
                raise ValueError(f"featurizer {self.names[index]!r} gave {block.shape[-1]} "
                                 f"features; the model was trained with {width}")
        if any(sp.issparse(b) for b in blocks):
            column = _stacked(blocks, width)
            column.data = np.log1p(np.abs(column.data)) * np.sign(column.data)
            row_of_value = np.repeat(np.arange(len(blocks)), np.diff(column.indptr))
            norms = np.sqrt(np.bincount(row_of_value, column.data ** 2, minlength=len(blocks)))
            column.data /= norms[row_of_value].astype(np.float32)
            return column
        # a dense featurizer (or none of these messages has the block)
        dense = np.vstack([np.zeros((1, width)) if b is None else b for b in blocks])
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        return sp.csr_matrix(dense / np.where(norms > 0, norms, 1.0), dtype=np.float32)


def _stacked(blocks: Sequence[Block | None], width: int) -> sp.csr_matrix:
    """Sparse blocks one under another, as a new float32 CSR matrix (zeros for a missing one).

    One message (a parse) skips ``vstack``, whose generic path costs more than the model.
    """
    if len(blocks) == 1 and blocks[0] is not None:
        return sp.csr_matrix(blocks[0], dtype=np.float32, copy=True)
    empty = sp.csr_matrix((1, width), dtype=np.float32)
    return sp.vstack([empty if b is None else b for b in blocks], format="csr", dtype=np.float32)


@dataclass(frozen=True)
class LinearIntentModel:
    """Weights of a multinomial logistic regression: p = softmax(x W^T + b)."""

    intents: tuple[str, ...]
    weights: np.ndarray  # (n_intents, n_features)
    bias: np.ndarray  # (n_intents,)

    @classmethod
    def fit(cls, features: sp.csr_matrix, intents: Sequence[str], strength: float,
            max_iter: int = 3000) -> LinearIntentModel:
        """``strength`` is sklearn's C: larger trusts the training data more."""
        from sklearn.linear_model import LogisticRegression

        labels = sorted(set(intents))
        if len(labels) < 2:
            raise ValueError(f"need at least 2 intents to train, got {labels}")
        regression = LogisticRegression(C=strength, max_iter=max_iter)
        regression.fit(features, list(intents))
        weights, bias = regression.coef_, regression.intercept_
        if len(labels) == 2:  # sklearn keeps one row; sigmoid(z) = softmax([0, z])[1]
            weights = np.vstack([np.zeros_like(weights), weights])
            bias = np.concatenate([[0.0], bias])
        return cls(tuple(str(c) for c in regression.classes_),
                   weights.astype(np.float32), bias.astype(np.float32))

    @cached_property
    def _weights_by_feature(self) -> np.ndarray:
        """(n_features, n_intents), contiguous: sparse @ ``weights.T`` copied it every call."""
        return np.ascontiguousarray(self.weights.T)

    def probabilities(self, features: sp.csr_matrix) -> np.ndarray:
        scores = np.asarray(features @ self._weights_by_feature) + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez(path, intents=np.array(self.intents), weights=self.weights, bias=self.bias)

    @classmethod
    def load(cls, path: Path) -> LinearIntentModel:
        with np.load(path, allow_pickle=False) as data:
            return cls(tuple(str(i) for i in data["intents"]), data["weights"], data["bias"])


# -- out of scope: a threshold on the in-scope confidence, chosen on held-out examples ------

def calibration_split(texts: Sequence[str], intents: Sequence[str], share: float
                      ) -> tuple[list[int], list[int]]:
    """(fit, held out) indices: about ``share`` of every intent with 5 or more examples held
    out, the same ones on every run (by a hash of the text, not by chance)."""
    import hashlib

    by_intent: dict[str, list[int]] = {}
    for index, intent in enumerate(intents):
        by_intent.setdefault(intent, []).append(index)
    every = max(2, round(1 / share)) if share > 0 else 0
    fit: list[int] = []
    held: list[int] = []
    for members in by_intent.values():
        ordered = sorted(members, key=lambda i: hashlib.sha1(texts[i].encode()).hexdigest())
        for position, index in enumerate(ordered):
            (held if every and len(members) >= 5 and position % every == 0 else fit).append(index)
    return sorted(fit), sorted(held)


def in_scope_scores(probabilities: np.ndarray, intents: Sequence[str], out_of_scope: str
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(best in-scope confidence, its intent index, whether out_of_scope itself is on top)."""
    columns = [i for i, name in enumerate(intents) if name != out_of_scope]
    if not columns:
        raise ValueError("no in-scope intent to score")
    inside = probabilities[:, columns]
    best = inside.argmax(axis=1)
    own = [i for i, name in enumerate(intents) if name == out_of_scope]
    on_top = (probabilities.argmax(axis=1) == own[0]) if own else np.zeros(len(best), bool)
    return inside.max(axis=1), np.asarray(columns)[best], on_top


def choose_threshold(scores: np.ndarray, correct: np.ndarray, allowed_loss: float,
                     ceiling: float = 0.9) -> float:
    """The highest threshold on held-out in-scope examples' confidence that turns away at
    most ``allowed_loss`` of them among those answered right (the right answers a threshold
    costs); never above ``ceiling``."""
    if len(scores) == 0:
        return 0.0
    right = np.sort(scores[correct])
    budget = int(np.floor(allowed_loss * len(scores)))
    if budget >= len(right):
        return ceiling
    return float(min(ceiling, right[budget])) if len(right) else 0.0
