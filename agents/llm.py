"""The optional chat model. None by default: every agent works without one.

Example::

    model = chat_model(Settings(chat_model="ollama:qwen2.5"))   # a LangChain chat model
"""

from __future__ import annotations

from typing import Any

from shopmind.errors import DependencyUnavailable
from shopmind.settings import Settings


def chat_model(settings: Settings) -> Any | None:
    """The configured LangChain chat model, or None when none is configured."""
    if not settings.chat_model:
        return None
    from langchain.chat_models import init_chat_model

    try:
        return init_chat_model(settings.chat_model)
    except (ImportError, ValueError) as exc:
        raise DependencyUnavailable("chat model", f"{settings.chat_model}: {exc}") from exc
