"""Dialogue: the Rasa project, its service lifecycle, the custom-action endpoint, chat."""

from dialog.actions import ActionExecutor, ActionRequest
from dialog.chat import ChatReply, ChatService
from dialog.client import RasaClient

__all__ = ["ActionExecutor", "ActionRequest", "ChatReply", "ChatService", "RasaClient"]
