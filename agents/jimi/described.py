"""A product described rather than named: "the buds", "那个手表", "the sauté pan", "心率手表",
"the ceramic one": the words name a kind and maybe a feature, and the conversation (the lists
shown, the product discussed, the order talked about) or else the catalogue holds exactly one
product that fits.

Each word of the description votes for the products whose name, features, materials, tags
or numbers hold it (in English a word, in Chinese a pair of characters). The most votes win;
a tie goes to the product the conversation named most recently ("那个手表" after an order
with one watch), and a tie among catalogue products alone picks none.

Example::

    described("好吧 那个手表续航多久啊", context, catalogue, {"watches"})   # Kids GPS Smartwatch
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from agents.jimi import orders
from agents.jimi.comparison import attribute_name
from agents.jimi.context import Turn
from agents.jimi.search_terms import meets, needs_in
from agents.libai.vocabulary import vocabulary
from kg.facts import ProductFacts
from kg.kinds import kind_of, lineage
from kg.knowledge import KnowledgeBase
from kg.lexicon import BOOLEAN_SYNONYMS, BOOLEAN_ZH, MATERIAL_ZH, TAG_SYNONYMS, TAG_ZH, VALUE_ZH
from shopmind.errors import NotFound

_WORD = re.compile(r"[a-z][a-z-]{2,}")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_NONE = frozenset({"unscented", "none", "no", "false", "0", "n/a"})
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d{3,}")
_FILLER_EN = frozenset({
    "the", "that", "this", "those", "these", "one", "ones", "how", "does", "what", "which",
    "with", "and", "compare", "compares", "about", "have", "has", "got", "for", "can", "you",
    "size", "price", "colour", "color", "colours", "colors", "much", "many", "more", "than",
    "them", "they", "it", "its", "ok", "okay", "other", "another", "same", "pair"})
_FILLER_ZH = frozenset({"那个", "这个", "那款", "这款", "哪个", "一下", "多少", "什么", "有没", "没有",
                        "颜色", "价格", "多久", "怎么", "好吧", "比较", "对比", "一个", "的呢"})


def plain(text: str) -> str:
    """Lower case without accents: "Sauté" -> "saute"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def described(text: str, context: list[ProductFacts], catalogue: list[ProductFacts],
              kinds: set[str], need_votes: bool = False) -> ProductFacts | None:
    """The one product ``text`` describes among the conversation's products (``context``,
    most recent first) and the catalogue's, of the ``kinds`` the words name (none: any).
    The most votes win; a tie goes to the product of the conversation named most recently,
    and a tie among the catalogue's alone picks nothing."""
    fitting = [p for p in list({p.id: p for p in (*context, *catalogue)}.values())
               if not kinds or kinds & set(_kinds(p))]
    if not fitting:
        return None
    votes = {p.id: _votes(text, p) for p in fitting}
    best = max(votes.values())
    if best == 0 and (need_votes or not kinds):
        return None
    in_context = [p for p in context if p.id in votes and votes[p.id] == best]
    if in_context:
        return in_context[0]
    winners = [p for p in fitting if votes[p.id] == best]
    return winners[0] if best > 0 and len(winners) == 1 else None


def picked_out(text: str, product: ProductFacts, context: list[ProductFacts],
               kinds: set[str]) -> bool:
    """Whether the words single ``product`` out among the conversation's products of the
    kinds: it is the only one, or more of the words describe it than any other."""
    rivals = [p for p in context if p.id != product.id and (not kinds or kinds & set(_kinds(p)))]
    mine = _votes(text, product)
    return all(_votes(text, p) < mine for p in rivals)


def _votes(text: str, product: ProductFacts) -> int:
    english, chinese = _description(product)
    lowered = plain(text)
    words = {w.removesuffix("s") for w in _WORD.findall(lowered)} - _FILLER_EN
    pairs = {run[i:i + 2] for run in _HAN.findall(text) for i in range(len(run) - 1)}
    pairs -= _FILLER_ZH
    numbers = {n.replace(",", "") for n in _NUMBER.findall(text)}
    needs = sum(2 for need in needs_in(text)  # "the grown-up one" ("in stock?" asks, not
                if need[0] != "stock" and meets(product, need))  # describes)
    return (sum(1 for w in words if w in english) + sum(1 for p in pairs if p in chinese)
            + sum(2 for n in numbers if n in english)  # "那个20000的": the 20,000 mAh one
            + needs)


def _kinds(product: ProductFacts) -> list[str]:
    kind = kind_of(product.name_en, product.name_zh)
    return lineage(kind) if kind else []


def _description(product: ProductFacts) -> tuple[frozenset[str], str]:
    """(English words, Chinese text) that describe the product: its names, the yes/no
    features it has ("heart rate", "心率"), its text values ("ceramic") and tags."""
    return _described_by(product.name_en, product.name_zh or "", tuple(product.tags),
                         tuple((k, str(v)) for k, v in product.attributes.items()
                               if v is not False and k not in ("colour", "size")))


@lru_cache(maxsize=4096)
def _described_by(name_en: str, name_zh: str, tags: tuple[str, ...],
                  features: tuple[tuple[str, str], ...]) -> tuple[frozenset[str], str]:
    words_en = [name_en, *tags, *(word for word, tag in TAG_SYNONYMS.items() if tag in tags)]
    words_zh = [name_zh, *(TAG_ZH.get(tag, "") for tag in tags)]
    surfaces = vocabulary("zh").keys.items()
    for key, value in features:
        if plain(value) in _NONE:  # "scent: unscented" is no scent
            continue
        label = key.replace("_", " ")
        words_en += [label] if value == "True" else [label, value]
        words_zh.append(attribute_name(key, "zh")[0])
        if value == "True":  # "fizzy", "气泡", "降噪"
            words_en += BOOLEAN_SYNONYMS.get(key, ())
            words_zh += [BOOLEAN_ZH.get(key, ""), *BOOLEAN_SYNONYMS.get(key, ())]
        else:
            words_zh += [VALUE_ZH.get(value, ""), MATERIAL_ZH.get(value, "")]
        values = set(plain(value).split())
        words_zh += [surface for surface, keys in surfaces
                     if key in keys or label in keys or values & set(keys)]
    said = plain(" ".join(words_en))
    english = {w.removesuffix("s") for w in _WORD.findall(said)}
    english |= {n.replace(",", "") for n in _NUMBER.findall(said)}
    return frozenset(english), " ".join(words_zh)


def conversation_products(turn: Turn, knowledge: KnowledgeBase,
                          shopper_id: str | None) -> list[ProductFacts]:
    """The products of a conversation, most recent first: the one under discussion, the
    last list shown, the items of the order talked about, then earlier lists and orders."""
    ids: list[str] = []
    current = turn.slots.get("product")
    if current:
        try:
            ids.append(knowledge.find_product(str(current)).id)
        except NotFound:
            pass
    ids += turn.last_shown()
    order_ids = [str(turn.slots["order_id"])] if turn.slots.get("order_id") else []
    for text in reversed(turn.bot_texts):
        order_ids += [orders.normalise_id(found) for found in orders.order_ids(text)]
    for order_id in dict.fromkeys(order_ids) if shopper_id else ():
        try:
            order = knowledge.accounts.order_for(shopper_id or "", order_id)
        except NotFound:
            continue
        ids += [line.product_id for line in order.lines]
    for shown in reversed(turn.shown[:-1]):
        ids += shown
    found = []
    for product_id in dict.fromkeys(ids):
        try:
            found.append(knowledge.product(product_id))
        except NotFound:  # deleted since it was shown
            continue
    return found
