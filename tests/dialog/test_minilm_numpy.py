"""The Rasa environment's numpy MiniLM computes what sentence-transformers computes."""

import sys

import numpy as np
import pytest

from dialog.training import PROJECT_DIR

sys.path.insert(0, str(PROJECT_DIR))
from components.minilm import MiniLM, WordPiece, package_model_dir


@pytest.fixture(scope="module")
def numpy_model() -> MiniLM:
    return MiniLM.from_package()


def test_same_vectors_as_sentence_transformers(numpy_model: MiniLM) -> None:
    from kg.embeddings import MiniLMEmbedding

    texts = ["where is my order SM-100023?", "我的订单到哪了", "Café crème, s'il vous plaît!!",
             "does the Trail Runner GTX come in blue", "x"]
    ours = numpy_model.encode(texts)
    reference = np.asarray(MiniLMEmbedding()(texts), dtype=np.float32)
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    cosine = (ours * reference).sum(axis=1)
    assert cosine.min() > 0.9999, cosine


def test_wordpiece_splits_like_bert() -> None:
    tokenizer = WordPiece(package_model_dir() / "vocab.txt")
    vocab = {i: w for w, i in tokenizer.vocab.items()}
    pieces = [vocab[i] for i in tokenizer.ids("Unaffordable headphones, 中文!")]
    assert pieces[0] == "[CLS]" and pieces[-1] == "[SEP]"
    assert pieces[-4:-1] == ["中", "文", "!"] and "," in pieces
    assert any(p.startswith("##") for p in pieces)


def test_long_text_is_truncated(numpy_model: MiniLM) -> None:
    assert len(numpy_model.tokenizer.ids("word " * 1000)) == 128
    assert numpy_model.encode(["word " * 1000]).shape == (1, 384)
