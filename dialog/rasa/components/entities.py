"""DIET as the entity extractor only (intents come from ``intent_classifier``), and the
roles of a price range put right after it.

Rasa's DIET with ``intent_classification: false`` crashes in training when no example has an
entity (an empty sum of losses in TensorFlow), which is what the public intent sets are. With
nothing to tag there is nothing to learn, so training is skipped and the component adds no
entities; with annotations it is plain DIET.

Examples of an intent whose metadata says ``entity_free: true`` (the team's out-of-scope
examples, ``data/nlu/out_of_scope_more.yml``) teach the intent model only: DIET does not
train on them. Five hundred more entity-less sentences shifted DIET's tagging on the held-out
chats (entity F1 0.925 -> 0.913) and added to its training time, for nothing to tag.

``SpanRepair`` goes right after the extractors: product pieces joined, a Chinese name's size
taken in, measurements that are no price dropped (``spans.repair``). ``PriceRangeOrder`` goes
after the synonyms: of two or more prices in a message the
smallest is ``price_min`` and the largest ``price_max`` (``prices.order_price_range``).
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, METADATA, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import INTENT_CLASSIFICATION

from components.prices import order_price_range
from components.spans import repair

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
        kept = [m for m in training_data.training_examples if not entity_free(m)]
        if len(kept) < len(training_data.training_examples):
            log.info("EntityDIET: %d entity-free examples left to the intent model",
                     len(training_data.training_examples) - len(kept))
            training_data = TrainingData(kept, training_data.entity_synonyms,
                                         training_data.regex_features,
                                         training_data.lookup_tables, training_data.responses)
        return super().train(training_data)


def entity_free(message: Message) -> bool:
    """Whether the example's intent is marked ``entity_free: true`` in its metadata."""
    metadata = message.get(METADATA) or {}
    intent = metadata.get(METADATA_INTENT) if isinstance(metadata, dict) else None
    return isinstance(intent, dict) and intent.get("entity_free") is True


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class PriceRangeOrder(GraphComponent, EntityExtractorMixin):
    """Of two or more price entities, the smallest becomes price_min, the largest price_max."""

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> PriceRangeOrder:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            entities = message.get(ENTITIES)
            if entities:
                message.set(ENTITIES, order_price_range(entities), add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class SpanRepair(GraphComponent, EntityExtractorMixin):
    """Product pieces joined, Chinese sizes taken in, measurements read as prices dropped."""

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> SpanRepair:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            entities = message.get(ENTITIES)
            if entities:
                message.set(ENTITIES, repair(message.get(TEXT) or "", entities),
                            add_to_output=True)
        return messages
