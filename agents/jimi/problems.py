"""Damaged, wrong or missing items: what went wrong, which order, what the shopper wants, and
the request JIMI files.

``problem_in`` reads the problem ("arrived cracked", "发错了颜色", "the beanie wasn't in the
box"); ``order_meant`` finds the order from the shopper's own orders (the number, the products
or kinds named, "my last order", "刚下的那单", or the only order it can be);
``remedy_in`` what the shopper asks for (refund, replacement, return), a replacement unless
they say otherwise.

Example::

    problem_in("the mug from my last order arrived with a crack in it")   # "damaged"
    order_meant(text, orders, product_of)   # Meant(order=OrderRow(...), candidates=[...])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from agents.jimi.orders import normalise_id, order_ids
from kg.facts import ProductFacts
from kg.kinds import NAME_ONLY, WORDS_EN, WORDS_ZH, kind_of, lineage
from kg.schema import OrderRow
from shopmind.errors import NotFound

PROBLEMS = {
    "damaged": re.compile(
        r"(?i)\b(?:damaged|broken|broke|cracked|crack|smashed|shattered|dented|bent|torn|"
        r"ripped|leak(?:ing|s|ed)?|defective|faulty|scratched|stopped (?:working|charging|"
        r"turning on|lighting up)|chipped|chip|"
        r"scuffed|dead on arrival|doa|snapped|in pieces|in bits|fell apart|falling apart|"
        r"(?:doesn'?t|does not|won'?t|will not|isn'?t|not|can'?t) (?:work|working|turn on|charge|"
        r"light up|switch on|make (?:any )?sound|connect|pair)|died|no sound)\b"
        r"|坏了|坏的|破了|破损|裂了|裂开|有裂|碎了|摔坏|瘪|漏了|漏水|漏液|不亮|不工作|开不了机|充不进|"
        r"不能用|用不了|没法用|断了|折断|有划痕|质量问题|损坏|坏掉|磕|缺角|掉漆|碎|裂|打不开|开不了|不开机|不能开|开不开|"
        r"(?:sole|strap|handle|zip|zipper|seam|heel) .{0,30}(?:coming|came|come) (?:loose|off|apart)"
        r"|脱胶|开胶|一闪一闪|闪烁|(?:一直|老是|总是|乱)闪|不灵|失灵|凹了|凹的|凹进|凹陷|变形|压扁|(?i:\bflicker(?:s|ing)?\b)"
        r"|\b(?:barely|hardly|won'?t|doesn'?t|does not|can'?t|no longer) (?:holds?|keeps?|lasts?) "
        r"(?:a |its |the )?charge|battery (?:drains|dies|is dying|barely)|\bpeel(?:ing|s|ed)?\b|"
        r"\b(?:seam|stitching|stitches) .{0,20}(?:split|came apart|coming apart|undone|unravel)|"
        r"\bunravel(?:l?ing|l?ed)?\b|开线|脱线|线头开了|连不上|断连|充不满|掉色|褪色|起球|"
        r"续航.{0,4}(?:变短|越来越短|不行了|只剩)|电池不行|不耐用"),
    "wrong": re.compile(
        r"(?i)\bwrong\b(?! (?:order )?(?:number|no\b|id\b|one|order))|not what i ordered|not the (?:one|colour|color|size) i ordered|"
        r"(?<!for a )(?<!to a )(?<!into a )different (?:colou?r|size|item|product)|(?<!credit )instead of(?! (?:\d|one\b|two\b|just one|return|sending|refund))|sent me (?:a|the) .*instead|"
        r"sent (?:me )?the wrong|ordered .{0,60}(?:but|and) (?:got|received|there'?s|they sent|"
        r"(?:you|u) sent|it'?s|came)|in the box.{0,30}instead"
        r"|发错|寄错|颜色不对|尺码不对|型号不对|码数不对|不是我买的|不是我要的|不是我订的|货不对板|来的是|"
        r"寄来的是|收到的是.{0,12}不是|[色码号]的?.{0,12}我(?:订|买|要|选)的(?:是|明明是)|"
        r"(?:sent|got|received|came|arrived|delivered).{0,60}\bI (?:definitely |actually |clearly )?"
        r"(?:picked|ordered|chose|selected|asked for|paid for)\b(?! (?:\d+|two|three))"),
    "missing": re.compile(
        r"(?i)\bmissing\b|wasn'?t in (?:it|the (?:box|parcel|package))|was not in|"
        r"\bno \w+(?: \w+)? in (?:it|the box|the parcel|the package)|there'?s no .{0,30}in "
        r"(?:it|the)|wasn'?t there|isn'?t in (?:it|the)|only (?:got )?(?:\d+|one) .{0,30}"
        r"(?:in the box|arrived|came)|paid for (?:\d+|two|three)|"
        r"not in the (?:box|parcel|package)|never (?:arrived|came|got)|didn'?t (?:arrive|get|"
        r"come)|only got|one short|left out"
        r"|少了|缺了|漏发|没收到|少发|少一|没有在包裹|不在包裹|包裹里没有|里面没有|没看到|只有一|只收到|"
        r"没在里面|不在里面|只有泡沫|空盒|空的"),
}
REMEDIES = (
    ("refund", re.compile(r"(?i)\brefund|money back|reimburse|退款|退钱|把钱退")),
    ("replacement", re.compile(r"(?i)\breplace|replacement|new one|another one|still want|"
                               r"send .{0,25}\bagain\b|send (?:it|them|the \w+) (?:on|out|over)\b|resend|re-send|再寄|再发一|"
                               r"send (?:me )?the right|new pair|\binstead\b|separately|单独(?:发|寄)|给我换|换成|换[红黑白蓝绿灰粉黄紫橙棕]|换.?码|"
                               r"send (?:me )?"
                               r"(?:another|a new|the right|it again)|exchange|reship|re-send"
                               r"|换(?:一|个|新|货|成)|补发|重发|补寄|再发|寄一个新|调换")),
    ("return", re.compile(r"(?i)\breturn|send it back|退货|退回去|寄回")),
)
RECENT = re.compile(r"(?i)\b(?:just (?:placed|ordered|made)|latest|most recent|newest|last|"
                     r"recent)\b|刚下|刚买|刚刚|最近|上一单|上次|新下|最新")
RECEIVED = ("delivered", "shipped", "delayed")  # states in which an item can arrive wrong


@dataclass
class Meant:
    """The order a message means, or the candidates to ask about."""

    order: OrderRow | None
    candidates: list[OrderRow] = field(default_factory=list)
    products: list[str] = field(default_factory=list)  # the lines it is about


DELAY = re.compile(r"(?i)\blate\b|delay|overdue|延误|延迟|晚了|迟迟")
# the order not sent yet: "还没发货的那个订单", "my open order", "the one that hasn't shipped"
UNSHIPPED = re.compile(r"(?i)\b(?:open|unshipped|pending) order|(?:has ?n[o']?t|hasnt|not|"
                       r"never|yet to be) (?:been )?(?:shipped|sent|dispatched)(?: yet)?|"
                       r"(?:还)?没(?:有)?发(?:货|出)|未发货|尚未发货")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def dated(text: str, order: OrderRow) -> bool:
    """Whether the text names the month or day the order was placed or due ("the november
    one", "due nov 19", "11月", "22号")."""
    lowered = text.lower()
    dates = [order.placed_at, order.expected_delivery]
    months = {int(d[5:7]) for d in dates if len(d) >= 7 and d[5:7].isdigit()}
    days = {int(d[8:10]) for d in dates if len(d) >= 10 and d[8:10].isdigit()}
    said_months = {n for n, name in enumerate(_MONTHS, 1) if re.search(rf"\b{name}", lowered)}
    said_months |= {int(m) for m in re.findall(r"(\d{1,2})\s*月", text)}
    said_days = {int(d) for d in re.findall(r"(\d{1,2})\s*(?:(?:st|nd|rd|th)\b|号|日)", lowered)}
    said_days |= {int(d) for d in re.findall(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
                                             r"dec)[a-z]*\.?\s+(\d{1,2})\b", lowered)}
    if said_days:
        return bool(said_days & days) and (not said_months or bool(said_months & months))
    return bool(said_months) and bool(said_months & months)


_WOULD_IT = re.compile(r"(?i)会不会|会不|会[\u4e00-\u9fff]{1,3}(?:吗|嘛|么)|是否|容易|怕[摔碰磕]|\b(?:will|would|does|do|can|could) (?:it|they|this|that|"
                       r"these|those)\b")
# "摔了会不会碎": a 了 in the condition of a question tells nothing happened
_IF_THEN = re.compile(r"了\s*(?=(?:会不会|会不)\s*(?:碎|坏|裂|漏|断|变形|掉))")
_HAPPENED = re.compile(r"(?i)arriv|came|received|\bgot\b|broke|sent|\bmy\b|\bmine\b|收到|到货|到了|寄来|"
                       r"买的|我的|我买|了")


def problem_in(text: str) -> str | None:
    """The problem a report describes; none for a question whether one could happen ("会不会
    漏水", "will it leak?")."""
    if _WOULD_IT.search(text) and not _HAPPENED.search(_IF_THEN.sub("", text)):
        return None
    for problem, pattern in PROBLEMS.items():
        if pattern.search(text):
            return problem
    return None


def remedy_in(text: str) -> str | None:
    for remedy, pattern in REMEDIES:
        if pattern.search(text):
            return remedy
    return None


def order_meant(text: str, orders: list[OrderRow], product_of: Callable[[str], ProductFacts],
                states: tuple[str, ...] | None = None) -> Meant:
    """The shopper's order the text is about. ``orders`` are the shopper's, newest first;
    ``states`` limit the candidates (a damaged item was delivered)."""
    explicit = order_ids(text)
    if explicit:
        wanted = normalise_id(explicit[0])
        found = [o for o in orders if o.id == wanted]
        return Meant(found[0] if found else None, found)
    pool = [o for o in orders if states is None or o.state in states] or list(orders)
    named = lines_mentioned(text, list(orders), product_of)
    if named and not any(o.id in named for o in pool):  # "cancel the jacket one" when it has
        pool = [o for o in orders if o.id in named]      # shipped: that order, to say so
    on_date = [o for o in pool if dated(text, o)]
    if on_date:  # "the november one", "22号那单"; "...from nov 21 STILL isnt here": that date
        pool = on_date
    elif DELAY.search(text):  # "充电宝那单为啥延误": the late one
        pool = [o for o in pool if o.state == "delayed"] or pool
    elif UNSHIPPED.search(text):  # "我还没发货的那个订单": the one paid and not sent
        pool = [o for o in pool if o.state == "paid"] or pool
    by_name, by_kind = _mentions(text, pool, product_of)
    mentioned = {o.id: list(dict.fromkeys([*by_name.get(o.id, []), *by_kind.get(o.id, [])]))
                 for o in pool if o.id in by_name or o.id in by_kind}
    if mentioned:  # "the order with the desk lamp and the mug": the one holding both, and
        def score(order_id: str) -> tuple[int, int]:  # a name beats a kind ("rain boots")
            return len(mentioned.get(order_id, [])), len(by_name.get(order_id, []))
        best = max(score(o.id) for o in pool)
        pool = [o for o in pool if score(o.id) == best]
        mentioned = {o.id: by_name.get(o.id) or mentioned[o.id] for o in pool}
    if len(pool) > 1 and RECENT.search(text):
        pool = pool[:1]  # newest first
    if len(pool) == 1:
        order = pool[0]
        return Meant(order, pool, mentioned.get(order.id, []))
    return Meant(None, pool)


def lines_mentioned(text: str, orders: list[OrderRow],
                     product_of: Callable[[str], ProductFacts]) -> dict[str, list[str]]:
    """Orders with a line the text names, with those lines: by a word of the product's name
    that no other product in these orders has ("the beanie", "the rubber rain boots"), else
    by kind ("the pans", "随行杯")."""
    by_name, by_kind = _mentions(text, orders, product_of)
    return by_name or by_kind


def _mentions(text: str, orders: list[OrderRow], product_of: Callable[[str], ProductFacts]
              ) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(lines named, lines of a kind named) of each order that has some."""
    lowered = text.lower()
    kinds = {kind for word, kind in WORDS_EN.items()  # "2 packs instead of 1" names no backpack,
             if re.search(rf"\b{'the ' if word in NAME_ONLY else ''}{re.escape(word)}\b",
                          lowered)}                   # "the one with the pack" does
    kinds |= {kind for word, kind in WORDS_ZH.items() if word in text}
    products: dict[str, ProductFacts] = {}
    for order in orders:
        for line in order.lines:
            try:
                products[line.product_id] = product_of(line.product_id)
            except NotFound:  # no longer in the catalogue
                continue
    owners: dict[str, set[str]] = {}
    for product in products.values():
        for word in set(re.findall(r"[a-z]{4,}", product.name_en.lower())):
            owners.setdefault(word, set()).add(product.id)
    by_name: dict[str, list[str]] = {}
    by_kind: dict[str, list[str]] = {}
    for order in orders:
        for line in order.lines:
            held = products.get(line.product_id)
            if held is None:
                continue
            if _names(held, lowered, text, owners):
                by_name.setdefault(order.id, []).append(held.id)
            if kinds & set(lineage(kind_of(held.name_en, held.name_zh) or "")):
                by_kind.setdefault(order.id, []).append(held.id)
    return by_name, by_kind


def _names(product: ProductFacts, lowered: str, text: str, owners: dict[str, set[str]]) -> bool:
    """The text says the product's Chinese name, its English name, or a word of its English
    name that is not a common one and no other product here has ("beanie", "chelsea")."""
    if product.name_zh and product.name_zh in text:
        return True
    name = product.name_en.lower()
    if name in lowered:
        return True
    return any(re.search(rf"\b{re.escape(word)}s?\b", lowered)
               for word in re.findall(r"[a-z]{4,}", name)
               if word not in _GENERAL_WORDS and len(owners.get(word, ())) <= 1)


_GENERAL_WORDS = frozenset({"with", "pack", "kids", "classic", "sport", "light", "smart",
                            "insulated", "rechargeable", "natural", "electric", "glass",
                            "water", "stainless", "organic", "cotton", "running", "travel",
                            "trail", "camp", "daily", "set", "mini", "zero", "house", "soft",
                            "quick", "pocket", "slim", "rugged", "armor", "cushion",
                            "cushioned", "coffee", "drink", "power", "bank", "case", "cover"})
