"""Today's date, for everything that counts days (how late an order is, how long a return
window has left): the system's, or the one ``SHOPMIND_TODAY`` (YYYY-MM-DD) fixes, for a run
that must see the day its data was written for (the dialogue benchmark's conversations
say "today is 2026-12-07": played a day later, every "18 days late" would be wrong).

Example::

    from shopmind import clock
    late = (clock.today() - order_due).days
"""

from __future__ import annotations

import os
from datetime import date

ENV = "SHOPMIND_TODAY"


def today() -> date:
    """``SHOPMIND_TODAY`` when set, else the system's date."""
    fixed = os.environ.get(ENV, "").strip()
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError as exc:
        raise ValueError(f"{ENV} must be a date as YYYY-MM-DD, not {fixed!r}") from exc
