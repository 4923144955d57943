"""The conversation store: messages with speakers, hand-over states, notices, durability."""

from pathlib import Path

import pytest

from dialog.conversations import ConversationStore
from shopmind.errors import Conflict, NotFound
from tests.testing import sqlite_locked_elsewhere


@pytest.fixture()
def store(tmp_path: Path) -> ConversationStore:
    return ConversationStore(tmp_path / "conversations.sqlite")


def test_messages_are_numbered_and_read_after_a_point(store: ConversationStore) -> None:
    session, created = store.open("u001.s1", "u001", "en")
    assert created and session.mode == "bot"
    store.add("u001.s1", "shopper", "Emma", ["hi"])
    store.add("u001.s1", "bot", "JIMI", ["Hello", "How can I help?"])
    assert [m.seq for m in store.history("u001.s1")] == [1, 2, 3]
    assert [m.text for m in store.history("u001.s1", after=1)] == ["Hello", "How can I help?"]
    assert store.open("u001.s1", "u001", "en")[1] is False


def test_a_session_belongs_to_one_shopper(store: ConversationStore) -> None:
    store.open("u001.s1", "u001", "en")
    with pytest.raises(NotFound):
        store.open("u001.s1", "u002", "zh")


def test_hand_over_lifecycle(store: ConversationStore) -> None:
    store.open("u001.s1", "u001", "en")
    with pytest.raises(Conflict, match="not asked for a person"):
        store.claim("u001.s1", "Alice")
    assert store.request_human("u001.s1").mode == "waiting"
    assert [s.id for s in store.waiting()] == ["u001.s1"]
    assert store.claim("u001.s1", "Alice").agent == "Alice"
    with pytest.raises(Conflict, match="already with Alice"):
        store.claim("u001.s1", "Bob")
    with pytest.raises(Conflict):
        store.hand_back("u001.s1", "Bob")
    back = store.hand_back("u001.s1", "Alice")
    assert back.mode == "bot" and back.agent is None and store.waiting() == []


def test_a_notice_is_sent_once(store: ConversationStore) -> None:
    assert store.first_notice("u001", "delayed:SM-1")
    assert not store.first_notice("u001", "delayed:SM-1")
    assert store.first_notice("u002", "delayed:SM-1")


def test_nothing_is_lost_when_the_process_restarts(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    first = ConversationStore(path)
    first.open("u001.s1", "u001", "en")
    first.add("u001.s1", "shopper", "Emma", ["my order is late"])
    first.request_human("u001.s1")
    first.record_request("SM-100001", "cancel", "u001", "u001.s1")
    first.close()
    again = ConversationStore(path)
    assert [m.text for m in again.history("u001.s1")] == ["my order is late"]
    assert again.session("u001.s1").mode == "waiting"
    assert again.requests_of("u001") == [("SM-100001", "cancel")]


def test_other_sessions_counts_recent_contact(store: ConversationStore) -> None:
    for n in range(3):
        store.open(f"u001.s{n}", "u001", "en")
    assert store.other_sessions("u001", "u001.s0") == 2
    assert store.other_sessions("u002", "u002.s0") == 0


def test_a_database_locked_by_another_process_is_a_clear_error_not_a_hang(tmp_path: Path) -> None:
    import time

    from shopmind.errors import DependencyUnavailable

    path = tmp_path / "conversations.sqlite"
    store = ConversationStore(path, busy_s=0.5)
    store.open("u001.s1", "u001", "en")
    with sqlite_locked_elsewhere(path):
        started = time.monotonic()
        with pytest.raises(DependencyUnavailable, match="conversation store"):
            store.add("u001.s1", "shopper", "Emma", ["hello"])
        assert time.monotonic() - started < 5
    assert [m.text for m in store.add("u001.s1", "shopper", "Emma", ["again"])] == ["again"]
