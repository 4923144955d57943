"""Talking to the Rasa server through its REST channel."""

from __future__ import annotations

from typing import Any

import httpx

from shopmind.errors import DependencyUnavailable


class RasaClient:
    """Sends one user message and returns Rasa's bot messages.

    Example::

        client = RasaClient("http://127.0.0.1:5005", timeout_s=10, bearer=secrets.app_token())
        await client.send("u001.s1", "hi", metadata={"shopper_id": "u001"})

    Messages go to the ``shopmind`` channel (``dialog/rasa/channel.py``), which, like Rasa's
    HTTP API, answers only callers with the app's bearer token.
    """

    def __init__(self, base_url: str, timeout_s: float, bearer: str,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.AsyncClient(timeout=timeout_s, transport=transport,
                                       headers={"Authorization": f"Bearer {bearer}"})

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        body = {"sender": sender, "message": text, "metadata": metadata}
        messages = await self._post("/webhooks/shopmind/webhook", body, list)
        return list(messages)

    async def parse(self, text: str) -> dict[str, Any]:
        """Rasa's reading of one text (``/model/parse``: intent, entities), no tracker."""
        return dict(await self._post("/model/parse", {"text": text}, dict))

    async def _post(self, path: str, body: dict[str, Any], shape: type) -> Any:
        try:
            response = await self._http.post(f"{self.base_url}{path}", json=body)
            response.raise_for_status()
            answer = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise DependencyUnavailable("rasa", f"{type(exc).__name__}: {exc}") from exc
        if not isinstance(answer, shape):
            raise DependencyUnavailable("rasa", f"unexpected reply {answer!r:.200}")
        return answer

    async def status(self) -> dict[str, Any]:
        try:
            response = await self._http.get(f"{self.base_url}/status", timeout=2.0)
            response.raise_for_status()
            return dict(response.json())
        except (httpx.HTTPError, ValueError) as exc:
            raise DependencyUnavailable("rasa", f"{type(exc).__name__}: {exc}") from exc

    async def aclose(self) -> None:
        await self._http.aclose()
