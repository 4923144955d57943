"""The secrets between the app and its Rasa server, made fresh for each start.

* ``jwt_secret`` signs the app's token for Rasa's HTTP API (``--jwt-secret``) and for the
  ``shopmind`` REST channel (``dialog/rasa/channel.py``): only the app can talk to Rasa.
* ``action_secret`` is what Rasa sends the app's custom-action endpoint (a header in
  ``endpoints.yml``): only our Rasa can run actions, so the shopper it names is trusted.

Both reach the Rasa child through its environment, never a file or its command line.

Example::

    secrets = RasaSecrets.create(settings)
    client = RasaClient(url, timeout_s=10, bearer=secrets.app_token())
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field

import jwt

from shopmind.settings import Settings

JWT_VARIABLE = "SHOPMIND_RASA_JWT_SECRET"
ACTION_VARIABLE = "SHOPMIND_ACTION_SECRET"


@dataclass(frozen=True)
class RasaSecrets:
    jwt_secret: str = field(repr=False)
    action_secret: str = field(repr=False)

    @classmethod
    def create(cls, settings: Settings) -> RasaSecrets:
        """The configured secrets, or random ones (32 bytes each) when none is set."""
        return cls(settings.rasa_auth_token or secrets.token_urlsafe(32),
                   settings.action_secret or secrets.token_urlsafe(32))

    def app_token(self) -> str:
        """The app's bearer token for Rasa: admin on the HTTP API and the channel."""
        payload = {"user": {"username": "shopmind-app", "role": "admin"}}
        return jwt.encode(payload, self.jwt_secret, algorithm="HS256")

    def action_call_allowed(self, authorization: str | None) -> bool:
        """Constant-time check of the header Rasa sends with each custom-action call."""
        expected = f"Bearer {self.action_secret}".encode()
        return hmac.compare_digest((authorization or "").encode(), expected)

    def environment(self) -> dict[str, str]:
        return {JWT_VARIABLE: self.jwt_secret, ACTION_VARIABLE: self.action_secret}
