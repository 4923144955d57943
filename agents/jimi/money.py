"""The sums a shopper asks JIMI to do: the points an order earns at their tier, and what each
instalment of a split payment comes to.

"how many points would I get on a $150 order?", "买那个三层复合不锈钢炒锅能拿多少积分",
"那个心率血氧智能手表可以分期吗？每期多少钱".

Example::

    points_earned(profile, 150.0, "en")   # "A 150.00 USD order earns 300 points (2 per dollar ...)."
"""

from __future__ import annotations

import re

from agents.jimi import policy
from agents.jimi.search_terms import CURRENCY_ZH
from kg.facts import ProductFacts
from kg.schema import ProfileRow

INSTALMENTS = 4            # the FAQ: orders of $100 or more split into 4 interest-free payments
INSTALMENT_MIN = 100.0
EARN = re.compile(r"(?i)how many (?:points|would i (?:get|earn))|points? (?:would|will|do|can) i "
                  r"(?:get|earn)|\bearn\b.{0,20}\bpoints|能拿多少积分|能得多少积分|能积多少|得多少积分|"
                  r"(?:拿|返|有|送|给|攒|赚|累计|积累)多少积分")
INSTALMENT = re.compile(r"(?i)instal|split (?:the |my |a |an )?(?:payment|order|it|\$)|"
                        r"pay (?:it )?in (?:parts|installments|instalments)|每期|分期|"
                        r"(?:each|every|per|a) (?:payment|part)\b|each time\b|每次(?:付|还)多少|每笔")
_SPEND = re.compile(r"(?i)(?:\$|usd\s?)(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s?(?:usd|dollars?|bucks|"
                    r"美元|美金|刀)")


COUNT_ZH = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "十": 10}
_QUANTITY = re.compile(r"(?i)(?:买|要|来|get|buy|order|take)\s*(一|两|二|三|四|五|六|十|\d{1,2})\s*"
                       r"(?:箱|个|件|双|瓶|包|盒|套|支|罐|packs?|boxes|cases|pairs|of (?:them|those))|"
                       r"\b(\d{1,2}) (?:packs|boxes|cases|pairs|bottles|cans|tins)\b")


def quantity_in(text: str) -> int | None:
    """How many of a product the words buy ("买两箱", "buy 3 packs"), if said."""
    match = _QUANTITY.search(text)
    if not match:
        return None
    said = match.group(1) or match.group(2)
    return int(said) if said.isdigit() else COUNT_ZH[said]


def quantity_line(price: float, count: int, language: str) -> str:
    """"买两箱多少钱": the total for ``count`` at ``price``."""
    total = price * count
    return (f"{count}件共{total:.2f}美元。" if language == "zh" else
            f"{count} of them come to {total:.2f} USD.")


def spend_in(text: str) -> float | None:
    """A dollar amount in the words ("a $150 order", "150美元"), if any."""
    match = _SPEND.search(text)
    return float(match.group(1) or match.group(2)) if match else None


def priced(product: ProductFacts, count: int, language: str) -> tuple[float, str]:
    """(amount, what) of ``count`` of ``product``, for a sum: "2 × Green Tea (48.00 USD)"."""
    name = product.name(language)
    if count > 1:  # "买两箱能有多少积分": the two
        name = f"{count} × {name}"
    amount = product.price * count
    return amount, (f"{name}（{amount:.2f}美元）" if language == "zh"
                    else f"{'' if count > 1 else 'The '}{name} ({amount:.2f} USD)")


def points_earned(profile: ProfileRow, amount: float, language: str, what: str = "") -> str:
    """The points ``amount`` earns at the shopper's tier, with the rate."""
    rate = policy.terms(profile).points_per_dollar
    points = amount * rate
    tier = policy.tier_name(profile.membership, language)
    if language == "zh":
        thing = what or f"{amount:.2f}美元的订单"
        return f"{thing}可获得{points:g}积分（{tier}每消费1美元得{rate:g}积分）。"
    thing = what or f"A {amount:.2f} USD order"
    return f"{thing} earns {points:g} points ({rate:g} per dollar as a {tier})."


def instalment_line(amount: float, language: str, what: str = "") -> str:
    """Whether ``amount`` can be split, and into what."""
    part = amount / INSTALMENTS
    if language == "zh":
        thing = what or f"{amount:.2f}美元的订单"
        if amount < INSTALMENT_MIN:
            return f"{thing}未满{INSTALMENT_MIN:g}美元，暂不支持分期。"
        return f"{thing}可分{INSTALMENTS}期免息支付，每期{part:.2f}美元，每两周一期，首期在下单时扣款。"
    thing = what or f"A {amount:.2f} USD order"
    if amount < INSTALMENT_MIN:
        return f"{thing} is under {INSTALMENT_MIN:g} USD, so it can't be split into instalments."
    return (f"{thing} can be split into {INSTALMENTS} interest-free instalments of {part:.2f} USD, "
            "one every two weeks; the first is charged when you order.")


def in_currency_line(amount: float, asked: str, language: str) -> str:
    """``amount`` (already in the currency ``asked``) said with the rate it came from."""
    if language == "zh":
        return f"约合{amount:.2f}{CURRENCY_ZH.get(asked, asked)}（按配置汇率）。"
    return f"That is about {amount:.2f} {asked} at our configured rate."


# an amount JIMI said: "$10 voucher", "28.00 USD", "10美元"
_SAID = re.compile(r"\$(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s?(?:USD|美元)")
# the shopper points at it: "how much is that in pounds", "那个合人民币多少"
THAT = re.compile(r"(?i)\b(?:that|this|it)\b|那个|这个|^那|这笔|那笔")


def amount_said(text: str) -> float | None:
    """The one amount (USD) a reply of JIMI's names, None if it names none or several."""
    amounts = {float(a or b) for a, b in _SAID.findall(text)}
    return amounts.pop() if len(amounts) == 1 else None


def converted_line(amount: float, asked: str, rate: float, language: str) -> str:
    """"10.00 USD is about 7.87 GBP at our configured rate." (``rate``: USD per unit)."""
    value = amount / rate
    if language == "zh":
        return f"{amount:.2f}美元约合{value:.2f}{CURRENCY_ZH.get(asked, asked)}（按配置汇率）。"
    return f"{amount:.2f} USD is about {value:.2f} {asked} at our configured rate."


def per_unit_line(product: ProductFacts, pack: int, language: str) -> str:
    """"That works out at 2.67 USD each (12 in a pack at 31.99 USD)."."""
    each = product.price / pack
    if language == "zh":
        return f"每件约{each:.2f}美元（每包{pack}件，{product.price:.2f}美元）。"
    return f"That works out at {each:.2f} USD each ({pack} in a pack at {product.price:.2f} USD)."
