"""Rasa's check of custom-action replies, with its schema validator built once.

Rasa 3.6 validates every reply from the action endpoint with ``jsonschema.validate``, which
first checks Rasa's schema against the JSON-Schema metaschema, on every call: about 45 ms of a
chat turn on this machine, more than the whole NLU parse. ``install`` replaces the check with
one validator built (and its schema checked) once: the same schema, the same errors and the
same message. ``serve.py`` installs it before handing over to Rasa's command line; it is
serving code, outside the files whose hash names the trained model.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    error = best_match(_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, make sure your response "
        f"from the Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions")
    raise error


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
