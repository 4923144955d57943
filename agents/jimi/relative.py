"""A search relative to a product: "anything lighter than the first one?", "any cheaper
ones?", "有没有比这双便宜的", "续航更长的有吗": the products of the same kind with a smaller
(or larger) value than the product pointed at, nearest first, each with its value.

``Relating`` (a base of ``Shopping``) finds what the words measure against: the product
after "than" (比), the list just shown, or the one under discussion.

"The cheaper one" (definite) picks among the products shown (``references.resolve``);
"a cheaper one", "any cheaper", "cheaper than X" (indefinite or with "than") asks for
others, and is read here.

Example::

    comparative_asked("anything lighter than the first one?").key   # "weight_g"
    comparative_asked("is the first one lighter?")                   # None
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agents.jimi.comparison import attribute_name
from agents.jimi.context import Reply, Turn
from agents.jimi.pointing import Pointing
from agents.jimi.search_terms import amount_text, value_of
from agents.jimi.wording import agree
from kg.facts import ProductFacts
from kg.kinds import KINDS


@dataclass(frozen=True)
class Comparative:
    key: str  # "price", an attribute, or "size" (the product's own size key)
    more: bool  # larger values wanted
    en: str  # "Cheaper"
    zh: str  # "更便宜"
    most_en: str  # "cheapest"
    most_zh: str  # "最便宜"


def _c(pattern: str, key: str, more: bool, en: str, zh: str, most_en: str, most_zh: str
       ) -> tuple[re.Pattern[str], Comparative]:
    return re.compile(pattern, re.IGNORECASE), Comparative(key, more, en, zh, most_en, most_zh)


_MORE_ZH = r"(?:更(?:加)?|还要?|再){word}|{word}(?:一?点|一些|些)|比(?![较如例赛])[^，。,.?？]{{0,16}}?{word}"
_COMPARATIVES = (
    _c(r"\b(?:cheaper|less expensive|lower[- ]priced|more affordable|less pricey)\b|" +
       _MORE_ZH.format(word="(?:便宜|实惠)"), "price", False, "Cheaper", "更便宜", "cheapest", "最便宜"),
    _c(r"\b(?:pricier|more expensive|dearer|higher[- ]end|more premium)\b|" +
       _MORE_ZH.format(word="贵") + "|更高端|高端一?点", "price", True, "Pricier", "更贵",
       "most expensive", "最贵"),
    _c(r"\b(?:lighter|less heavy|weighs? less)\b(?! weight)|" + _MORE_ZH.format(word="轻"),
       "weight_g", False, "Lighter", "更轻", "lightest", "最轻"),
    _c(r"\b(?:heavier|sturdier)\b|" + _MORE_ZH.format(word="重(?![要新复])"), "weight_g", True, "Heavier",
       "更重", "heaviest", "最重"),
    _c(r"\blonger battery|\b(?:battery )?lasts? longer|\bmore battery|better battery|"
       + _MORE_ZH.format(word="(?:续航长|续航久|耐用电)") + r"|续航更(?:长|久|好)",
       "battery_life_h", True, "Longer battery life", "续航更长", "longest battery life",
       "续航最长"),
    _c(r"\bbrighter\b|" + _MORE_ZH.format(word="亮"), "brightness_lm", True, "Brighter", "更亮",
       "brightest", "最亮"),
    _c(r"\bless caffeine|咖啡因(?:更|再)?(?:少|低)", "caffeine_mg", False, "Less caffeine",
       "咖啡因更少", "least caffeinated", "咖啡因最少"),
    _c(r"\bmore caffeine|咖啡因(?:更|再)?(?:多|高)|更提神", "caffeine_mg", True, "More caffeine",
       "咖啡因更多", "most caffeinated", "咖啡因最多"),
    _c(r"\b(?:burns? longer|longer[- ]burning)\b|烧得更久|燃烧时间更长", "burn_time_h", True,
       "Burns longer", "燃烧更久", "longest burning", "燃烧最久"),
    _c(r"\b(?:bigger|larger|roomier)\b|" + _MORE_ZH.format(word="大") + r"|容量更大",
       "size", True, "Bigger", "更大", "largest", "最大"),
    _c(r"\bsmaller\b|" + _MORE_ZH.format(word="小"), "size", False, "Smaller", "更小", "smallest",
       "最小"),
)
# "lighter than this", "比这个轻的": the product under discussion
THAN_THIS = re.compile(r"(?i)\bthan (?:this|that|it|these|those|mine)\b(?! (?:one|pair)?s? ?(?:of|in)\b)|"
                       r"比(?:这|那|它)(?:个|款|双|件|只|台|把|盏|瓶)?(?![一二三四五\d])")
# a bound, not a product: "cheaper than 50", "比100块便宜"
_THAN_NUMBER = re.compile(r"(?i)\bthan\s*(?:[$€£¥]|usd|eur|gbp|cny|rmb)?\s*\d|比\s*[$€£¥]?\d")
THAN = re.compile(r"(?i)\bthan\b|比(?![较如例赛])")
# others wanted, not one of those shown: "any", "a cheaper one", "有没有", "还有"
_INDEFINITE = re.compile(
    r"(?i)\b(?:any|anything|something|some|got|have|has|is there|are there|show me|options?|"
    r"alternatives?|else|instead|a|an|one|ones|similar)\b|有没有|有吗|有么|有嘛|还有|再|换|推荐|"
    r"有.{0,8}[吗么嘛]|的呢|的吗")
# one of those shown ("the cheaper one", "哪个更轻"), or a yes/no about them ("is it lighter?")
_DEFINITE = re.compile(
    r"(?i)\bthe (?:\w+ )?(?:cheaper|pricier|dearer|lighter|heavier|bigger|larger|smaller|brighter|"
    r"more expensive|less expensive)\b|\bwhich\b|\bof (?:the|those|these|them) two\b|"
    r"^\s*(?:is|are|does|do|was|will)\s+the\b|\b(?:is|are|does|do|was|will)\s+(?:it|they|that|"
    r"this|those|these)\b|"
    r"\bhow (?:much|many)\b|多少|是不是|是否|会不会|^\s*(?:它|这|那)[^有]{0,6}比|哪(?:个|款|双|一)|[的那这](?:个|款|双|件|只|台|盏|把)\s*(?:是|吗|呢|多少)|(?:便宜|贵|轻|重|大|小)(?:一?点|些)?的那")


def comparative_asked(text: str) -> Comparative | None:
    """The comparative of a search relative to a product, or None when the words pick one of
    the products shown, ask yes or no about one, or set a price bound."""
    found = comparatives_asked(text)
    return found[0] if found else None


def comparatives_asked(text: str) -> list[Comparative]:
    """Every comparative of a relative search, in the order of the table ("有没有更小更轻的":
    lighter, smaller)."""
    if _THAN_NUMBER.search(text) or _DEFINITE.search(text):
        return []
    if not (THAN.search(text) or _INDEFINITE.search(text)):
        return []
    return [c for pattern, c in _COMPARATIVES if pattern.search(text)]


def relative_reply(anchors: list[ProductFacts], comparative: Comparative, key: str,
                   pools: list[tuple[str, list[ProductFacts]]], language: str,
                   also: tuple[str, ...] = ()) -> Reply:
    """The products beyond every anchor on ``key``, nearest first (at most five), from the
    first of ``pools`` (kind, its products; nearest kind first) that has any, or the anchor
    that is already the furthest there is."""
    valued = [(v, a) for a in anchors if (v := value_of(a, key)) is not None]
    if not valued:  # "lighter than the FitBuds?" when no weight is listed for them
        label = attribute_name(key, language)[0]
        return Reply([f"{anchors[0].name('zh')}的资料里没有{label}。" if language == "zh" else
                      f"The catalogue lists no {label} for the {anchors[0].name_en}."])
    bound, anchor = (max if comparative.more else min)(valued, key=lambda va: va[0])
    kind, beyond = pools[0][0], []
    for kind, pool in pools:  # the running shoes first, then all shoes
        beyond = sorted(((v, p) for p in pool if p.id not in {a.id for a in anchors}
                         and (v := value_of(p, key)) is not None
                         and (v > bound if comparative.more else v < bound)),
                        key=lambda vp: vp[0], reverse=not comparative.more)
        if beyond:
            break
    said = _value(anchor, key, language)
    if not beyond:
        kind = pools[0][0]
    label = KINDS[kind].label_zh if kind in KINDS else "商品"
    if not beyond:
        if language == "zh":
            return Reply([f"{anchor.name('zh')}（{said}）已经是我们{comparative.most_zh}的{label}了。"])
        label = KINDS[kind].label_en if kind in KINDS else "products"
        return Reply([agree(f"The {anchor.name_en} ({said}) is already the "
                            f"{comparative.most_en} of our {label}.", anchor.name_en)])
    found = [p for _, p in beyond[:5]]
    lines = [f"{i}. {_line(p, (key, *also), language)}" for i, p in enumerate(found, 1)]
    head = (f"比{anchor.name('zh')}（{said}）{comparative.zh}的{label}有：" if language == "zh"
            else f"{comparative.en} than the {anchor.name_en} ({said}):")
    return Reply([head + "\n" + "\n".join(lines)], shown=[p.id for p in found],
                 slots={"product": found[0].name_en})


def _value(product: ProductFacts, key: str, language: str) -> str:
    if key == "price":
        return (f"{product.price:.2f}美元" if language == "zh" and product.currency == "USD"
                else f"{product.price:.2f} {product.currency}")
    return amount_text(product, key, language) or ""


def _line(product: ProductFacts, keys: tuple[str, ...], language: str) -> str:
    """"Pocket Power Bank: 5000 mAh, 110 g, 22.00 USD": each value compared, then the price."""
    stock = "" if product.in_stock else ("，暂时缺货" if language == "zh" else ", out of stock")
    values = [v for k in dict.fromkeys((*keys, "price")) if (v := _value(product, k, language))]
    if language == "zh":
        return f"{product.name('zh')}（{'，'.join(values)}{stock}）"
    return f"{product.name_en}: {', '.join(values)}{stock}"


class Relating(Pointing):
    """The relative search of ``Shopping``: what the words compare against, and with what."""

    def relative_for(self, turn: Turn, language: str) -> Reply | None:
        """"Anything lighter than the first one?", "got bigger one or not", "有没有便宜点的":
        the others of the kind beyond the products pointed at; None when the words give no
        comparison these products can answer."""
        text = turn.latest.text
        anchors = self._anchors(turn)
        keyed = [(c, self.size_key(anchors[0].id) if c.key == "size" else c.key)
                 for c in comparatives_asked(text) or comparatives_asked(f"any {text}")
                 if anchors]
        if not keyed:
            return None
        # "有没有更小更轻的": the first comparison the anchors have a value for
        comparative, key = next(((c, k) for c, k in keyed if k and any(
            value_of(a, k) is not None for a in anchors)), keyed[0])
        own = self.kinds_of(anchors[0].id)
        named = [k for k in own if k in self.kinds_named(text)]
        if key is None or not own or (self.kinds_named(text) and not named):
            return None  # "any cheaper headphones?" about shoes
        kinds = named[:1] or [k for k in own if all(k in self.kinds_of(a.id) for a in anchors)] \
            or own[:1]  # the kinds every anchor is of: "耳机" for earbuds and headphones
        pools = [(kind, [self.knowledge.product(p) for p in
                         self.knowledge.query.products_of_kind(f"kind:{kind}")]) for kind in kinds]
        also = tuple(k for _, k in keyed if k and k != key)  # "更小更轻": the weight shown too
        reply = relative_reply(anchors, comparative, key, pools, language, also)
        return reply if reply.texts else None

    def _anchors(self, turn: Turn) -> list[ProductFacts]:
        """What a relative search measures against: the product after "than" (比), else
        every product of the list just shown, else the one under discussion."""
        text = turn.latest.text
        current = self.find(str(turn.slots.get("product") or ""))
        if THAN.search(text) and current is not None and THAN_THIS.search(text):
            return [current]  # "lighter than this", "比这个轻的"
        if THAN.search(text):
            pointed = self.referenced(turn)
            named = self.products_named(text) or self.named_by_part(text)
            if pointed is not None and pointed.how in ("ordinal", "named", "plural", "kind"):
                return [self.knowledge.product(p) for p in pointed.products]
            if named:
                return named[:1]
        shown = self.known(turn.last_shown())
        if len(shown) > 1 and (current is None or current.id == shown[0]):
            return [self.knowledge.product(p) for p in shown]  # "any cheaper ones?" after a list
        return [current] if current is not None else []
