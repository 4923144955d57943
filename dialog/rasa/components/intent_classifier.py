"""Intent classification by logistic regression over every featurizer's sentence feature.

Rasa's own ``LogisticRegressionClassifier`` feeds raw counts beside the dense embedding, with a
fixed regularisation; here each featurizer is a normalised block (``linear.BlockLayout``), the
regularisation strength is a setting, and the weights are stored as plain arrays (no pickle).
DIET keeps the entities (``intent_classification: false`` in ``config.yml``).

    - name: components.intent_classifier.LinearIntentClassifier
      strength: 30      # sklearn's C
      ranking_length: 10
      in_scope_loss: 0.01     # out of scope below the confidence that costs 1% of right answers
      calibration_share: 0.2  # ... measured on this share of the training data, held out

Out of scope: when the training data has an ``out_of_scope`` intent, training first fits on
80% of the examples and chooses, on the other 20%, the in-scope confidence below which a
message counts as out of scope (the highest that turns away at most 1% of the held-out
in-scope examples it answers right); then it fits on everything. A message whose best
in-scope intent is below that confidence is ``out_of_scope``. Rasa's FallbackClassifier's
single global threshold let most out-of-scope shopper messages through as confident intents.
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

from components.linear import (
    BlockLayout,
    LinearIntentModel,
    Row,
    calibration_split,
    choose_threshold,
    in_scope_scores,
)

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
        return {"strength": 30.0, "max_iter": 3000, "ranking_length": 10,
                # out of scope: below a confidence chosen on held-out training examples
                "out_of_scope_intent": "out_of_scope", "calibration_share": 0.2,
                "in_scope_loss": 0.01}

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
                 model: LinearIntentModel | None = None, threshold: float = 0.0) -> None:
        self._config = config
        self._storage = model_storage
        self._resource = resource
        self.layout = layout
        self.model = model
        self.threshold = threshold

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        if not examples:
            log.debug("LinearIntentClassifier: no intent examples, nothing to train")
            return self._resource
        rows = [_sentence_features(e) for e in examples]
        intents = [e.get(INTENT) for e in examples]
        self.layout = BlockLayout.fit(rows)
        matrix = self.layout.matrix(rows)
        self.threshold = self._calibrated(matrix, [e.get(TEXT) for e in examples], intents)
        self.model = LinearIntentModel.fit(matrix, intents,
                                           strength=float(self._config["strength"]),
                                           max_iter=int(self._config["max_iter"]))
        self._persist()
        return self._resource

    def _calibrated(self, matrix: Any, texts: List[str], intents: List[str]) -> float:
        """The in-scope confidence below which a message is out of scope: fit on most of the
        training data, chosen on the rest so that at most ``in_scope_loss`` of the held-out
        in-scope examples answered right are turned away."""
        share = float(self._config["calibration_share"])
        out_of_scope = str(self._config["out_of_scope_intent"])
        if out_of_scope not in intents:  # a model without the intent (the studio's) keeps
            return 0.0                   # its plain ranking
        fit, held = calibration_split(texts, intents, share)
        if share <= 0 or not held or len({intents[i] for i in fit}) < 2:
            return 0.0
        model = LinearIntentModel.fit(matrix[fit], [intents[i] for i in fit],
                                      strength=float(self._config["strength"]),
                                      max_iter=int(self._config["max_iter"]))
        inside = [i for i in held if intents[i] != out_of_scope]
        if not inside:
            return 0.0
        scores, best, on_top = in_scope_scores(model.probabilities(matrix[inside]), model.intents,
                                               out_of_scope)
        correct = np.array([model.intents[b] == intents[i] for b, i in zip(best, inside)]) & ~on_top
        threshold = choose_threshold(scores, correct, float(self._config["in_scope_loss"]))
        outside = [i for i in held if intents[i] == out_of_scope]
        if outside:
            out_scores, _, out_top = in_scope_scores(model.probabilities(matrix[outside]),
                                                     model.intents, out_of_scope)
            caught = float(np.mean(out_top | (out_scores < threshold)))
            log.info("LinearIntentClassifier: out-of-scope threshold %.3f catches %.1f%% of %d "
                     "held-out out-of-scope examples", threshold, 100 * caught, len(outside))
        return threshold

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # the annotated intents stay as they are for later components

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None or self.layout is None or not messages:
            return messages
        probabilities = self.model.probabilities(
            self.layout.matrix([_sentence_features(m) for m in messages]))
        length = int(self._config["ranking_length"]) or len(self.model.intents)
        out_of_scope = str(self._config["out_of_scope_intent"])
        known = out_of_scope in self.model.intents
        for message, row in zip(messages, probabilities):
            order = row.argsort()[::-1][:length]
            ranking = [{"name": self.model.intents[i], "confidence": float(row[i])} for i in order]
            top = max((r["confidence"] for r in ranking if r["name"] != out_of_scope), default=0.0)
            if self.threshold and top < self.threshold and ranking[0]["name"] != out_of_scope:
                # unsure between in-scope intents: out of scope, as calibrated in training
                confidence = max(1.0 - top, float(row[self.model.intents.index(out_of_scope)])
                                 if known else 0.0)
                ranking = [{"name": out_of_scope, "confidence": confidence},
                           *[r for r in ranking if r["name"] != out_of_scope]]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages

    def _persist(self) -> None:
        assert self.model is not None and self.layout is not None
        with self._storage.write_to(self._resource) as folder:
            self.model.save(folder / _WEIGHTS)
            np.savez(folder / _LAYOUT, names=np.array(self.layout.names, dtype=str),
                     widths=np.array(self.layout.widths, dtype=np.int64),
                     threshold=np.array(self.threshold, dtype=np.float64))

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
                    threshold = float(data["threshold"]) if "threshold" in data else 0.0
        except ValueError:  # nothing was trained (no intent examples)
            log.debug("LinearIntentClassifier: no trained weights in %s", resource.name)
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, layout, model, threshold)


def _sentence_features(message: Message) -> Row:
    row = {}
    for features in message.features:
        if features.attribute == TEXT and features.type == FEATURE_TYPE_SENTENCE:
            origin = features.origin if isinstance(features.origin, str) else "+".join(features.origin)
            row[origin] = features.features
    return row
