"""The NLU training data, JIMI's (dialog/rasa/data/nlu) and the studio's (dialog/rasa/studio/data),
and the held-out evaluation sets.

Reads the YAML with PyYAML only, so it runs without Rasa.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from shopmind.settings import Settings

REPO = Path(__file__).resolve().parents[2]
NLU_DIR = REPO / "dialog" / "rasa" / "data" / "nlu"
STUDIO_DIR = REPO / "dialog" / "rasa" / "studio" / "data"
EVAL_FILE = REPO / "bench" / "data" / "chat_eval.yml"
LATER_EVAL_FILES = (EVAL_FILE.with_name("chat_eval_fresh.yml"),  # the later held-out sets
                    EVAL_FILE.with_name("chat_eval_blind.yml"))
LANGUAGES = ("en", "zh")
SHOPPER_INTENTS = (
    "greet", "goodbye", "thanks", "affirm", "deny", "inform", "product_question",
    "product_search", "compare_products", "order_status", "cancel_order", "change_order",
    "delivery_options", "delivery_period", "return_policy", "get_refund", "payment_issue",
    "membership_benefits", "complaint", "contact_human_agent", "set_language", "out_of_scope",
)
STUDIO_INTENTS = (  # the studio model's (studio/data/studio_<language>.yml; bench/studio.py)
    "make_banners", "write_copy", "cut_out", "translate_banners", "job_status", "cancel_job",
    "list_jobs", "change_detail", "help",
)
INTENTS = SHOPPER_INTENTS + STUDIO_INTENTS
SHOPPER_ENTITIES = ("product", "order_id", "colour", "size", "attribute", "price_min",
                    "price_max", "language")
ENTITIES = (*SHOPPER_ENTITIES, "campaign")
STUDIO_EVAL_FILES = tuple(REPO / "bench" / "data" / f"studio_{name}.yml"
                          for name in ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7",
                                       "dev8", "dev9", "dev10", "test"))
# one-word answers that were shoppers' affirm/deny examples before the studio's evaluation
# sets were written; any other studio evaluation request in the training data is a leak
EARLIER_SHORT_ANSWERS = frozenset({"confirm", "no", "nope", "ok", "surething", "不用了", "不行",
                                   "确认", "算了", "行", "nothanks", "nothatswrong", "不用了谢谢",
                                   "yep", "不要"})
LANGUAGE_CODES = ("en", "zh")
MIN_EXAMPLES = 20
MIN_EVAL_CONVERSATIONS = 40
MIN_EVAL_TURNS_PER_INTENT = 6
# `[text](entity)`, `[text](entity:value)` or `[text]{"entity": ..., "value": ...}`
ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<name>[^)]+)\)|(?P<spec>\{[^}]*\}))")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def training_examples(language: str) -> dict[str, tuple[str, ...]]:
    """Intent name -> its examples (with annotations) in ``<language>.yml``, the studio's
    ``studio*_<language>.yml`` and the merchants' confirmations (``confirm.yml``, both
    languages)."""
    found: dict[str, tuple[str, ...]] = {}
    shared = [p for p in sorted(NLU_DIR.glob("*.yml"))  # both languages' files (out of scope)
              if p.stem not in (*LANGUAGES, "lookups")]
    for path in (NLU_DIR / f"{language}.yml", *shared,
                 *sorted(STUDIO_DIR.glob(f"studio*_{language}.yml")), STUDIO_DIR / "confirm.yml"):
        for item in _load(path)["nlu"]:
            if "intent" in item:
                found[item["intent"]] = found.get(item["intent"], ()) + tuple(
                    line[2:] for line in item["examples"].splitlines() if line.startswith("- "))
    return found


@cache
def lookups() -> tuple[dict[str, Any], ...]:
    return tuple(_load(NLU_DIR / "lookups.yml")["nlu"])


@cache
def conversations() -> tuple[dict[str, Any], ...]:
    files = [path for path in (EVAL_FILE, *LATER_EVAL_FILES) if path.is_file()]
    return tuple(chat for path in files for chat in _load(path)["conversations"])


def annotations(example: str) -> list[tuple[str, str, str]]:
    """(text, entity name, value) for every annotation in a training example."""
    found = []
    for match in ANNOTATION.finditer(example):
        if match["spec"]:
            spec = json.loads(match["spec"])
            found.append((match["text"], spec["entity"], spec.get("value", match["text"])))
        else:
            name, _, value = match["name"].partition(":")
            found.append((match["text"], name, value or match["text"]))
    return found


def plain_text(example: str) -> str:
    return ANNOTATION.sub(lambda match: match["text"], example)


def normalise(text: str) -> str:
    """Lower case, punctuation and spaces removed (Chinese punctuation included)."""
    return re.sub(r"[\W_]+", "", text.lower())


def examples_of(key: str, name: str) -> list[str]:
    entry = next(item for item in lookups() if item.get(key) == name)
    return [line[2:] for line in entry["examples"].splitlines() if line.startswith("- ")]


def eval_turns(language: str) -> list[dict[str, Any]]:
    return [turn for conversation in conversations() if conversation["language"] == language
            for turn in conversation["turns"]]


def entity_values(turn: dict[str, Any]) -> list[tuple[str, str]]:
    values = []
    for name, value in turn["entities"].items():
        values += [(name, str(item)) for item in (value if isinstance(value, list) else [value])]
    return values


@pytest.mark.parametrize("intent", INTENTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_intent_has_enough_examples(language: str, intent: str) -> None:
    assert len(training_examples(language).get(intent, ())) >= MIN_EXAMPLES


@pytest.mark.parametrize("language", LANGUAGES)
def test_training_file_has_only_known_intents(language: str) -> None:
    assert set(training_examples(language)) <= set(INTENTS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_annotations_use_known_entities(language: str) -> None:
    found = [found for examples in training_examples(language).values()
             for example in examples for found in annotations(example)]
    assert found, "no annotations at all"
    unknown = [(text, name) for text, name, _ in found if name not in ENTITIES]
    assert unknown == []
    codes = {value for _, name, value in found if name == "language"}
    assert codes <= set(LANGUAGE_CODES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_example_is_left_with_broken_markup(language: str) -> None:
    broken = [example for examples in training_examples(language).values()
              for example in examples if re.search(r"[\[\]]", plain_text(example))]
    assert broken == []


def test_synonyms_map_to_language_codes() -> None:
    synonyms = {item["synonym"] for item in lookups() if "synonym" in item}
    assert synonyms <= set(LANGUAGE_CODES)
    assert "中文" in examples_of("synonym", "zh") and "英文" in examples_of("synonym", "en")


def test_colour_lookup_has_english_and_chinese_words() -> None:
    colours = examples_of("lookup", "colour")
    assert {"blue", "navy", "蓝色", "藏青色"} <= set(colours)


@pytest.fixture(scope="module")
def order_id_pattern() -> re.Pattern[str]:
    (pattern,) = examples_of("regex", "order_id")
    return re.compile(pattern)


@pytest.mark.parametrize(("text", "expected"), [
    ("it's SM-100023", "SM-100023"), ("sm100023", "sm100023"), ("sm-100023", "sm-100023"),
    ("SM100023 please", "SM100023"), ("order 100023", "100023"), ("订单100023到了吗", "100023"),
    ("订单SM-100045发货了吗", "SM-100045"),
])
def test_order_id_regex_matches_order_numbers(
        order_id_pattern: re.Pattern[str], text: str, expected: str) -> None:
    match = order_id_pattern.search(text)
    assert match is not None and match.group() == expected


@pytest.mark.parametrize("text", [
    "1234", "order 1234 please", "SM-1234", "call me on 13812345678", "1000234",
    "it costs 20,000", "ABC100023",
])
def test_order_id_regex_ignores_other_numbers(order_id_pattern: re.Pattern[str],
                                              text: str) -> None:
    assert order_id_pattern.search(text) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_eval_has_enough_conversations_of_three_to_six_turns(language: str) -> None:
    chats = [chat for chat in conversations() if chat["language"] == language]
    assert len(chats) >= MIN_EVAL_CONVERSATIONS
    assert all(3 <= len(chat["turns"]) <= 6 for chat in chats)


def test_eval_conversation_ids_and_shoppers_are_valid(session_settings: Settings) -> None:
    ids = [chat["id"] for chat in conversations()]
    assert len(ids) == len(set(ids))
    profiles = session_settings.catalog_dir / "profiles.jsonl"  # the demo catalogue
    shoppers = {json.loads(line)["id"]
                for line in profiles.read_text(encoding="utf-8").splitlines() if line}
    assert {chat["shopper"] for chat in conversations()} <= shoppers


@pytest.mark.parametrize("language", LANGUAGES)
def test_eval_uses_known_intents_and_entities(language: str) -> None:
    turns = eval_turns(language)
    assert {turn["intent"] for turn in turns} <= set(INTENTS)
    assert {name for turn in turns for name in turn["entities"]} <= set(ENTITIES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_eval_covers_every_intent_and_entity(language: str) -> None:
    turns = eval_turns(language)
    counts = Counter(turn["intent"] for turn in turns)
    assert {intent: counts[intent] for intent in SHOPPER_INTENTS
            if counts[intent] < MIN_EVAL_TURNS_PER_INTENT} == {}
    assert {name for turn in turns for name in turn["entities"]} == set(SHOPPER_ENTITIES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_eval_entity_values_are_in_the_text(language: str) -> None:
    wrong = [(turn["text"], name, value) for turn in eval_turns(language)
             for name, value in entity_values(turn)
             if (value not in LANGUAGE_CODES if name == "language" else value not in turn["text"])]
    assert wrong == []


def test_no_eval_sentence_is_in_the_training_data() -> None:
    trained = {normalise(plain_text(example)) for language in LANGUAGES
               for examples in training_examples(language).values() for example in examples}
    leaked = [turn["text"] for language in LANGUAGES for turn in eval_turns(language)
              if normalise(turn["text"]) in trained]
    assert leaked == []


def test_no_dialogue_benchmark_turn_is_in_the_training_data() -> None:
    trained = {normalise(plain_text(example)) for language in LANGUAGES
               for examples in training_examples(language).values() for example in examples}
    turns = [turn["text"] for path in sorted((REPO / "bench" / "data").glob("dialogue_*.yml"))
             for conversation in _load(path)["conversations"] for turn in conversation["turns"]]
    assert len(turns) >= 240
    leaked = [text for text in turns if normalise(text) in trained]
    assert leaked == []


def test_no_studio_evaluation_request_is_in_the_training_data() -> None:
    trained = {normalise(plain_text(example)) for language in LANGUAGES
               for examples in training_examples(language).values() for example in examples}
    requests = [request["text"] for path in STUDIO_EVAL_FILES
                for request in _load(path)["requests"]]
    assert len(requests) >= 500
    leaked = [text for text in requests
              if normalise(text) in trained and normalise(text) not in EARLIER_SHORT_ANSWERS]
    assert leaked == []
