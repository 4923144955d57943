"""One tokenizer for English and Chinese messages.

Latin words, numbers and order numbers ("SM-100023", "20,000", "don't") are single tokens,
but a hyphen between two numbers splits them ("30-50" is a price range: 30, 50);
runs of Chinese characters are cut by Jieba without its HMM guesser, so an unknown string
falls apart into characters instead of being glued to its neighbours. Training adds every
Chinese entity value annotated in the data and every Chinese lookup entry to Jieba's
dictionary (and stores that list in the model), so entity spans line up with tokens.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

log = logging.getLogger(__name__)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LATIN = "0-9A-Za-z\u00c0-\u024f"
_TOKEN = re.compile(
    rf"(?P<cjk>[{_CJK}]+)"
    rf"|(?P<latin>[{_LATIN}]+(?:(?:(?<!\d)-|-(?!\d)|['.]|(?<=\d),(?=\d{{3}}))[{_LATIN}]+)*)"
    rf"|(?P<other>[^\W_{_CJK}]+)"
)
_HAS_CJK = re.compile(rf"[{_CJK}]")
WORDS_FILE = "words.txt"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class BilingualTokenizer(Tokenizer):
    """Whitespace-and-punctuation tokens for Latin text, Jieba words for Chinese."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"intent_tokenization_flag": False, "intent_split_symbol": "_",
                "token_pattern": None, "prefix_separator_symbol": None}

    @staticmethod
    def required_packages() -> List[str]:
        return ["jieba"]

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage,
                 resource: Resource) -> None:
        super().__init__(config)
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> BilingualTokenizer:
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> BilingualTokenizer:
        try:
            with model_storage.read_from(resource) as directory:
                _add_words((directory / WORDS_FILE).read_text(encoding="utf-8").splitlines())
        except (ValueError, FileNotFoundError):
            log.debug("no trained word list for %s", resource.name)
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        words = sorted(_chinese_words(training_data))
        _add_words(words)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / WORDS_FILE).write_text("\n".join(words), encoding="utf-8")
        return self._resource

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        return self._apply_token_pattern(tokens_of(message.get(attribute) or ""))


def tokens_of(text: str) -> List[Token]:
    import jieba

    tokens: List[Token] = []
    for match in _TOKEN.finditer(text):
        if match.lastgroup != "cjk":
            tokens.append(Token(match.group(), match.start()))
            continue
        for word, start, _end in jieba.tokenize(match.group(), HMM=False):
            tokens.append(Token(word, match.start() + start))
    return tokens


def _chinese_words(training_data: TrainingData) -> set[str]:
    words: set[str] = set()
    for example in training_data.training_examples:
        text = example.get("text") or ""
        for entity in example.get("entities") or []:
            span = text[entity.get("start", 0):entity.get("end", 0)]
            if _HAS_CJK.search(span):
                words.add(span)
    for table in training_data.lookup_tables:
        elements = table.get("elements")
        if isinstance(elements, list):
            words.update(e for e in elements if isinstance(e, str) and _HAS_CJK.search(e))
    return {w.strip() for w in words if w.strip() and not re.search(r"\s", w.strip())}


def _add_words(words: List[str]) -> None:
    import jieba

    for word in words:
        if word:
            jieba.add_word(word, freq=100_000)


def split_for_test(text: str) -> Optional[List[str]]:
    """The token texts of ``text`` (for tests and debugging)."""
    return [t.text for t in tokens_of(text)]
