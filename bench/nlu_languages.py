"""One bilingual model or one per language? The JIMI pipeline trained three ways on the team's
data (both languages together, English only, Chinese only) and scored on the held-out
conversations of ``bench/data/chat_eval.yml``: intent accuracy and entity F1 per language.

    python bench/nlu_languages.py --json bench/results/nlu_languages.json

Models are trained with ``rasa train nlu`` and cached like ``bench/nlu.py`` does (by config,
component code and data); evaluation loads each model in one Rasa process.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # the repository root, not bench/ (whose copy.py shadows the stdlib)
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import json
from typing import Any

import yaml

from bench.chat import EVAL_FILE, expected_pairs, f1, load_conversations
from bench.nlu import rasa_env, read_pipeline_config, run_logged, train_model
from shopmind.settings import REPO_ROOT, Settings

NLU_DIR = REPO_ROOT / "dialog" / "rasa" / "data" / "nlu"
CONFIG = REPO_ROOT / "dialog" / "rasa" / "config.yml"
VARIANTS = {"joint": ("en.yml", "zh.yml"), "en_only": ("en.yml",), "zh_only": ("zh.yml",)}
EVAL_SCRIPT = '''\
import asyncio, json, sys
from rasa.core.agent import Agent

async def main(model, texts, out):
    agent = Agent.load(model)
    with open(out, "w", encoding="utf-8") as handle:
        for text in json.load(open(texts, encoding="utf-8")):
            parsed = await agent.parse_message(text)
            handle.write(json.dumps({"intent": parsed["intent"]["name"], "entities": [
                [e["entity"], str(e["value"])] for e in parsed.get("entities") or []]},
                ensure_ascii=False) + "\\n")

asyncio.run(main(*sys.argv[1:4]))
'''


def training_file(files: tuple[str, ...], out: Path) -> Path:
    """The chosen language files plus the shared lookups, as one NLU file."""
    items: list[Any] = []
    for name in (*files, "lookups.yml"):
        items += yaml.safe_load((NLU_DIR / name).read_text(encoding="utf-8"))["nlu"]
    out.write_text(yaml.safe_dump({"version": "3.1", "nlu": items}, allow_unicode=True,
                                  sort_keys=False), encoding="utf-8")
    return out


def evaluate(settings: Settings, model: Path, turns: list[dict[str, Any]], run_dir: Path
             ) -> list[dict[str, Any]]:
    from dialog.training import PROJECT_DIR

    (run_dir / "eval.py").write_text(EVAL_SCRIPT)
    (run_dir / "texts.json").write_text(json.dumps([t["text"] for t in turns],
                                                   ensure_ascii=False))
    out = run_dir / "parsed.jsonl"
    command = [str(settings.rasa_venv / "bin" / "python"), str(run_dir / "eval.py"), str(model),
               str(run_dir / "texts.json"), str(out)]
    run_logged(command, PROJECT_DIR, rasa_env(settings, PROJECT_DIR), run_dir / "eval.log",
               lambda: f"{out.read_text().count(chr(10)) if out.is_file() else 0} parsed")
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def scores(turns: list[dict[str, Any]], parsed: list[dict[str, Any]]) -> dict[str, float]:
    correct = sum(t["intent"] == p["intent"] for t, p in zip(turns, parsed, strict=True))
    tp = predicted = expected = 0
    for turn, parse in zip(turns, parsed, strict=True):
        want = expected_pairs(turn.get("entities"))
        got = {(name, " ".join(value.lower().split())) for name, value in parse["entities"]}
        tp, predicted, expected = tp + len(want & got), predicted + len(got), expected + len(want)
    return {"intent_accuracy": round(correct / len(turns), 4),
            "entity_f1": round(f1(tp, predicted, expected)[2], 4), "turns": len(turns)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    settings = Settings()
    config = read_pipeline_config(CONFIG)
    conversations = load_conversations(EVAL_FILE)
    by_language = {lang: [t for c in conversations if c["language"] == lang for t in c["turns"]]
                   for lang in ("en", "zh")}
    results: dict[str, Any] = {"config_sha": config.sha}
    for variant in args.variants.split(","):
        run_dir = settings.data_dir / "bench" / "nlu_languages" / variant
        run_dir.mkdir(parents=True, exist_ok=True)
        data = training_file(VARIANTS[variant], run_dir / "nlu.yml")
        model, train_s, _ = train_model(settings, config, data, run_dir, f"jimi-{variant}")
        results[variant] = {"train_s": round(train_s, 1)}
        for language, turns in by_language.items():
            if variant != "joint" and not variant.startswith(language):
                continue
            lang_dir = run_dir / language
            lang_dir.mkdir(exist_ok=True)
            results[variant][language] = scores(turns, evaluate(settings, model, turns, lang_dir))
    print(f"\n{'model':<10}{'language':>9}{'intent_acc':>12}{'entity_f1':>11}{'train_s':>9}")
    for variant in args.variants.split(","):
        for language in ("en", "zh"):
            row = results[variant].get(language)
            if row:
                print(f"{variant:<10}{language:>9}{row['intent_accuracy']:>12}"
                      f"{row['entity_f1']:>11}{results[variant]['train_s']:>9}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
