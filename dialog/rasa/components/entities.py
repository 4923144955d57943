"""DIET as the entity extractor only; intents come from ``intent_classifier``.

Rasa's DIET with ``intent_classification: false`` crashes in training when no example has an
entity (an empty sum of losses in TensorFlow), which is what the public intent sets are. With
nothing to tag there is nothing to learn, so training is skipped and the component adds no
entities; with annotations it is plain DIET.
"""

from __future__ import annotations

import logging
from typing import Any, Dict

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import INTENT_CLASSIFICATION

log = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class EntityDIET(DIETClassifier):
    """DIET that tags entities and leaves the intent alone."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**DIETClassifier.get_default_config(), INTENT_CLASSIFICATION: False}

    def train(self, training_data: TrainingData) -> Resource:
        if not any(example.get(ENTITIES) for example in training_data.nlu_examples):
            log.info("EntityDIET: no example has an entity; nothing to train")
            return self._resource
        return super().train(training_data)
