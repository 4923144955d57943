import shutil
from pathlib import Path

import pytest

from dialog.training import PROJECT_DIR, cached_model, ensure_model, project_hash
from shopmind.errors import DependencyUnavailable
from tests.testing import settings_for


def test_hash_is_stable_and_follows_training_data(tmp_path: Path) -> None:
    copy = tmp_path / "rasa"
    shutil.copytree(PROJECT_DIR, copy, ignore=shutil.ignore_patterns(".rasa", "models"))
    assert project_hash(copy) == project_hash(PROJECT_DIR)
    (copy / "endpoints.yml").write_text("action_endpoint: {url: 'http://127.0.0.1:1'}\n")
    assert project_hash(copy) == project_hash(PROJECT_DIR), "endpoints do not change the model"
    nlu = copy / "data" / "nlu" / "en.yml"
    nlu.write_text(nlu.read_text() + "\n      - hey hey\n")
    assert project_hash(copy) != project_hash(PROJECT_DIR)
    component = copy / "components" / "tokenizer.py"
    before = project_hash(copy)
    component.write_text(component.read_text() + "\n# changed\n")
    assert project_hash(copy) != before, "custom component code changes the model"


def test_cached_model_is_reused_without_training(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "var", cache_dir=tmp_path / "cache",
                            rasa_venv=tmp_path / "no-venv")
    target = cached_model(settings)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"model")
    assert ensure_model(settings) == (target, False)  # no Rasa needed: nothing trained


def test_missing_rasa_environment_is_explained(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "var", cache_dir=tmp_path / "cache",
                            rasa_venv=tmp_path / "no-venv")
    with pytest.raises(DependencyUnavailable, match="make install"):
        ensure_model(settings)
