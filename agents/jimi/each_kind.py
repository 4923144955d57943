"""A request for two kinds at once, split into one request per kind: "need a hoodie and some
light up shoes in size 30", "跑步穿的速干T恤有吗？顺便再要一顶跑步帽", "a non stick pan for my
induction hob and a kettle for pour over coffee". Read whole, such a search is for one kind
(the other's words only narrow it wrongly); each part is searched on its own, with what was
said before the first kind ("for my 8 year old - need ...") shared by all.
"""

from __future__ import annotations

import re

from agents.jimi.search import ProductSearch
from kg.kinds import KINDS


def kind_parts(text: str, search: ProductSearch) -> list[str]:
    """The parts of a request for two kinds at once ("need a hoodie and some light up
    shoes in size 30", "跑步穿的速干T恤有吗？顺便再要一顶跑步帽"), one kind each; else []."""
    parts = [p for p in _AND_ALSO.split(text) if p.strip()]
    if len(parts) < 2:
        return []
    kinds = [search.constraints(p).kinds for p in parts]
    if not all(kinds) or len({k for ks in kinds for k in ks}) < len(parts):
        return []
    # what is said before the first kind is for each: "for my 8 year old - need a hoodie
    # and some shoes": the shoes are a kid's too
    lowered = parts[0].lower()
    start = min((m.start() for node in kinds[0] for word in _kind_words(node)
                 for m in re.finditer(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lowered)),
                default=0)
    lead = [m.end() for m in _NOUN_PHRASE.finditer(parts[0][:start])]  # not "non stick"
    shared = parts[0][:lead[-1]] if lead else ""
    return [parts[0], *(f"{shared}{p}" for p in parts[1:])]


def _kind_words(node: str) -> list[str]:
    kind = KINDS.get(node.split(":", 1)[1])
    return [w.lower() for w in (*kind.words_en, *kind.words_zh)] if kind else []


# where the noun phrase of a kind starts: after "a", "some", "need", "的", "买"
_NOUN_PHRASE = re.compile(r"(?i)\b(?:need|want|looking for|get|buy)\s|(?<=\s)(?=(?:a|an|some)\s)|"
                          r"[的买要找]")
# where a request for one kind ends and one for another begins: "... and some light up shoes",
# "...有吗？顺便再要一顶跑步帽", "一个保温杯和一个水壶"
_AND_ALSO = re.compile(r"(?i)(?:\s+(?:and|plus)|\s*,)\s+(?:also\s+)?(?:a|an|some|one|two|a few|a pair of)\s+|"
                       r"\s+\+\s+|[?？,，。]\s*(?:顺便|另外)?(?:再|还)要|顺便再要|还想要|"
                       r"(?<=[\u4e00-\u9fff])和(?=一(?:个|双|件|顶|台|盏|把|只|套))")
