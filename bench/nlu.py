"""Intent classification: the project's Rasa pipeline (``dialog/rasa/config.yml``, read at run
time) trained on a public training split and scored on its test split, beside published anchors.

    python bench/nlu.py --dataset clinc150 [--json PATH] [--limit-train N] [--limit-test N]
    python bench/nlu.py --dataset banking77 --json bench/results/nlu_banking77.json

CLINC150 is the "full" setup of Larson et al. (2019): train on train + oos_train (oos as its own
intent ``out_of_scope``), test on test + oos_test. ``in_scope_accuracy`` counts out_of_scope and
nlu_fallback as wrong on in-scope queries; ``oos_recall`` is the share of oos queries predicted
as out_of_scope or nlu_fallback. Banking77 reports ``accuracy``.

Rasa trains with cwd ``dialog/rasa`` and that folder on PYTHONPATH, so custom components named
by module path load. Models are cached under ``<cache_dir>/rasa/bench/`` by a hash of the config,
the Python files under ``dialog/rasa`` and the training data, so a second run only evaluates.
Each run keeps its data, logs and per-message predictions (with the classifier's ranking, so
other fallback thresholds can be scored afterwards) in ``var/bench/nlu/<dataset>-*/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # the repository root, not bench/ (whose copy.py shadows the stdlib)
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import csv
import hashlib
import json
import math
import os
import random
import re
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from shopmind.errors import ShopmindError, ToolFailed
from shopmind.settings import Settings

OUT_OF_SCOPE = "out_of_scope"
FALLBACK = "nlu_fallback"
RASA_DEFAULT_THRESHOLDS = (0.3, 0.1)  # FallbackClassifier's threshold, ambiguity_threshold
ANCHORS: dict[str, dict[str, dict[str, float]]] = {
    "clinc150": {"Rasa": {"in_scope_accuracy": 91.5, "oos_recall": 45.3},
                 "DialogFlow": {"in_scope_accuracy": 91.7, "oos_recall": 14.0},
                 "BERT": {"in_scope_accuracy": 96.9, "oos_recall": 40.3}},
    "banking77": {"BERT": {"accuracy": 93.7}},
}
TARGETS = {"clinc150": {"in_scope_accuracy": 93.0, "oos_recall": 50.0},
           "banking77": {"accuracy": 90.0}}
_ENTITY_OPENING = re.compile(r"\](?=[(\[{])")  # `](`, `][`, `]{`: Rasa reads an entity there


@dataclass(frozen=True)
class Example:
    text: str
    intent: str


@dataclass(frozen=True)
class Split:
    train: list[Example]
    test: list[Example]


@dataclass(frozen=True)
class Prediction:
    label: str
    intent: str
    confidence: float
    ranking: list[tuple[str, float]]  # the classifier's, without nlu_fallback, best first
    ms: float


@dataclass(frozen=True)
class PipelineConfig:
    path: Path
    sha: str
    components: list[str]
    threshold: float | None  # None: no FallbackClassifier in the pipeline
    ambiguity: float | None


# --- data ----------------------------------------------------------------------------------

def clean_text(text: str) -> str:
    """One line, single spaces, and no ``](`` that Rasa would read as an entity annotation."""
    return _ENTITY_OPENING.sub("] ", " ".join(text.split()))


def load_clinc150(path: Path) -> Split:
    data = json.loads(path.read_text(encoding="utf-8"))

    def rows(key: str, oos: bool) -> list[Example]:
        return [Example(clean_text(t), OUT_OF_SCOPE if oos else i) for t, i in data[key]]

    return Split(rows("train", False) + rows("oos_train", True),
                 rows("test", False) + rows("oos_test", True))


def load_banking77(folder: Path) -> Split:
    def rows(name: str) -> list[Example]:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            return [Example(clean_text(r["text"]), r["category"]) for r in csv.DictReader(handle)]

    return Split(rows("train.csv"), rows("test.csv"))


def stratified_sample(examples: Sequence[Example], limit: int | None, seed: int = 0,
                      minimum: int = 1) -> list[Example]:
    """``limit`` examples in the intents' proportions (largest remainder), at least ``minimum``
    per intent (so the total can pass ``limit`` when there are many intents); input order kept."""
    if limit is None or limit >= len(examples):
        return list(examples)
    by_intent: dict[str, list[int]] = defaultdict(list)
    for index, example in enumerate(examples):
        by_intent[example.intent].append(index)
    exact = {i: limit * len(rows) / len(examples) for i, rows in by_intent.items()}
    quota = {i: max(min(minimum, len(by_intent[i])), math.floor(q)) for i, q in exact.items()}
    spare = limit - sum(quota.values())
    for intent in sorted(exact, key=lambda i: (quota[i] - exact[i], i))[:max(spare, 0)]:
        quota[intent] = min(quota[intent] + 1, len(by_intent[intent]))
    rng = random.Random(seed)
    chosen = sorted(j for i, rows in sorted(by_intent.items()) for j in rng.sample(rows, quota[i]))
    return [examples[j] for j in chosen]


class _Literal(str):
    """A string that YAML writes as a literal block (``|``) where it can."""


def _literal(dumper: yaml.SafeDumper, value: _Literal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")


def nlu_yaml(examples: Sequence[Example]) -> str:
    """Rasa NLU training data (format 3.1); the examples block of each intent is one string
    that YAML's safe dumper escapes, so colons, quotes and ``#`` in the texts survive."""
    by_intent: dict[str, list[str]] = defaultdict(list)
    for example in examples:
        by_intent[example.intent].append(example.text)
    nlu = [{"intent": intent, "examples": _Literal("".join(f"- {t}\n" for t in texts))}
           for intent, texts in sorted(by_intent.items())]

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(_Literal, _literal)
    return yaml.dump({"version": "3.1", "nlu": nlu}, Dumper=Dumper, allow_unicode=True,
                     sort_keys=False, width=1_000_000)


# --- the project's pipeline ----------------------------------------------------------------

def read_pipeline_config(path: Path) -> PipelineConfig:
    raw = path.read_bytes()
    config = yaml.safe_load(raw) or {}
    pipeline = config.get("pipeline") or []
    names = [str(step.get("name")) for step in pipeline]
    fallback = next((s for s in pipeline if str(s.get("name")).endswith("FallbackClassifier")),
                    None)
    threshold = ambiguity = None
    if fallback is not None:
        threshold = float(fallback.get("threshold", RASA_DEFAULT_THRESHOLDS[0]))
        ambiguity = float(fallback.get("ambiguity_threshold", RASA_DEFAULT_THRESHOLDS[1]))
    return PipelineConfig(path, hashlib.sha256(raw).hexdigest()[:12], names, threshold, ambiguity)


def model_key(config: Path, project_dir: Path, data: Path, rasa_version: str) -> str:
    """What changes the trained model: Rasa, the config, custom Python code, the data."""
    digest = hashlib.sha256(rasa_version.encode())
    code = sorted(p for p in project_dir.rglob("*.py") if "models" not in p.parts)
    for name, path in [("config", config), *((str(p.relative_to(project_dir)), p) for p in code),
                       ("data", data)]:
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


# --- running Rasa --------------------------------------------------------------------------

def run_logged(command: list[str], cwd: Path, env: dict[str, str], log: Path,
               progress: Callable[[], str], every_s: float = 30.0) -> float:
    """Runs ``command`` with its output in ``log``, printing ``progress()`` now and then."""
    started, shown = time.perf_counter(), ""
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=handle,
                                   stderr=subprocess.STDOUT)
        while True:
            try:
                process.wait(timeout=every_s)
                break
            except subprocess.TimeoutExpired:
                if (now := progress()) != shown:
                    print(f"  {time.perf_counter() - started:6.0f} s  {now}", flush=True)
                    shown = now
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-1500:]
        tool = f"{Path(command[0]).name} {Path(command[1]).name}"
        raise ToolFailed(tool, f"exit {process.returncode} (log {log}): {tail}")
    return time.perf_counter() - started


def _last_epoch_line(log: Path) -> str:
    if not log.is_file():
        return ""
    with log.open("rb") as handle:
        handle.seek(max(0, log.stat().st_size - 4000))
        tail = handle.read().decode("utf-8", errors="replace")
    fragments = [f.strip() for f in re.split(r"[\r\n]", tail) if f.strip()]
    epochs = [f for f in fragments if f.startswith("Epochs:")]
    return (epochs or fragments or [""])[-1][:110]


def rasa_env(settings: Settings, project_dir: Path) -> dict[str, str]:
    from dialog.training import rasa_environment

    env = rasa_environment(settings)
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if str(project_dir) not in paths:  # custom components: `components.<module>` from here
        env["PYTHONPATH"] = os.pathsep.join([str(project_dir), *paths])
    env["RASA_MAX_CACHE_SIZE"] = "0"  # we cache whole models; keep the app's train-cache small
    return env


def train_model(settings: Settings, config: PipelineConfig, data: Path, run_dir: Path,
                name: str) -> tuple[Path, float, bool]:
    """(model, seconds the training took, whether it was cached)."""
    from dialog.training import PROJECT_DIR, RASA_VERSION, rasa_executable

    key = model_key(config.path, PROJECT_DIR, data, RASA_VERSION)
    target = settings.cache_dir / "rasa" / "bench" / f"{name}-{key}.tar.gz"
    meta = target.with_suffix("").with_suffix(".json")
    if target.is_file() and meta.is_file():
        print(f"reusing the trained model {target}")
        return target, float(json.loads(meta.read_text())["train_s"]), True
    log = run_dir / "train.log"
    print(f"training Rasa NLU on {data} (log: {log})", flush=True)
    command = [str(rasa_executable(settings)), "train", "nlu", "--config", str(config.path),
               "--nlu", str(data), "--out", str(run_dir / "model"), "--fixed-model-name", name]
    seconds = run_logged(command, PROJECT_DIR, rasa_env(settings, PROJECT_DIR), log,
                         lambda: _last_epoch_line(log))
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(run_dir / "model" / f"{name}.tar.gz", target)
    meta.write_text(json.dumps({"train_s": round(seconds, 1), "config_sha": config.sha}))
    return target, seconds, False


PARSE_SCRIPT = '''\
import asyncio, json, sys, time
from rasa.core.agent import Agent

async def main(model, texts, out):
    agent = Agent.load(model)
    await agent.parse_message("hello")  # warm-up: the first parse builds the graph's caches
    with open(out, "w", encoding="utf-8") as handle:
        for text in json.load(open(texts, encoding="utf-8")):
            started = time.perf_counter()
            parsed = await agent.parse_message(text)
            ms = (time.perf_counter() - started) * 1000
            intent = parsed.get("intent") or {}
            ranking = [[r["name"], r["confidence"]] for r in parsed.get("intent_ranking") or []
                       if r["name"] != "nlu_fallback"]
            handle.write(json.dumps({"intent": intent.get("name"), "ranking": ranking[:5],
                                     "confidence": intent.get("confidence"), "ms": ms}) + "\\n")
            handle.flush()

asyncio.run(main(*sys.argv[1:4]))
'''


def parse_all(settings: Settings, model: Path, test: Sequence[Example], run_dir: Path
              ) -> list[Prediction]:
    """Loads the model in one Rasa process and parses every test text there, one at a time."""
    from dialog.training import PROJECT_DIR

    (run_dir / "parse.py").write_text(PARSE_SCRIPT)
    (run_dir / "texts.json").write_text(json.dumps([e.text for e in test], ensure_ascii=False))
    out, log = run_dir / "parsed.jsonl", run_dir / "parse.log"
    print(f"parsing {len(test)} test messages (log: {log})", flush=True)

    def progress() -> str:
        done = out.read_text(encoding="utf-8").count("\n") if out.is_file() else 0
        return f"{done}/{len(test)} parsed"

    command = [str(settings.rasa_venv / "bin" / "python"), str(run_dir / "parse.py"),
               str(model), str(run_dir / "texts.json"), str(out)]
    run_logged(command, PROJECT_DIR, rasa_env(settings, PROJECT_DIR), log, progress)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [Prediction(e.intent, r["intent"], float(r["confidence"] or 0.0),
                       [(n, float(c)) for n, c in r["ranking"]], r["ms"])
            for e, r in zip(test, rows, strict=True)]


# --- scores --------------------------------------------------------------------------------

def decide(prediction: Prediction, threshold: float, ambiguity: float) -> str:
    """The intent Rasa's FallbackClassifier would give with these thresholds."""
    ranking = prediction.ranking
    if not ranking:
        return prediction.intent
    if ranking[0][1] < threshold:
        return FALLBACK
    if len(ranking) >= 2 and ranking[0][1] - ranking[1][1] < ambiguity:
        return FALLBACK
    return ranking[0][0]


def score(labels: Sequence[str], intents: Sequence[str]) -> dict[str, float | None]:
    """Percentages: in-scope accuracy (also ``accuracy``), oos recall, in-scope fallback rate."""
    pairs = list(zip(labels, intents, strict=True))
    inside = [(label, intent) for label, intent in pairs if label != OUT_OF_SCOPE]
    outside = [intent for label, intent in pairs if label == OUT_OF_SCOPE]

    def share(hits: int, total: int) -> float | None:
        return round(100 * hits / total, 2) if total else None

    accuracy = share(sum(label == intent for label, intent in inside), len(inside))
    return {"in_scope_accuracy": accuracy, "accuracy": accuracy,
            "oos_recall": share(sum(i in (OUT_OF_SCOPE, FALLBACK) for i in outside), len(outside)),
            "in_scope_fallback_rate": share(sum(i == FALLBACK for _, i in inside), len(inside))}


def threshold_curve(predictions: Sequence[Prediction], thresholds: Sequence[float],
                    ambiguities: Sequence[float]) -> list[dict[str, float | None]]:
    labels = [p.label for p in predictions]
    return [{"threshold": t, "ambiguity_threshold": a,
             **score(labels, [decide(p, t, a) for p in predictions])}
            for a in ambiguities for t in thresholds]


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else math.nan


# --- report --------------------------------------------------------------------------------

def _cell(value: float | None, width: int = 9) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:{width}.2f}"


def table(results: dict[str, Any]) -> str:
    r, anchors = results, ANCHORS[results["dataset"]]
    lines = [f"nlu {r['dataset']}: config {r['config']} (sha {r['config_sha']})",
             f"pipeline: {', '.join(r['pipeline'])}",
             f"fallback threshold {r['fallback_threshold']}, ambiguity {r['ambiguity_threshold']}",
             f"train {r['n_train']} examples ({r['n_intents']} intents), test {r['n_test']}",
             f"train_s {r['train_s']:.0f}{' (cached model)' if r['model_cached'] else ''}; "
             + f"parse p50 {r['parse_ms_p50']:.1f} ms, p95 {r['parse_ms_p95']:.1f} ms",
             "", f"{'metric':20} {'shopmind':>9} {'target':>9}"
             + "".join(f" {name:>10}" for name in anchors)]
    for metric, target in TARGETS[r["dataset"]].items():
        lines.append(f"{metric:20} {_cell(r[metric])} {'>= ' + str(target):>9}"
                     + "".join(f" {_cell(a.get(metric), 10)}" for a in anchors.values()))
    lines += ["", "fallback thresholds, recomputed from the saved rankings (* = in force)",
              f"{'ambiguity':>9} {'threshold':>9} {'in_scope':>9} {'oos_rec':>9} {'fallback':>9}"]
    in_force = (r["fallback_threshold"], r["ambiguity_threshold"])
    for row in r["threshold_curve"]:
        lines.append(f"{row['ambiguity_threshold']:9.2f} {row['threshold']:9.2f} "
                     f"{_cell(row['in_scope_accuracy'])} {_cell(row['oos_recall'])} "
                     f"{_cell(row['in_scope_fallback_rate'])} "
                     + ("*" if (row["threshold"], row["ambiguity_threshold"]) == in_force else ""))
    return "\n".join(lines)


def curve_grid(config: PipelineConfig) -> tuple[list[float], list[float]]:
    thresholds = {round(0.1 * i, 2) for i in range(10)} | {config.threshold or 0.0}
    ambiguities = {0.0, config.ambiguity or 0.0}
    return sorted(thresholds), sorted(ambiguities)


def summarise(dataset: str, config: PipelineConfig, split: Split, predictions: list[Prediction],
              train_s: float, cached: bool) -> dict[str, Any]:
    threshold, ambiguity = config.threshold or 0.0, config.ambiguity or 0.0
    agree = sum(decide(p, threshold, ambiguity) == p.intent for p in predictions)
    scores = score([p.label for p in predictions], [p.intent for p in predictions])
    met = all((scores[m] or 0.0) >= t for m, t in TARGETS[dataset].items())
    return {
        "dataset": dataset, **scores, "target_met": met,
        "n_train": len(split.train), "n_intents": len({e.intent for e in split.train}),
        "n_test": len(split.test), "train_s": round(train_s, 1), "model_cached": cached,
        "parse_ms_p50": round(percentile([p.ms for p in predictions], 0.5), 2),
        "parse_ms_p95": round(percentile([p.ms for p in predictions], 0.95), 2),
        "config": str(config.path), "config_sha": config.sha, "pipeline": config.components,
        "fallback_threshold": config.threshold, "ambiguity_threshold": config.ambiguity,
        "curve_agrees_with_rasa": round(agree / max(len(predictions), 1), 4),
        "threshold_curve": threshold_curve(predictions, *curve_grid(config)),
        "anchors": ANCHORS[dataset], "targets": TARGETS[dataset],
    }


def load_split(dataset: str, shared_data: Path) -> Split:
    folder = shared_data / "intents" / dataset
    if dataset == "clinc150":
        return load_clinc150(folder / "data_full.json")
    return load_banking77(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", choices=sorted(ANCHORS), required=True)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--limit-train", type=int, help="stratified subsample of the training split")
    parser.add_argument("--limit-test", type=int, help="stratified subsample of the test split")
    parser.add_argument("--config", type=Path,
                        help="another pipeline config to try (default: dialog/rasa/config.yml)")
    args = parser.parse_args()

    from dialog.training import PROJECT_DIR

    settings = Settings()
    full = load_split(args.dataset, settings.shared_data)
    split = Split(stratified_sample(full.train, args.limit_train, minimum=2),
                  stratified_sample(full.test, args.limit_test, minimum=0))
    config = read_pipeline_config((args.config or PROJECT_DIR / "config.yml").resolve())
    root = settings.data_dir / "bench" / "nlu"
    root.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix=f"{args.dataset}-", dir=root))
    shutil.copyfile(config.path, run_dir / "config.yml")  # the pipeline this run measured
    data = run_dir / "nlu.yml"
    data.write_text(nlu_yaml(split.train), encoding="utf-8")
    try:
        model, train_s, cached = train_model(settings, config, data, run_dir, args.dataset)
        predictions = parse_all(settings, model, split.test, run_dir)
    except ShopmindError as error:
        sys.exit(f"nlu benchmark failed: {error.message}")
    with (run_dir / "predictions.jsonl").open("w", encoding="utf-8") as handle:
        for example, prediction in zip(split.test, predictions, strict=True):
            handle.write(json.dumps({"text": example.text, **prediction.__dict__},
                                    ensure_ascii=False) + "\n")
    results = summarise(args.dataset, config, split, predictions, train_s, cached)
    results.update(model=str(model), run_dir=str(run_dir), limit_train=args.limit_train,
                   limit_test=args.limit_test)
    print(table(results))
    print(f"predictions: {run_dir / 'predictions.jsonl'}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
