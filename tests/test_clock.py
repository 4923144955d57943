"""``shopmind.clock``: the system's date, or the one ``SHOPMIND_TODAY`` fixes."""

from __future__ import annotations

from datetime import date

import pytest

from shopmind import clock


def test_today_is_the_systems_unless_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.ENV, raising=False)
    assert clock.today() == date.today()
    monkeypatch.setenv(clock.ENV, "2026-12-07")
    assert clock.today() == date(2026, 12, 7)


def test_a_malformed_date_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.ENV, "7 Dec")
    with pytest.raises(ValueError, match="SHOPMIND_TODAY must be a date as YYYY-MM-DD"):
        clock.today()
