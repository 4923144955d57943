"""Who calls the HTTP API and the UI, what their role lets them do, and how often.

API callers send ``Authorization: Bearer <token>``; the web UI keeps the same token in an
HttpOnly, SameSite=Strict cookie set by ``/login``. Every principal is rate limited per
token with the ``limits`` package (a moving window; ``Settings.rate_limit``).

Example::

    @router.get("/v1/jobs")
    async def jobs(merchant: Annotated[Principal, Depends(require("merchant"))]): ...
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from kg.accounts import AccountStore
from kg.schema import ProfileRow
from shopmind.errors import Forbidden, LimitExceeded, NotAuthorised, NotFound
from shopmind.identity import Principal, PrincipalStore

SESSION_COOKIE = "shopmind_session"


class RateLimiter:
    """Requests per principal in moving windows, e.g. ``"20/second;600/minute"``."""

    def __init__(self, spec: str) -> None:
        self.items: list[RateLimitItem] = parse_many(spec)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def hit(self, key: str) -> None:
        for item in self.items:
            if not self._limiter.hit(item, key):
                stats = self._limiter.get_window_stats(item, key)
                raise LimitExceeded(f"rate limit of {item} per token reached; slow down",
                                    retry_after_s=max(1.0, stats.reset_time - time.time()))


@dataclass
class Gate:
    """Authentication, roles and rate limits over the principal store."""

    principals: PrincipalStore
    limiter: RateLimiter

    def principal(self, token: str | None) -> Principal:
        if not token:
            raise NotAuthorised("sign in first: send 'Authorization: Bearer <token>'")
        principal = self.principals.authenticate(token)
        self.limiter.hit(principal.id)
        return principal

    def optional(self, token: str | None) -> Principal | None:
        """The principal behind a token, or None (anonymous, wrong or revoked)."""
        if not token:
            return None
        try:
            return self.principals.authenticate(token)
        except NotAuthorised:
            return None


def bearer(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def request_token(request: Request) -> str | None:
    """The bearer token, else the UI's session cookie."""
    return bearer(request.headers.get("authorization")) or request.cookies.get(SESSION_COOKIE)


def get_gate(request: Request) -> Gate:
    gate: Gate = request.app.state.gate
    return gate


def require(*roles: str) -> Callable[..., Principal]:
    """A dependency: the caller's principal, which must have one of ``roles``."""

    def dependency(gate: Annotated[Gate, Depends(get_gate)],
                   authorization: Annotated[str | None, Header()] = None) -> Principal:
        principal = gate.principal(bearer(authorization))
        if principal.role not in roles:
            raise Forbidden(f"this needs a {' or '.join(roles)} account; "
                            f"you are signed in as a {principal.role}")
        return principal

    return dependency


def shopper_profile(principal: Principal, accounts: AccountStore) -> ProfileRow:
    """The shopper's profile; a shopper added with ``shopmind users`` starts with a plain one."""
    try:
        return accounts.profile(principal.id)
    except NotFound:
        return ProfileRow(id=principal.id, name=principal.name, membership="basic",
                          region="US", language="en")
