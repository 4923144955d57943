"""Entity resolution: surface variants ("Navy ", "navys", "藏青色") map to one canonical key,
so the graph links variants with ``alias_of`` instead of duplicating nodes."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from kg.lexicon import COLOUR_ZH, MATERIAL_ZH

_SPACES = re.compile(r"[\s_\-]+")
_ZH_TO_EN = {zh: en for table in (COLOUR_ZH, MATERIAL_ZH) for en, zh in table.items()}
_KEEP_S = ("ss", "us", "is", "as")


@lru_cache(maxsize=200_000)
def canonical(surface: str) -> str:
    """Case, spacing and plural folded; known Chinese synonyms mapped to English."""
    text = _SPACES.sub(" ", surface.strip().lower())
    text = _ZH_TO_EN.get(text, text)
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith(_KEEP_S) else w
             for w in text.split(" ")]
    return " ".join(words)


def group_variants(surfaces: Iterable[str]) -> dict[str, list[str]]:
    """Canonical key -> the distinct surface forms seen for it (sorted)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for surface in surfaces:
        if surface.strip():
            groups[canonical(surface)].add(surface)
    return {key: sorted(forms) for key, forms in groups.items()}
