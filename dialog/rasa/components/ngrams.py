"""Character n-grams of the whole message text, as one sparse sentence feature.

Rasa's ``CountVectorsFeaturizer`` counts character n-grams inside each token, so Chinese
n-grams stop at Jieba's word boundaries (a wrong cut loses them) and punctuation, which the
tokenizer drops, is never seen ("？？", "!!!" and "吗?" carry intent). This featurizer reads
the lower-cased raw text instead, with sklearn's ``char_wb`` analyzer: n-grams run across a
Chinese sentence and stop only at spaces. Counts go to the intent classifier as one block
(``intent_classifier.LinearIntentClassifier`` scales them; ``config.yml`` leaves them out of
EntityDIET's ``featurizers``); there are no token-level features. The vocabulary is stored as JSON.

    - name: components.ngrams.TextNgramFeaturizer
      min_ngram: 1
      max_ngram: 4
      min_df: 1          # an n-gram must be in this many training messages
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Type

import numpy as np
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import CountVectorizer

log = logging.getLogger(__name__)
_VOCABULARY = "vocabulary.json"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class TextNgramFeaturizer(SparseFeaturizer, GraphComponent):
    """Counts of the character n-grams of the raw message text (sentence feature only)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**SparseFeaturizer.get_default_config(), "min_ngram": 1, "max_ngram": 4,
                "min_df": 1}

    @staticmethod
    def required_packages() -> List[str]:
        return ["sklearn"]

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        low, high = int(config.get("min_ngram", 1)), int(config.get("max_ngram", 4))
        if not 1 <= low <= high:
            raise ValueError(f"TextNgramFeaturizer: need 1 <= min_ngram <= max_ngram, "
                             f"got {low} and {high}")
        if int(config.get("min_df", 1)) < 1:
            raise ValueError("TextNgramFeaturizer: min_df must be at least 1")

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> TextNgramFeaturizer:
        return cls({**cls.get_default_config(), **config}, model_storage, resource,
                   execution_context.node_name)

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 name: str, vocabulary: Optional[Dict[str, int]] = None) -> None:
        super().__init__(name, config)
        self._storage = model_storage
        self._resource = resource
        self._vectorizer: Optional[CountVectorizer] = None
        if vocabulary:
            self._vectorizer = self._make_vectorizer(vocabulary)

    def _make_vectorizer(self, vocabulary: Optional[Dict[str, int]] = None) -> CountVectorizer:
        return CountVectorizer(analyzer="char_wb", lowercase=True, dtype=np.float32,
                               ngram_range=(int(self._config["min_ngram"]),
                                            int(self._config["max_ngram"])),
                               min_df=1 if vocabulary else int(self._config["min_df"]),
                               vocabulary=vocabulary)

    def train(self, training_data: TrainingData) -> Resource:
        texts = [e.get(TEXT) for e in training_data.training_examples if e.get(TEXT)]
        if not texts:
            log.debug("TextNgramFeaturizer: no training text, nothing to learn")
            return self._resource
        vectorizer = self._make_vectorizer()
        try:
            vectorizer.fit(texts)
        except ValueError:  # min_df left no n-gram
            log.warning("TextNgramFeaturizer: no n-gram is in %s training messages; no features",
                        self._config["min_df"])
            return self._resource
        vocabulary = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
        self._vectorizer = self._make_vectorizer(vocabulary)
        with self._storage.write_to(self._resource) as folder:
            (folder / _VOCABULARY).write_text(json.dumps(vocabulary, ensure_ascii=False),
                                              encoding="utf-8")
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process([e for e in training_data.training_examples])
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if self._vectorizer is None:
            return messages
        with_text = [m for m in messages if m.get(TEXT)]
        if not with_text:
            return messages
        counts = self._vectorizer.transform([m.get(TEXT) for m in with_text]).tocsr()
        for i, message in enumerate(with_text):
            self.add_features_to_message(sequence=None, sentence=sp.coo_matrix(counts[i]),
                                         attribute=TEXT, message=message)
        return messages

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> TextNgramFeaturizer:
        config = {**cls.get_default_config(), **config}
        try:
            with model_storage.read_from(resource) as folder:
                vocabulary = json.loads((folder / _VOCABULARY).read_text(encoding="utf-8"))
        except ValueError:  # nothing was trained
            vocabulary = None
        return cls(config, model_storage, resource, execution_context.node_name, vocabulary)
