"""Intent classification by logistic regression over every featurizer's sentence feature.

Rasa's own ``LogisticRegressionClassifier`` feeds raw counts beside the dense embedding, with a
fixed regularisation; here each featurizer is a normalised block (``linear.BlockLayout``), the
regularisation strength is a setting, and the weights are stored as plain arrays (no pickle).
DIET keeps the entities (``intent_classification: false`` in ``config.yml``).

    - name: components.intent_classifier.LinearIntentClassifier
      strength: 30      # sklearn's C
      ranking_length: 10
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.linear import BlockLayout, LinearIntentModel, Row

log = logging.getLogger(__name__)
_WEIGHTS = "weights.npz"
_LAYOUT = "layout.npz"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(IntentClassifier, GraphComponent):
    """Sets ``intent`` and ``intent_ranking`` from a linear model over sentence features."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Featurizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"strength": 30.0, "max_iter": 3000, "ranking_length": 10}

    @staticmethod
    def required_packages() -> List[str]:
        return ["sklearn"]

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        if float(config.get("strength", 1.0)) <= 0:
            raise ValueError("LinearIntentClassifier: strength must be positive")
        if int(config.get("ranking_length", 10)) < 0:
            raise ValueError("LinearIntentClassifier: ranking_length must not be negative")

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LinearIntentClassifier:
        return cls({**cls.get_default_config(), **config}, model_storage, resource)

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage,
                 resource: Resource, layout: BlockLayout | None = None,
                 model: LinearIntentModel | None = None) -> None:
        self._config = config
        self._storage = model_storage
        self._resource = resource
        self.layout = layout
        self.model = model

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        if not examples:
            log.debug("LinearIntentClassifier: no intent examples, nothing to train")
            return self._resource
        rows = [_sentence_features(e) for e in examples]
        self.layout = BlockLayout.fit(rows)
        self.model = LinearIntentModel.fit(self.layout.matrix(rows), [e.get(INTENT) for e in examples],
                                           strength=float(self._config["strength"]),
                                           max_iter=int(self._config["max_iter"]))
        self._persist()
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # the annotated intents stay as they are for later components

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None or self.layout is None or not messages:
            return messages
        probabilities = self.model.probabilities(
            self.layout.matrix([_sentence_features(m) for m in messages]))
        length = int(self._config["ranking_length"]) or len(self.model.intents)
        for message, row in zip(messages, probabilities):
            order = row.argsort()[::-1][:length]
            ranking = [{"name": self.model.intents[i], "confidence": float(row[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages

    def _persist(self) -> None:
        assert self.model is not None and self.layout is not None
        with self._storage.write_to(self._resource) as folder:
            self.model.save(folder / _WEIGHTS)
            np.savez(folder / _LAYOUT, names=np.array(self.layout.names, dtype=str),
                     widths=np.array(self.layout.widths, dtype=np.int64))

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> LinearIntentClassifier:
        config = {**cls.get_default_config(), **config}
        try:
            with model_storage.read_from(resource) as folder:
                model = LinearIntentModel.load(folder / _WEIGHTS)
                with np.load(folder / _LAYOUT, allow_pickle=False) as data:
                    layout = BlockLayout(tuple(str(n) for n in data["names"]),
                                         tuple(int(w) for w in data["widths"]))
        except ValueError:  # nothing was trained (no intent examples)
            log.debug("LinearIntentClassifier: no trained weights in %s", resource.name)
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, layout, model)


def _sentence_features(message: Message) -> Row:
    row = {}
    for features in message.features:
        if features.attribute == TEXT and features.type == FEATURE_TYPE_SENTENCE:
            origin = features.origin if isinstance(features.origin, str) else "+".join(features.origin)
            row[origin] = features.features
    return row
