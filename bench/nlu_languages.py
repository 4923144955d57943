"""One bilingual model or one per language? The JIMI pipeline trained three ways on the team's
data (both languages together, English only, Chinese only) and scored on every held-out
conversation (``bench/data/chat_eval*.yml``): intent accuracy and entity F1 per language.

    python bench/nlu_languages.py --json bench/results/nlu_languages.json

``--diet-epochs N`` trains all three, joint included, with DIET's epochs set to N (the config
is otherwise the project's, written to ``var/bench/nlu_languages/config-N.yml``): a cheaper
comparison on equal terms, since DIET tags entities only and its epochs dominate training
time. Without it, the joint model is the platform's own (``dialog.training.ensure_model``: the
same config and NLU data, cached by the project hash). The per-language ones are trained with
``rasa train nlu`` and cached like ``bench/nlu.py`` does (by config, component code and data).
Evaluation loads each model in one Rasa process.
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

from bench.chat import expected_pairs, f1, held_out
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


def config_with_epochs(epochs: int, out: Path) -> Path:
    """The project's config with every DIET step's ``epochs`` set to ``epochs``."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    steps = [s for s in config["pipeline"] if "DIET" in str(s.get("name"))]
    if not steps:
        raise ValueError(f"{CONFIG} has no DIET step to set the epochs of")
    for step in steps:
        step["epochs"] = epochs
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def _model(settings: Settings, config: Any, variant: str, run_dir: Path, platform: bool
           ) -> tuple[Path, float | None]:
    """(model, training seconds; None where the platform's cached model was reused)."""
    if variant == "joint" and platform:
        from dialog.training import ensure_model

        model, trained = ensure_model(settings)
        state = "trained now" if trained else "cached"
        print(f"joint: the platform's model {model.name} ({state})")
        return model, None
    data = training_file(VARIANTS[variant], run_dir / "nlu.yml")
    model, train_s, _ = train_model(settings, config, data, run_dir, f"jimi-{variant}")
    return model, round(train_s, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--diet-epochs", type=int, help="train every variant with these epochs")
    args = parser.parse_args()
    settings = Settings()
    config_path = CONFIG
    if args.diet_epochs:
        config_path = config_with_epochs(args.diet_epochs, settings.data_dir / "bench" /
                                         "nlu_languages" / f"config-{args.diet_epochs}.yml")
    config = read_pipeline_config(config_path)
    conversations = held_out()
    by_language = {lang: [t for c in conversations if c["language"] == lang for t in c["turns"]]
                   for lang in ("en", "zh")}
    results: dict[str, Any] = {"config_sha": config.sha, "diet_epochs": args.diet_epochs}
    for variant in args.variants.split(","):
        run_dir = settings.data_dir / "bench" / "nlu_languages" / variant
        run_dir.mkdir(parents=True, exist_ok=True)
        model, train_s = _model(settings, config, variant, run_dir, not args.diet_epochs)
        results[variant] = {"train_s": train_s}
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
                      f"{row['entity_f1']:>11}{results[variant]['train_s'] or 'cached':>9}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
