"""The project's intent and entity components, trained by Rasa itself on a tiny data set."""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import textwrap
from pathlib import Path

import numpy as np
import pytest

from dialog.training import PROJECT_DIR, rasa_environment, rasa_executable, rasa_python
from tests.testing import settings_for

CONFIG = """
recipe: default.v1
language: en
pipeline:
  - name: components.tokenizer.BilingualTokenizer
  - name: CountVectorsFeaturizer
    alias: words
  - name: CountVectorsFeaturizer
    alias: chars
    analyzer: char_wb
    min_ngram: 1
    max_ngram: 3
  - name: components.ngrams.TextNgramFeaturizer
    alias: text_ngrams
    max_ngram: 3
  - name: components.entities.EntityDIET
    featurizers: [words, chars]
    epochs: {epochs}
  - name: components.intent_classifier.LinearIntentClassifier
    strength: 10
    ranking_length: 2
  - name: components.entities.PriceRangeOrder
"""
INTENTS = {
    "order_status": ["where is my order", "has my parcel shipped", "track my package",
                     "when will my order arrive", "我的订单到哪了", "包裹什么时候到"],
    "get_refund": ["I want my money back", "refund me please", "can I get a refund",
                   "give me a refund for this", "我要退款", "把钱退给我"],
    "greet": ["hello", "hi there", "good morning", "hey", "你好", "早上好"],
}
PARSE = textwrap.dedent("""
    import asyncio, json, sys
    from rasa.core.agent import Agent
    async def main():
        agent = Agent.load(sys.argv[1])
        out = [await agent.parse_message(t) for t in sys.argv[2:]]
        print("PARSED " + json.dumps(out))
    asyncio.run(main())
""")


OUT_OF_SCOPE = ["what's the weather tomorrow", "tell me about the moon landing",
                "who won the football", "write me a poem", "what is 7 times 8", "book a taxi",
                "明天天气怎么样", "讲个笑话", "帮我订机票", "今天股市怎么样"]


def _nlu(with_entities: bool, out_of_scope: bool = False) -> str:
    lines = ['version: "3.1"', "nlu:"]
    if out_of_scope:
        lines.append("  - intent: out_of_scope\n    metadata:\n      entity_free: true\n"
                     "    examples: |")
        lines += [f"      - {text}" for text in OUT_OF_SCOPE]
    for intent, texts in INTENTS.items():
        lines.append(f"  - intent: {intent}\n    examples: |")
        for text in texts:
            if with_entities and intent == "order_status" and text.isascii():
                text += " [SM-100023](order_id)"
            lines.append(f"      - {text}")
    return "\n".join(lines) + "\n"


def _train_and_parse(tmp_path: Path, with_entities: bool, texts: list[str],
                     out_of_scope: bool = False) -> list[dict]:
    settings = settings_for(tmp_path / "var", cache_dir=tmp_path / "cache")
    env = rasa_environment(settings)
    (tmp_path / "config.yml").write_text(CONFIG.format(epochs=60 if with_entities else 1))
    (tmp_path / "nlu.yml").write_text(_nlu(with_entities, out_of_scope), encoding="utf-8")
    trained = subprocess.run([str(rasa_executable(settings)), "train", "nlu", "--config",
                              "config.yml", "--nlu", "nlu.yml", "--out", "models",
                              "--fixed-model-name", "tiny"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=600, check=False)
    assert trained.returncode == 0, trained.stdout[-2000:] + trained.stderr[-2000:]
    (tmp_path / "parse.py").write_text(PARSE)
    parsed = subprocess.run([str(rasa_python(settings)), "parse.py", "models/tiny.tar.gz", *texts],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
                            check=False)
    assert parsed.returncode == 0, parsed.stderr[-2000:]
    line = next(l for l in parsed.stdout.splitlines() if l.startswith("PARSED "))
    return json.loads(line.removeprefix("PARSED "))


@pytest.mark.integration
def test_linear_intents_without_any_entity_in_the_data(tmp_path: Path) -> None:
    """Plain DIET with intent_classification off crashes here; EntityDIET skips training."""
    results = _train_and_parse(tmp_path, False, ["where's my parcel", "退款", "hello!"])
    assert [r["intent"]["name"] for r in results] == ["order_status", "get_refund", "greet"]
    for result in results:
        ranking = result["intent_ranking"]
        assert len(ranking) == 2 and ranking[0] == result["intent"]
        assert ranking[0]["confidence"] >= ranking[1]["confidence"] > 0
        assert result["entities"] == []
    # the raw-text n-grams cross Jieba's word boundary (我的|订单|到|哪|了) and keep punctuation
    with tarfile.open(tmp_path / "models" / "tiny.tar.gz") as model:
        member = next(m for m in model.getmembers() if m.name.endswith("vocabulary.json")
                      and "TextNgramFeaturizer" in m.name)
        vocabulary = json.loads(model.extractfile(member).read().decode("utf-8"))
    assert {"单到哪", "到哪了", "什么时"} <= set(vocabulary)


@pytest.mark.integration
def test_entities_still_come_from_diet(tmp_path: Path) -> None:
    results = _train_and_parse(tmp_path, True, ["track my package SM-100023"])
    assert results[0]["intent"]["name"] == "order_status"
    found = [(e["entity"], e["value"], e["extractor"]) for e in results[0]["entities"]]
    assert found == [("order_id", "SM-100023", "EntityDIET")]


@pytest.mark.integration
def test_out_of_scope_is_calibrated_and_entity_free_examples_skip_diet(tmp_path: Path) -> None:
    """With an out_of_scope intent in the data, training holds out a share of the examples and
    keeps the confidence below which a message is out of scope; its examples are marked
    entity_free, so DIET trains without them and still tags the order number."""
    results = _train_and_parse(tmp_path, True, ["track my package SM-100023",
                                                "zxqv plmk wrrt", "我要退款"], out_of_scope=True)
    names = [r["intent"]["name"] for r in results]
    assert names == ["order_status", "out_of_scope", "get_refund"], results
    assert [e["entity"] for e in results[0]["entities"]] == ["order_id"]
    with tarfile.open(tmp_path / "models" / "tiny.tar.gz") as model:
        member = next(m for m in model.getmembers() if m.name.endswith("layout.npz"))
        with np.load(io.BytesIO(model.extractfile(member).read())) as layout:  # type: ignore[union-attr]
            threshold = float(layout["threshold"])
    assert 0.0 < threshold <= 0.9


ALIGNMENT = textwrap.dedent("""
    import json, sys
    from rasa.shared.nlu.training_data.loading import load_data
    from components.tokenizer import BilingualTokenizer, tokens_of, _add_words, _chinese_words
    data = load_data(sys.argv[1])
    _add_words(sorted(_chinese_words(data)))  # what training does before it tokenizes
    bad = []
    for example in data.training_examples:
        text = example.get("text")
        tokens = tokens_of(text)
        starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
        for entity in example.get("entities") or []:
            if entity["start"] not in starts or entity["end"] not in ends:
                bad.append([text, text[entity["start"]:entity["end"]], entity["entity"]])
    print("MISALIGNED " + json.dumps(bad, ensure_ascii=False))
""")


@pytest.mark.integration
def test_every_annotated_entity_lines_up_with_tokens(tmp_path: Path) -> None:
    """DIET tags whole tokens: a span that cuts a token ("[30](price_min)-[50](price_max)"
    when "30-50" is one token, "[英文]版" when Jieba keeps 英文版) cannot be learned."""
    settings = settings_for(tmp_path / "var", cache_dir=tmp_path / "cache")
    (tmp_path / "align.py").write_text(ALIGNMENT)
    done = subprocess.run([str(rasa_python(settings)), str(tmp_path / "align.py"),
                           str(PROJECT_DIR / "data" / "nlu")], cwd=PROJECT_DIR,
                          env=rasa_environment(settings), capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(l for l in done.stdout.splitlines() if l.startswith("MISALIGNED "))
    assert json.loads(line.removeprefix("MISALIGNED ")) == []
