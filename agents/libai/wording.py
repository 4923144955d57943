"""How one attribute is said, in English and Chinese.

A :class:`Wording` holds short labels (for titles and hashtags), English verb phrases with
agreement markers (see :mod:`agents.libai.english`), English noun phrases and Chinese clauses.
``{v}`` stands for the English value, ``{z}`` for the Chinese value, ``{n}`` for a bare number.
Every phrase names its attribute in words the fact check recognises, so a phrase can never
claim more than the attribute it was written for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BETWEEN = re.compile(r"\|(?![^\[]*\])")


@dataclass(frozen=True)
class Wording:
    weight: float
    en_tag: str
    en_vps: tuple[str, ...]
    en_nps: tuple[str, ...]
    zh_tag: str
    zh_clauses: tuple[str, ...]

    def filled(self, values: dict[str, str]) -> Wording:
        """The same wording with ``{v}``, ``{z}``, ``{n}``... replaced."""
        def fill(text: str) -> str:
            for key, value in values.items():
                text = text.replace("{" + key + "}", value)
            return text

        return Wording(self.weight, fill(self.en_tag), tuple(map(fill, self.en_vps)),
                       tuple(map(fill, self.en_nps)), fill(self.zh_tag),
                       tuple(map(fill, self.zh_clauses)))


def w(weight: float, en_tag: str, en_vps: str, en_nps: str, zh_tag: str, zh_clauses: str
      ) -> Wording:
    """A wording from ``|``-separated phrase lists (compact tables)."""
    return Wording(weight, en_tag, _split(en_vps), _split(en_nps), zh_tag, _split(zh_clauses))


def _split(phrases: str) -> tuple[str, ...]:
    """Splits on ``|`` between phrases, not on the ``|`` of a ``[a|b]`` choice inside one."""
    return tuple(p.strip() for p in _BETWEEN.split(phrases) if p.strip())
