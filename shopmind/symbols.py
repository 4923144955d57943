"""Messages of symbols alone ("👍", "❌", "..."): what they mean, read without the NLU.

Rasa's pipeline has no token to read in such a message (its ``/model/parse`` answers 500), so
the studio and the shopper chat read them here.

    symbols_meaning("👍👍")   # "affirm"
    symbols_meaning("🙅")     # "deny"
    symbols_meaning("...")    # "unknown"
    symbols_meaning("ok 👍")  # None: it has words, the NLU reads it
"""

from __future__ import annotations

import re
from typing import Literal

YES_SIGNS = ("👍", "👌", "✅", "🆗", "💯", "🙆", "✔", "☑")
NO_SIGNS = ("👎", "❌", "🙅", "⛔", "✖", "🚫")


def symbols_meaning(text: str) -> Literal["affirm", "deny", "unknown"] | None:
    if re.search(r"[^\W_]", text):
        return None
    if any(sign in text for sign in YES_SIGNS):
        return "affirm"
    if any(sign in text for sign in NO_SIGNS):
        return "deny"
    return "unknown"
