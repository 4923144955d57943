from pathlib import Path

import pytest

from shopmind.errors import DependencyUnavailable, InvalidInput, NotFound, ShopmindError, ToolFailed
from shopmind.settings import Settings


def test_environment_variables_use_the_shopmind_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPMIND_APP_PORT", "9123")
    monkeypatch.setenv("SHOPMIND_EXECUTOR", "dask")
    monkeypatch.setenv("SHOPMIND_DASK_SCHEDULER", "tcp://127.0.0.1:8786")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.app_port == 9123
    assert settings.executor == "dask"
    assert settings.dask_scheduler == "tcp://127.0.0.1:8786"


def test_dotenv_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = tmp_path / ".env"
    env.write_text(f"SHOPMIND_DATA_DIR={tmp_path / 'data'}\nSHOPMIND_CHROMA_MODE=server\n"
                   "SHOPMIND_CHROMA_URL=http://127.0.0.1:8001\n")
    settings = Settings(_env_file=env)  # type: ignore[call-arg]
    assert settings.data_dir == tmp_path / "data"
    assert settings.chroma_mode == "server"
    assert settings.graph_path == tmp_path / "data" / "graph.sqlite"


def test_rasa_url_defaults_to_loopback_port() -> None:
    settings = Settings(rasa_port=5099, _env_file=None)  # type: ignore[call-arg]
    assert settings.rasa_base_url == "http://127.0.0.1:5099"
    assert Settings(rasa_url="http://127.0.0.1:7000", _env_file=None).rasa_base_url == (  # type: ignore[call-arg]
        "http://127.0.0.1:7000")


def test_invalid_setting_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPMIND_EXECUTOR", "kubernetes")
    with pytest.raises(ValueError, match="executor"):
        Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.mark.parametrize(("error", "status", "code"), [
    (InvalidInput("bad"), 422, 2), (NotFound("gone"), 404, 3),
    (ToolFailed("make_banners", "boom"), 500, 6), (DependencyUnavailable("rasa", "down"), 503, 7),
])
def test_errors_carry_their_adapter_mapping(error: ShopmindError, status: int, code: int) -> None:
    assert isinstance(error, ShopmindError)
    assert (error.http_status, error.exit_code) == (status, code)


def test_tool_and_dependency_errors_name_their_source() -> None:
    assert ToolFailed("make_banners", "boom").message == "make_banners: boom"
    assert "rasa is unavailable" in DependencyUnavailable("rasa", "connection refused").message


def test_no_setting_carries_a_default_credential() -> None:
    secret_like = {name: field.default for name, field in Settings.model_fields.items()
                   if any(word in name for word in ("token", "secret", "password", "key"))}
    assert secret_like and all(default is None for default in secret_like.values()), secret_like
