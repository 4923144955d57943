"""Whether a shopper's message asks for the merchant studio's work, read by the studio's model.

JIMI's model knows shoppers' intents only; a shopper who writes "make 20 banners for the
kettle" should hear that the studio is for merchants, not get a product answer. JIMI asks
this reader when its own model was unsure, out of scope, or fell back (``agents/jimi/core.py``).

Example::

    reader = StudioRequests(settings.studio_rasa_base_url, secrets.app_token())
    reader("为这款保温杯写10条卖点")   # True
    reader("where is my order?")       # False

A studio model that is down or slow answers False: the shopper gets JIMI's own answer.
"""

from __future__ import annotations

import logging

import httpx

log = logging.getLogger(__name__)

# the studio intents that are work for merchants (help, confirm and deny are not)
WORK_INTENTS = frozenset({"make_banners", "write_copy", "cut_out", "translate_banners",
                          "job_status", "cancel_job", "list_jobs"})


class StudioRequests:
    def __init__(self, base_url: str, bearer: str, threshold: float = 0.7,
                 timeout_s: float = 2.0, transport: httpx.BaseTransport | None = None) -> None:
        self.threshold = threshold
        self._http = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout_s,
                                  transport=transport,
                                  headers={"Authorization": f"Bearer {bearer}"})

    def __call__(self, text: str) -> bool:
        if not text.strip():
            return False
        try:
            response = self._http.post("/model/parse", json={"text": text})
            response.raise_for_status()
            intent = response.json().get("intent") or {}
        except (httpx.HTTPError, ValueError, AttributeError) as exc:
            log.warning("the studio's NLU did not answer (%s); JIMI answers alone",
                        type(exc).__name__)
            return False
        return (intent.get("name") in WORK_INTENTS
                and float(intent.get("confidence") or 0.0) >= self.threshold)

    def close(self) -> None:
        self._http.close()
