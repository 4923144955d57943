"""Training the Rasa models only when their training data changed.

Two models come from the one Rasa project in ``dialog/rasa``, with the same pipeline
(``config.yml``):

- ``SHOPPERS``: JIMI's model (NLU and dialogue rules) over ``domain.yml`` and ``data``;
- ``STUDIO``: the merchant studio's NLU model over ``studio/domain.yml``. Its training data is
  assembled at training time: ``studio/data``, the shoppers' affirm and deny examples, and one
  in ``OTHER_SHARE`` of every other shopper example as the intent ``other`` (so the studio
  knows a message that asks it for nothing, and JIMI can tell a shopper's studio request).
  Two models, because one model for both cost the shoppers accuracy (``bench/chat.py``).

Models are cached outside the checkout, under ``<cache_dir>/rasa/models/<hash>.tar.gz``,
keyed by a hash of the model's training files and the Rasa version, so a second start
with nothing changed reuses the model.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from shopmind.errors import DependencyUnavailable, ToolFailed
from shopmind.settings import REPO_ROOT, Settings

log = logging.getLogger(__name__)
PROJECT_DIR = REPO_ROOT / "dialog" / "rasa"
RASA_VERSION = "3.6.21"
OTHER_SHARE = 3  # the studio learns `other` from every third shopper example


@dataclass(frozen=True)
class RasaModel:
    """One model of the Rasa project: what it is trained on, relative to the project."""

    name: str
    domain: str
    training_files: tuple[str, ...]  # everything whose change changes the model
    nlu_only: bool = False


SHOPPERS = RasaModel("shoppers", "domain.yml", ("config.yml", "domain.yml", "data", "components"))
STUDIO = RasaModel("studio", "studio/domain.yml",
                   ("config.yml", "studio", "data/nlu", "components"), nlu_only=True)
TRAINING_FILES = SHOPPERS.training_files


# shoppers' examples that add nothing to the studio's "other" class: left out of its sample,
# so adding them does not retrain the studio model (or move its measured figures)
SHOPPERS_ONLY = frozenset({"product_followups.yml"})


def project_hash(project_dir: Path = PROJECT_DIR, model: RasaModel = SHOPPERS) -> str:
    """A hash of everything that changes the trained model."""
    digest = hashlib.sha256(RASA_VERSION.encode())
    if model != SHOPPERS:  # the shoppers' hash is the one their model has always had
        digest.update(f"{model.name}:{OTHER_SHARE}".encode())
    for name in model.training_files:
        root = project_dir / name
        files = (sorted(p for p in root.rglob("*") if p.suffix in (".yml", ".py"))
                 if root.is_dir() else [root])
        for path in files:
            if model != SHOPPERS and path.name in SHOPPERS_ONLY:
                continue  # not in the studio's training data
            digest.update(str(path.relative_to(project_dir)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def rasa_executable(settings: Settings) -> Path:
    return _in_rasa_venv(settings, "rasa")


def rasa_python(settings: Settings) -> Path:
    """The Rasa environment's Python (``dialog/rasa/serve.py`` runs the server with it)."""
    return _in_rasa_venv(settings, "python")


def _in_rasa_venv(settings: Settings, program: str) -> Path:
    path = settings.rasa_venv / "bin" / program
    if not path.is_file():
        raise DependencyUnavailable(
            "rasa", f"{path} is missing; run `make install` to create {settings.rasa_venv}"
        )
    return path


def rasa_environment(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env["RASA_CACHE_DIRECTORY"] = str(settings.cache_dir / "rasa" / "train-cache")
    env.update({"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
                "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONWARNINGS": "ignore"})
    env.pop("VIRTUAL_ENV", None)
    # custom components are imported as `components.<module>` from the Rasa project folder
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_DIR), env.get("PYTHONPATH")]))
    return env


def cached_model(settings: Settings, project_dir: Path = PROJECT_DIR,
                 model: RasaModel = SHOPPERS) -> Path:
    return settings.cache_dir / "rasa" / "models" / f"{project_hash(project_dir, model)}.tar.gz"


def ensure_model(settings: Settings, project_dir: Path = PROJECT_DIR,
                 model: RasaModel = SHOPPERS) -> tuple[Path, bool]:
    """Returns (model path, trained now). Trains only when no cached model matches."""
    target = cached_model(settings, project_dir, model)
    if target.is_file():
        log.info("reusing the Rasa model %s", target)
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    # one training per model at a time: a second process (a test run beside `shopmind
    # train`) waits for the first and reuses its model instead of training it again
    with open(target.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.is_file():
            log.info("reusing the Rasa model %s, trained meanwhile", target)
            return target, False
        with tempfile.TemporaryDirectory(dir=target.parent) as out:
            _train(settings, project_dir, model, Path(out))
            produced = Path(out) / "model.tar.gz"
            if not produced.is_file():
                raise ToolFailed("rasa train", f"no model was written to {out}")
            shutil.move(produced, target)  # same filesystem: atomic
    return target, True


def _train(settings: Settings, project_dir: Path, model: RasaModel, out: Path) -> None:
    if model.nlu_only:
        data = out / "data"
        studio_training_data(project_dir, data)
        command = [str(rasa_executable(settings)), "train", "nlu", "--config", "config.yml",
                   "--domain", model.domain, "--nlu", str(data)]
    else:
        command = [str(rasa_executable(settings)), "train", "--config", "config.yml",
                   "--domain", model.domain, "--data", "data"]
    command += ["--out", str(out), "--fixed-model-name", "model"]
    log.info("training the Rasa %s model (minutes on 2 idle cores)", model.name)
    result = subprocess.run(command, cwd=project_dir, env=rasa_environment(settings),
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout)[-2000:]
        raise ToolFailed("rasa train", f"exit {result.returncode}: {tail}")


_MARKUP = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")  # "[the shoes](product)"


class _BlockDumper(yaml.SafeDumper):
    """Examples as Rasa writes them: one literal block per intent."""


_BlockDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def studio_training_data(project_dir: Path, dest: Path) -> dict[str, int]:
    """Writes the studio model's NLU data into ``dest``; returns examples per intent.

    ``studio/data`` as written; from the shoppers' data (``data/nlu``) the lookups, every
    affirm and deny example, and one in ``OTHER_SHARE`` of the rest as ``other``, their
    entity annotations dropped (the studio model tags campaigns and products only).
    """
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted((project_dir / "studio" / "data").glob("*.yml")):
        shutil.copyfile(path, dest / path.name)
    kept: dict[str, list[str]] = {"affirm": [], "deny": [], "other": []}
    seen = 0
    for path in sorted((project_dir / "data" / "nlu").glob("*.yml")):
        if path.name in SHOPPERS_ONLY:
            continue
        document = yaml.safe_load(path.read_text("utf-8")) or {}
        entries = document.get("nlu") or []
        if not any("intent" in entry for entry in entries):
            shutil.copyfile(path, dest / f"shoppers_{path.name}")  # lookups, regexes, synonyms
            continue
        for entry in entries:
            intent = entry.get("intent")
            if intent is None:
                continue
            for line in str(entry.get("examples") or "").splitlines():
                text = _MARKUP.sub(r"\1", line.strip().removeprefix("- ").strip())
                if not text:
                    continue
                if intent in ("affirm", "deny"):
                    kept[intent].append(text)
                else:
                    seen += 1
                    if seen % OTHER_SHARE == 0:
                        kept["other"].append(text)
    nlu = [{"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
           for intent, texts in kept.items()]
    (dest / "shoppers.yml").write_text(yaml.dump(
        {"version": "3.1", "nlu": nlu}, Dumper=_BlockDumper, allow_unicode=True,
        sort_keys=False, width=1_000_000), "utf-8")
    counts = {intent: len(texts) for intent, texts in kept.items()}
    for path in sorted((project_dir / "studio" / "data").glob("*.yml")):
        for entry in (yaml.safe_load(path.read_text("utf-8")) or {}).get("nlu") or []:
            if "intent" in entry:
                lines = [x for x in str(entry.get("examples") or "").splitlines() if x.strip()]
                counts[entry["intent"]] = counts.get(entry["intent"], 0) + len(lines)
    return counts
