"""The sentence of a product's description that answers a free question, in the shopper's
language.

When no attribute word is recognised ("茉莉奶茶甜不甜", "气泡水是玻璃瓶装的吗", "does it come with a
case?"), the catalogue's own description often says it: "茉莉花茶搭配鲜奶，微甜，400毫升瓶装。"
The description is split into clauses and the clause sharing the most content with the
question (Chinese characters, or English word stems, less the product's name and filler) is
the evidence. No shared content means the catalogue does not say.

    evidence("茉莉奶茶甜不甜", jasmine_tea, "zh")    # "微甜"
    evidence("does it shrink in the wash", merino_tee, "en")   # None: not in the description
"""

from __future__ import annotations

import re

from kg.facts import ProductFacts

_CLAUSES = re.compile(r"[，,。;；!！?？]|\.(?!\d)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[a-z]+")
FILLER_ZH = set("的了吗呢是有不没多少什么哪个这那能吧啊呀么它该款个一下还会可以要我你们在和与就都很吧用装")
FILLER_EN = frozenset(
    ["does", "do", "did", "is", "are", "was", "were", "it", "its", "they", "them", "the", "a", "an", "this", "that", "these", "those", "what", "which", "how", "much", "many", "with", "for", "from", "and", "or", "but", "can", "will", "would", "could", "should", "have", "has", "had", "any", "some", "there", "their", "about", "into", "onto", "your", "you", "me", "my", "i", "be", "been", "of", "to", "in", "on", "at", "as", "by", "if", "so", "come", "comes", "came", "get", "got", "make", "made", "one", "ones"])


def evidence(question: str, product: ProductFacts, language: str) -> str | None:
    """The description clause that shares the most content with the question, or None."""
    description = (product.description_zh if language == "zh" else None) or product.description_en
    clauses = [c.strip() for c in _CLAUSES.split(description) if c.strip()]
    asked = _content(question, product, language)
    if not asked or not clauses:
        return None
    scored = [(len(asked & _content(c, None, language, names=False)), c) for c in clauses]
    best, clause = max(scored, key=lambda item: item[0])
    return clause if best >= 1 else None


def _content(text: str, product: ProductFacts | None, language: str,
             names: bool = True) -> set[str]:
    lowered = text.lower()
    if product is not None and names:
        for name in (product.name("en"), product.name("zh")):
            lowered = lowered.replace(name.lower(), " ")
    if language == "zh" and _HAN.search(lowered):
        named = set(product.name("zh")) if product is not None else set()
        return {c for c in lowered if _HAN.match(c) and c not in FILLER_ZH and c not in named}
    named_words = ({_stem(w) for w in _WORD.findall(product.name("en").lower())}
                   if product is not None else set())
    return {_stem(w) for w in _WORD.findall(lowered)
            if w not in FILLER_EN and len(w) > 2} - named_words


def _stem(word: str) -> str:
    return word[:5]


def said_in_description(product: ProductFacts, clause: str, language: str) -> str:
    if language == "zh":
        return f"{product.name('zh')}的商品介绍写着：{clause}。"
    return f"The {product.name('en')}'s description says: {clause}."
