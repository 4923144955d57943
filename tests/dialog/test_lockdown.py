"""Rasa's lockdown, unit by unit: loopback only, where trackers live, the shared secrets."""

from __future__ import annotations

from pathlib import Path

import jwt
import pytest
import yaml

from dialog.secrets import RasaSecrets
from dialog.server import RasaServer, tracker_store_config
from shopmind.errors import InvalidInput
from tests.testing import settings_for


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.com", "::"])
def test_rasa_refuses_to_bind_beyond_loopback(tmp_path: Path, host: str) -> None:
    settings = settings_for(tmp_path, host=host)
    with pytest.raises(InvalidInput, match="loopback only"):
        RasaServer(settings, tmp_path / "model.tar.gz", "http://127.0.0.1:1/x",
                   RasaSecrets.create(settings))


def test_trackers_default_to_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    config = tracker_store_config(settings_for(tmp_path))
    assert config == {"type": "SQL", "dialect": "sqlite",
                      "db": str((tmp_path / "trackers.sqlite").resolve())}


def test_postgresql_trackers_keep_the_password_out_of_the_file(tmp_path: Path) -> None:
    url = "postgresql://rasa:s3cr%40t@db.internal:6543/trackers"
    config = tracker_store_config(settings_for(tmp_path, tracker_store_url=url))
    assert config == {"type": "SQL", "dialect": "postgresql", "url": "db.internal",
                      "port": 6543, "db": "trackers", "username": "rasa",
                      "password": "${SHOPMIND_TRACKER_PASSWORD}"}
    with pytest.raises(InvalidInput, match="postgresql://"):
        tracker_store_config(settings_for(tmp_path, tracker_store_url="mysql://x/y"))


def test_the_endpoints_file_holds_no_secret(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, cache_dir=tmp_path / "cache")
    secrets = RasaSecrets.create(settings)
    server = RasaServer(settings, tmp_path / "model.tar.gz", "http://127.0.0.1:1/hook", secrets)
    server._write_endpoints()
    written = (server.run_dir / "endpoints.yml").read_text()
    assert secrets.action_secret not in written and secrets.jwt_secret not in written
    endpoints = yaml.safe_load(written)
    assert endpoints["action_endpoint"]["headers"] == {
        "Authorization": "Bearer ${SHOPMIND_ACTION_SECRET}"}
    assert yaml.safe_load((server.run_dir / "credentials.yml").read_text()) == {
        "channel.TokenRestInput": None}  # Rasa's own open REST channel is not enabled


def test_secrets_are_random_and_checked_in_constant_time(tmp_path: Path) -> None:
    one, two = RasaSecrets.create(settings_for(tmp_path)), RasaSecrets.create(
        settings_for(tmp_path))
    assert one.action_secret != two.action_secret and one.jwt_secret != two.jwt_secret
    assert len(one.action_secret) >= 32
    assert one.action_call_allowed(f"Bearer {one.action_secret}")
    for header in (None, "", f"Bearer {two.action_secret}", one.action_secret):
        assert not one.action_call_allowed(header)
    claims = jwt.decode(one.app_token(), one.jwt_secret, algorithms=["HS256"])
    assert claims["user"]["role"] == "admin"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(one.app_token(), two.jwt_secret, algorithms=["HS256"])
    assert one.jwt_secret not in repr(one)
