"""The linear intent model behind ``LinearIntentClassifier`` (no Rasa needed)."""

import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from dialog.training import PROJECT_DIR

sys.path.insert(0, str(PROJECT_DIR))
from components.linear import (
    BlockLayout,
    LinearIntentModel,
    calibration_split,
    choose_threshold,
    in_scope_scores,
)


def _rows(count: int, seed: int = 0) -> tuple[list[dict], list[str]]:
    """Two featurizers; the dense block carries the intent, the counts are noise."""
    rng = np.random.default_rng(seed)
    rows, labels = [], []
    for i in range(count):
        label = ["greet", "order_status", "complaint"][i % 3]
        dense = rng.normal(0, 0.3, (1, 8))
        dense[0, i % 3] += 3.0
        counts = sp.csr_matrix(rng.integers(0, 3, (1, 20)).astype(float))
        rows.append({"minilm": dense, "words": counts})
        labels.append(label)
    return rows, labels


def test_blocks_are_unit_length_and_missing_ones_are_zero() -> None:
    layout = BlockLayout.fit([{"a": np.array([[3.0, 4.0]]), "b": sp.csr_matrix([[0.0, 9.0, 9.0]])}])
    assert layout.names == ("a", "b") and layout.widths == (2, 3)
    matrix = layout.matrix([{"a": np.array([[3.0, 4.0]]), "b": sp.csr_matrix([[0.0, 9.0, 9.0]])},
                            {"b": sp.csr_matrix([[1.0, 0.0, 0.0]])}]).toarray()
    np.testing.assert_allclose(matrix[0, :2], [0.6, 0.8], rtol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(matrix[0, 2:]), 1.0, rtol=1e-6)
    np.testing.assert_allclose(matrix[0, 3], matrix[0, 4])  # log1p keeps equal counts equal
    np.testing.assert_array_equal(matrix[1, :2], [0.0, 0.0])
    np.testing.assert_allclose(matrix[1, 2:], [1.0, 0.0, 0.0])


def test_width_mismatch_names_the_featurizer() -> None:
    layout = BlockLayout.fit([{"words": sp.csr_matrix((1, 5))}])
    with pytest.raises(ValueError, match="'words' gave 4 features"):
        layout.matrix([{"words": sp.csr_matrix((1, 4))}])
    with pytest.raises(ValueError, match="'x' gave"):
        BlockLayout.fit([{"x": np.zeros((1, 2))}, {"x": np.zeros((1, 3))}])


def test_learns_held_out_examples_and_matches_sklearn() -> None:
    from sklearn.linear_model import LogisticRegression

    rows, labels = _rows(90)
    layout = BlockLayout.fit(rows)
    model = LinearIntentModel.fit(layout.matrix(rows), labels, strength=10.0)
    test_rows, test_labels = _rows(30, seed=1)
    probabilities = model.probabilities(layout.matrix(test_rows))
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)
    predicted = [model.intents[i] for i in probabilities.argmax(axis=1)]
    assert np.mean(np.array(predicted) == np.array(test_labels)) > 0.9
    reference = LogisticRegression(C=10.0, max_iter=3000).fit(layout.matrix(rows), labels)
    np.testing.assert_allclose(probabilities, reference.predict_proba(layout.matrix(test_rows)),
                               atol=1e-4)


def test_two_intents_use_the_sigmoid_as_sklearn_does() -> None:
    from sklearn.linear_model import LogisticRegression

    rows, labels = _rows(40)
    labels = ["yes" if label == "greet" else "no" for label in labels]
    features = BlockLayout.fit(rows).matrix(rows)
    model = LinearIntentModel.fit(features, labels, strength=1.0)
    reference = LogisticRegression(C=1.0, max_iter=3000).fit(features, labels)
    np.testing.assert_allclose(model.probabilities(features), reference.predict_proba(features),
                               atol=1e-5)


def test_one_intent_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2 intents"):
        LinearIntentModel.fit(sp.csr_matrix(np.eye(3)), ["greet"] * 3, strength=1.0)


def test_saved_weights_load_without_pickle(tmp_path: Path) -> None:
    rows, labels = _rows(30)
    layout = BlockLayout.fit(rows)
    model = LinearIntentModel.fit(layout.matrix(rows), labels, strength=1.0)
    model.save(tmp_path / "weights.npz")
    loaded = LinearIntentModel.load(tmp_path / "weights.npz")
    assert loaded.intents == model.intents
    np.testing.assert_array_equal(loaded.probabilities(layout.matrix(rows)),
                                  model.probabilities(layout.matrix(rows)))


def test_a_message_without_any_count_is_a_zero_row() -> None:
    layout = BlockLayout.fit([{"words": sp.csr_matrix([[1.0, 2.0]])}])
    rows = [{"words": sp.csr_matrix([[2.0, 0.0]])}, {"words": sp.csr_matrix((1, 2))}, {}]
    np.testing.assert_allclose(layout.matrix(rows).toarray(), [[1.0, 0.0], [0.0, 0.0], [0.0, 0.0]])


def test_one_message_gets_its_row_of_the_batch_and_its_features_are_not_changed() -> None:
    rows, labels = _rows(30)
    rows = [{**row, "words": sp.coo_matrix(row["words"])} for row in rows]  # as Rasa gives them
    layout = BlockLayout.fit(rows)
    model = LinearIntentModel.fit(layout.matrix(rows), labels, strength=10.0)
    before = rows[4]["words"].toarray().copy()
    single = layout.matrix([rows[4]])
    np.testing.assert_allclose(single.toarray(), layout.matrix(rows)[4].toarray(), rtol=1e-6)
    np.testing.assert_array_equal(rows[4]["words"].toarray(), before)
    np.testing.assert_allclose(model.probabilities(single),
                               model.probabilities(layout.matrix(rows))[4:5], rtol=1e-5)


def test_calibration_holds_out_a_fixed_share_of_every_intent() -> None:
    texts = [f"text {i}" for i in range(40)] + ["rare a", "rare b"]
    intents = ["a"] * 20 + ["b"] * 20 + ["rare"] * 2
    fit, held = calibration_split(texts, intents, 0.2)
    assert sorted(fit + held) == list(range(42))
    assert sum(intents[i] == "a" for i in held) == 4 and sum(intents[i] == "b" for i in held) == 4
    assert not any(intents[i] == "rare" for i in held)  # too few to spare any
    assert (fit, held) == calibration_split(texts, intents, 0.2)  # the same split every run


def test_threshold_turns_away_at_most_the_allowed_share_of_right_answers() -> None:
    scores = np.array([0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.3])
    correct = np.array([True] * 8 + [False] * 2)
    threshold = choose_threshold(scores, correct, allowed_loss=0.1)  # 1 of 10 may go
    assert sum(correct & (scores < threshold)) <= 1
    assert sum(scores < threshold) >= 3  # the two wrong ones go too
    assert choose_threshold(scores, correct, allowed_loss=0.0) == 0.45  # the lowest right one
    assert choose_threshold(scores, correct, allowed_loss=0.9) == 0.9  # never above the ceiling


def test_in_scope_scores_leave_out_the_out_of_scope_column() -> None:
    probabilities = np.array([[0.6, 0.3, 0.1], [0.2, 0.3, 0.5]])
    best, index, on_top = in_scope_scores(probabilities, ("out_of_scope", "a", "b"),
                                          "out_of_scope")
    assert best.tolist() == [0.3, 0.5] and index.tolist() == [1, 2]
    assert on_top.tolist() == [True, False]
