"""The pure parts of bench/nlu.py: data conversion, sampling, scoring. No Rasa is trained."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bench.nlu import (
    FALLBACK,
    OUT_OF_SCOPE,
    TARGETS,
    Example,
    PipelineConfig,
    Prediction,
    Split,
    clean_text,
    decide,
    load_banking77,
    load_clinc150,
    model_key,
    nlu_yaml,
    read_pipeline_config,
    score,
    stratified_sample,
    summarise,
    table,
    threshold_curve,
)

# Rasa 3.6's reading of an examples block (rasa_yaml._parse_multiline_example, STRIP_SYMBOLS)
# and of entity annotations (entities_parser.ENTITY_REGEX), copied: Rasa is not installed here.
RASA_ENTITY = re.compile(r"\[(?P<entity_text>[^\]]+?)\](\((?P<entity>[^:)]+?)(?:\:(?P<value>[^)]+))?"
                         r"\)|\{(?P<entity_dict>[^}]+?)\}|\[(?P<list_entity_dicts>.*?)\])")
TRICKY = [
    "what's the exchange rate: usd to eur?",
    'how do you say "thank you" in french',
    "set a reminder # for tomorrow",
    "- starts with a dash",
    "key: value, {braces} and [brackets]",
    "is there a travel alert for [country](x)",
    "@home & *star* | pipe > greater % percent ! bang `tick`",
    "café über 日本語",
    "yes",
    "null",
    "  spaced\nover\tlines  ",
]


def rasa_examples(block: str) -> list[str]:
    return [line[1:].strip("\n\r ") for line in block.splitlines() if line.startswith("-")]


def test_yaml_round_trip_keeps_every_text() -> None:
    examples = [Example(clean_text(t), "tricky") for t in TRICKY] + [Example("hi", "greet")]
    document = yaml.safe_load(nlu_yaml(examples))
    assert document["version"] == "3.1"
    blocks = {item["intent"]: item["examples"] for item in document["nlu"]}
    assert rasa_examples(blocks["tricky"]) == [e.text for e in examples[:-1]]
    assert rasa_examples(blocks["greet"]) == ["hi"]


def test_clean_text_is_one_line_and_never_an_entity_annotation() -> None:
    assert clean_text("  spaced\nover\tlines  ") == "spaced over lines"
    assert clean_text("[country]") == "[country]"
    for text in ("is there a travel alert for [country](x)", "[a]{\"entity\": \"b\"}", "[a][b]"):
        assert RASA_ENTITY.search(clean_text(text)) is None, text


def test_clinc150_full_setup_puts_oos_in_both_splits(tmp_path: Path) -> None:
    data = {"train": [["book a flight", "book_flight"]], "oos_train": [["sing", "oos"]],
            "test": [["fly me", "book_flight"]], "oos_test": [["dance", "oos"]],
            "val": [["x", "book_flight"]], "oos_val": [["y", "oos"]]}
    (tmp_path / "data_full.json").write_text(json.dumps(data))
    split = load_clinc150(tmp_path / "data_full.json")
    assert split.train == [Example("book a flight", "book_flight"), Example("sing", OUT_OF_SCOPE)]
    assert split.test == [Example("fly me", "book_flight"), Example("dance", OUT_OF_SCOPE)]


def test_banking77_reads_quoted_csv(tmp_path: Path) -> None:
    for name in ("train.csv", "test.csv"):
        (tmp_path / name).write_text('text,category\n"Hi, my card?",card_arrival\n')
    assert load_banking77(tmp_path).test == [Example("Hi, my card?", "card_arrival")]


def test_stratified_sample_keeps_proportions_and_is_deterministic() -> None:
    examples = [Example(f"a{i}", "a") for i in range(60)] + [
        Example(f"b{i}", "b") for i in range(30)] + [Example(f"c{i}", "c") for i in range(10)]
    sample = stratified_sample(examples, 20, seed=3)
    assert Counter(e.intent for e in sample) == {"a": 12, "b": 6, "c": 2}
    assert sample == stratified_sample(examples, 20, seed=3)
    assert [examples.index(e) for e in sample] == sorted(examples.index(e) for e in sample)
    assert stratified_sample(examples, None) == examples
    assert stratified_sample(examples, 1000) == examples


def test_stratified_sample_gives_small_intents_their_minimum() -> None:
    examples = [Example(f"a{i}", "a") for i in range(98)] + [Example("b0", "b"),
                                                            Example("b1", "b")]
    sample = stratified_sample(examples, 10, minimum=2)
    assert Counter(e.intent for e in sample) == {"a": 9, "b": 2}
    assert Counter(e.intent for e in stratified_sample(examples, 10, minimum=0)) == {"a": 10}


def prediction(label: str, ranking: list[tuple[str, float]], intent: str | None = None
               ) -> Prediction:
    return Prediction(label, intent or ranking[0][0], ranking[0][1], ranking, 5.0)


PREDICTIONS = [
    prediction("greet", [("greet", 0.9), ("bye", 0.05)]),           # right
    prediction("greet", [("bye", 0.6), ("greet", 0.3)]),            # wrong
    prediction("bye", [("bye", 0.4), ("greet", 0.35)], FALLBACK),   # fallback: wrong
    prediction(OUT_OF_SCOPE, [(OUT_OF_SCOPE, 0.7), ("bye", 0.2)]),  # caught as oos
    prediction(OUT_OF_SCOPE, [("greet", 0.3), ("bye", 0.2)], FALLBACK),  # caught by fallback
    prediction(OUT_OF_SCOPE, [("bye", 0.8), ("greet", 0.1)]),       # missed
]


def test_score_counts_fallback_wrong_in_scope_and_right_out_of_scope() -> None:
    scores = score([p.label for p in PREDICTIONS], [p.intent for p in PREDICTIONS])
    assert scores == {"in_scope_accuracy": 33.33, "accuracy": 33.33, "oos_recall": 66.67,
                      "in_scope_fallback_rate": 33.33}
    assert score(["a", "b"], ["a", "a"])["oos_recall"] is None


def test_decide_reproduces_rasa_fallback_classifier() -> None:
    assert [decide(p, 0.45, 0.08) for p in PREDICTIONS] == [p.intent for p in PREDICTIONS]
    assert decide(PREDICTIONS[0], 0.95, 0.0) == FALLBACK
    assert decide(PREDICTIONS[1], 0.0, 0.4) == FALLBACK  # 0.6 - 0.3 is ambiguous at 0.4


def test_threshold_curve_trades_in_scope_accuracy_for_oos_recall() -> None:
    curve = threshold_curve(PREDICTIONS, [0.0, 0.45, 0.85], [0.0])
    assert [row["oos_recall"] for row in curve] == [33.33, 66.67, 100.0]
    assert [row["in_scope_accuracy"] for row in curve] == [66.67, 33.33, 33.33]
    assert [row["in_scope_fallback_rate"] for row in curve] == [0.0, 33.33, 66.67]


def test_pipeline_config_reads_components_and_fallback(tmp_path: Path) -> None:
    path = tmp_path / "config.yml"
    path.write_text("pipeline:\n  - name: components.tokenizer.BilingualTokenizer\n"
                    "  - name: DIETClassifier\n  - name: FallbackClassifier\n"
                    "    threshold: 0.45\n")
    config = read_pipeline_config(path)
    assert config.components == ["components.tokenizer.BilingualTokenizer", "DIETClassifier",
                                 "FallbackClassifier"]
    assert (config.threshold, config.ambiguity) == (0.45, 0.1)  # Rasa's default ambiguity
    path.write_text("pipeline:\n  - name: DIETClassifier\n")
    assert read_pipeline_config(path).threshold is None


def test_model_key_follows_config_code_and_data(tmp_path: Path) -> None:
    project = tmp_path / "rasa"
    (project / "components").mkdir(parents=True)
    config, data = project / "config.yml", tmp_path / "nlu.yml"
    code = project / "components" / "tokenizer.py"
    for path in (config, data, code):
        path.write_text("v1")
    key = model_key(config, project, data, "3.6.21")
    assert key == model_key(config, project, data, "3.6.21")
    for path in (config, data, code):
        path.write_text("v2")
        assert model_key(config, project, data, "3.6.21") != key
        key = model_key(config, project, data, "3.6.21")


@pytest.mark.parametrize("dataset", ["clinc150", "banking77"])
def test_summary_and_table(dataset: str, tmp_path: Path) -> None:
    config = PipelineConfig(tmp_path / "config.yml", "abc", ["DIETClassifier"], 0.45, 0.08)
    split = Split([Example("hi", "greet"), Example("bye", "bye")], [Example("x", "y")] * 6)
    results = summarise(dataset, config, split, PREDICTIONS, 12.5, False)
    assert results["curve_agrees_with_rasa"] == 1.0
    assert (results["n_train"], results["n_intents"], results["n_test"]) == (2, 2, 6)
    assert results["parse_ms_p50"] == 5.0 and results["target_met"] is False
    assert any(row["threshold"] == 0.45 and row["ambiguity_threshold"] == 0.08
               for row in results["threshold_curve"])
    rendered = table(results)
    assert all(metric in rendered for metric in TARGETS[dataset])
    assert sum(line.endswith("*") for line in rendered.splitlines()) == 1  # the one in force
    json.dumps(results)  # what --json writes


def test_language_comparison_config_changes_only_diets_epochs(tmp_path: Path) -> None:
    from bench.nlu_languages import CONFIG, config_with_epochs

    written = yaml.safe_load(config_with_epochs(7, tmp_path / "c.yml").read_text())
    original = yaml.safe_load(CONFIG.read_text())
    diet = [i for i, s in enumerate(original["pipeline"]) if "DIET" in s["name"]]
    assert diet and all(written["pipeline"][i]["epochs"] == 7 for i in diet)
    for i, step in enumerate(original["pipeline"]):
        if i not in diet:
            assert written["pipeline"][i] == step
    assert written["policies"] == original["policies"]
