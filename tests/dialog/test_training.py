import shutil
from pathlib import Path

import pytest
import yaml

from dialog.training import (
    OTHER_SHARE,
    PROJECT_DIR,
    SHOPPERS,
    SHOPPERS_ONLY,
    STUDIO,
    cached_model,
    ensure_model,
    project_hash,
    studio_training_data,
)
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


def test_the_studio_model_has_its_own_hash(tmp_path: Path) -> None:
    copy = tmp_path / "rasa"
    shutil.copytree(PROJECT_DIR, copy, ignore=shutil.ignore_patterns(".rasa", "models"))
    shoppers, studio = project_hash(copy), project_hash(copy, STUDIO)
    assert shoppers != studio and project_hash(copy, SHOPPERS) == shoppers
    examples = copy / "studio" / "data" / "studio_en.yml"
    examples.write_text(examples.read_text() + "\n      - 9 banners for the kettle, now\n")
    assert project_hash(copy) == shoppers, "the studio's data leaves JIMI's model alone"
    assert project_hash(copy, STUDIO) != studio
    shopper_data = copy / "data" / "nlu" / "zh.yml"
    shopper_data.write_text(shopper_data.read_text() + "\n      - 你好呀\n")
    changed = project_hash(copy, STUDIO)
    assert changed != studio, "the studio learns the shoppers' examples as other"
    assert project_hash(copy) != shoppers


def test_studio_training_data_adds_the_shoppers_as_other(tmp_path: Path) -> None:
    counts = studio_training_data(PROJECT_DIR, tmp_path)
    assert {p.name for p in tmp_path.glob("*.yml")} >= {
        "studio_en.yml", "studio_zh.yml", "confirm.yml", "shoppers.yml", "shoppers_lookups.yml"}
    assembled = yaml.safe_load((tmp_path / "shoppers.yml").read_text("utf-8"))["nlu"]
    assert [entry["intent"] for entry in assembled] == ["affirm", "deny", "other"]
    shopper_examples = affirm_deny = 0
    for path in sorted((PROJECT_DIR / "data" / "nlu").glob("*.yml")):  # out of scope too
        if path.name in SHOPPERS_ONLY:
            continue
        for entry in yaml.safe_load(path.read_text("utf-8"))["nlu"]:
            if "intent" in entry:
                n = sum(1 for line in entry["examples"].splitlines() if line.strip())
                if entry["intent"] in ("affirm", "deny"):
                    affirm_deny += n
                else:
                    shopper_examples += n
    other = assembled[2]["examples"].splitlines()
    assert len(other) == shopper_examples // OTHER_SHARE == counts["other"]
    assert sum(len(e["examples"].splitlines()) for e in assembled[:2]) == affirm_deny
    assert not any("](" in line or "]{" in line for line in other), "no shopper entity left"
    assert counts["make_banners"] >= 100 and counts["help"] >= 100


def test_shoppers_only_examples_leave_the_studio_model_alone(tmp_path: Path) -> None:
    copy = tmp_path / "rasa"
    shutil.copytree(PROJECT_DIR, copy, ignore=shutil.ignore_patterns(".rasa", "models"))
    shoppers, studio = project_hash(copy), project_hash(copy, STUDIO)
    only = copy / "data" / "nlu" / min(SHOPPERS_ONLY)
    only.write_text(only.read_text("utf-8") + "      - is it any good for hot days\n", "utf-8")
    assert project_hash(copy, STUDIO) == studio  # neither hashed nor sampled for the studio
    assert project_hash(copy) != shoppers
    written = studio_training_data(copy, tmp_path / "studio")
    assert "is it any good for hot days" not in (tmp_path / "studio" / "shoppers.yml").read_text(
        "utf-8") and written["other"] > 0
