"""Training the Rasa model only when the Rasa project changed.

Models are cached outside the checkout, under ``<cache_dir>/rasa/models/<hash>.tar.gz``,
keyed by a hash of the project's training files and the Rasa version, so a second start
with nothing changed reuses the model.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from shopmind.errors import DependencyUnavailable, ToolFailed
from shopmind.settings import REPO_ROOT, Settings

log = logging.getLogger(__name__)
PROJECT_DIR = REPO_ROOT / "dialog" / "rasa"
RASA_VERSION = "3.6.21"
TRAINING_FILES = ("config.yml", "domain.yml", "data", "components")


def project_hash(project_dir: Path = PROJECT_DIR) -> str:
    """A hash of everything that changes the trained model."""
    digest = hashlib.sha256(RASA_VERSION.encode())
    for name in TRAINING_FILES:
        root = project_dir / name
        files = (sorted(p for p in root.rglob("*") if p.suffix in (".yml", ".py"))
                 if root.is_dir() else [root])
        for path in files:
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


def cached_model(settings: Settings, project_dir: Path = PROJECT_DIR) -> Path:
    return settings.cache_dir / "rasa" / "models" / f"{project_hash(project_dir)}.tar.gz"


def ensure_model(settings: Settings, project_dir: Path = PROJECT_DIR) -> tuple[Path, bool]:
    """Returns (model path, trained now). Trains only when no cached model matches."""
    target = cached_model(settings, project_dir)
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
            _train(settings, project_dir, Path(out))
            produced = Path(out) / "model.tar.gz"
            if not produced.is_file():
                raise ToolFailed("rasa train", f"no model was written to {out}")
            shutil.move(produced, target)  # same filesystem: atomic
    return target, True


def _train(settings: Settings, project_dir: Path, out: Path) -> None:
    command = [
        str(rasa_executable(settings)), "train", "--config", "config.yml", "--domain",
        "domain.yml", "--data", "data", "--out", str(out), "--fixed-model-name", "model",
    ]
    log.info("training the Rasa model (a few minutes on 2 idle cores)")
    result = subprocess.run(command, cwd=project_dir, env=rasa_environment(settings),
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout)[-2000:]
        raise ToolFailed("rasa train", f"exit {result.returncode}: {tail}")
