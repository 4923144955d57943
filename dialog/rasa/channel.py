"""Rasa's REST channel behind the app's token: only the Shopmind app may talk as a shopper.

Rasa's own REST channel answers anyone who reaches its port, and trusts the ``metadata``
that names the shopper. This channel (``/webhooks/shopmind/webhook``) first checks
``Authorization: Bearer <JWT>``: an HS256 token signed with the secret Rasa's HTTP API
also uses (``--jwt-secret``), with ``user.role == "admin"``. Anything else gets a 401 and
never reaches the dialogue. The secret comes from the environment Rasa is started with
(``SHOPMIND_RASA_JWT_SECRET``), never from a file or the command line.

``credentials.yml``::

    channel.TokenRestInput:
"""

import os
from collections.abc import Awaitable, Callable
from typing import Any

import jwt
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

SECRET_VARIABLE = "SHOPMIND_RASA_JWT_SECRET"


def caller_is_the_app(authorization: str | None, secret: str) -> bool:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token or not secret:
        return False
    try:
        payload = jwt.decode(token, secret, algorithms=["HS256"])
    except jwt.PyJWTError:
        return False
    return (payload.get("user") or {}).get("role") == "admin"


class TokenRestInput(RestInput):
    """The REST channel, for callers holding the app's token only."""

    def __init__(self, secret: str) -> None:
        self.secret = secret

    @classmethod
    def name(cls) -> str:
        return "shopmind"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "TokenRestInput":
        secret = os.environ.get(SECRET_VARIABLE, "")
        if len(secret) < 32:
            raise ValueError(f"{SECRET_VARIABLE} must hold the app's secret (32+ characters)")
        return cls(secret)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def authenticate(request: Request) -> response.HTTPResponse | None:
            if caller_is_the_app(request.headers.get("authorization"), self.secret):
                return None
            return response.json({"error": "unauthorised"}, status=401)

        return blueprint
