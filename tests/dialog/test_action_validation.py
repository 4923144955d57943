"""Rasa's check of action replies, with its validator built once (dialog/rasa/action_validation.py).

Runs in the Rasa environment: the patched check must accept and refuse exactly what Rasa's own
``jsonschema.validate`` does, with Rasa's message. (What it saves shows in ``bench/chat.py``.)
"""

from __future__ import annotations

import json
import subprocess

from dialog.training import PROJECT_DIR, rasa_environment, rasa_python
from shopmind.settings import Settings

SCRIPT = r'''
import json
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction
import action_validation

action = RemoteAction("action_jimi", None)
spec = RemoteAction.action_response_format_spec()
replies = {
    "good": {"events": [{"event": "slot", "name": "product", "value": "Trail Runner GTX"}],
             "responses": [{"text": "It comes in blue."}, {"custom": {"mood": "calm"}}]},
    "events_not_a_list": {"events": {"event": "slot"}, "responses": []},
    "unknown_event": {"events": [{"event": "no_such_event"}], "responses": []},
}

def outcome(check, reply):
    try:
        return ["ok", check(reply)]
    except ValidationError as error:
        return ["error", error.message]

original = {name: outcome(action._validate_action_result, r) for name, r in replies.items()}
direct = {name: outcome(lambda r: validate(r, spec), r) for name, r in replies.items()}
action_validation.install()
patched = {name: outcome(action._validate_action_result, r) for name, r in replies.items()}
print(json.dumps({"original": original, "direct": direct, "patched": patched}))
'''


def test_patched_check_matches_rasa() -> None:
    settings = Settings()
    done = subprocess.run([str(rasa_python(settings)), "-c", SCRIPT], cwd=PROJECT_DIR,
                          env={**rasa_environment(settings), "PYTHONPATH": str(PROJECT_DIR)},
                          capture_output=True, text=True, timeout=300, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["patched"] == result["original"]
    assert [kind for kind, _ in result["patched"].values()] == [
        kind for kind, _ in result["direct"].values()]
    assert result["patched"]["good"] == ["ok", True]
    for bad in ("events_not_a_list", "unknown_event"):
        kind, message = result["patched"][bad]
        assert kind == "error" and "Failed to validate Action server response" in message
