"""Entity spans put right after DIET tags them (no Rasa import).

DIET's tagger sometimes breaks one product name into pieces ("glass" + "kettle", "登山" + "靴",
"雪松" + "无花果"), stops before the size that is part of a Chinese name ("卷口防水背包" of
"卷口防水背包30升") and reads a measurement as a price ("750" of "750毫升", "18" of "18号",
"3" of "3 wks"). On the held-out chats these were a third of its product errors. Three repairs,
each from the text alone:

- product pieces that touch (nothing or only spaces between them) are one product;
- a product directly followed by a number with a unit of size (30升, 750毫升, 45厘米) takes it in,
  unless a bound follows (500毫升以上 is a wish, not a name);
- a price whose number is followed by a unit that is not money (毫升, 号, mAh, days...) or that
  has no digit at all ("块") is dropped.

    repair("I sent back the glass kettle", [product "glass" 12-17, product "kettle" 18-24])
    # -> [product "glass kettle" 12-24]
"""

from __future__ import annotations

import re
from typing import Any, Dict, List

PRODUCT = "product"
PRICES = ("price_min", "price_max")
SIZE_AFTER = re.compile(r"\d+(?:\.\d+)?\s*(?:毫升|升|厘米|ml|l|cm)(?![a-z])(?!\s*(?:以上|以下|以内|左右|起|\+))",
                        re.IGNORECASE)
NOT_MONEY = re.compile(
    r"\s*(?:毫升|升|厘米|毫米|公斤|千克|克|号|码|小时|天|周|个月|年|mah|ml|cm|mm|kg|g|h|"
    r"hours?|hrs?|days?|wks?|weeks?|months?|years?|yrs?|lumens?|流明|w\b|watts?|瓦)",
    re.IGNORECASE)
DIGIT = re.compile(r"\d")


def repair(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The entities with product pieces joined, Chinese sizes taken in, measurements dropped."""
    kept = [dict(e) for e in entities if not _measurement(text, e)]
    return [_with_size(text, e) for e in _joined(text, kept)]


def _spanned(entity: Dict[str, Any]) -> bool:
    return isinstance(entity.get("start"), int) and isinstance(entity.get("end"), int)


def _joined(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    for entity in sorted(entities, key=lambda e: e.get("start", -1)):
        last = out[-1] if out else None
        if (last is not None and entity.get("entity") == PRODUCT == last.get("entity")
                and _spanned(entity) and _spanned(last)
                and entity["start"] >= last["end"] and not text[last["end"]:entity["start"]].strip()):
            last["end"] = entity["end"]
            last["value"] = text[last["start"]:last["end"]]
            continue
        out.append(entity)
    return out


def _with_size(text: str, entity: Dict[str, Any]) -> Dict[str, Any]:
    if entity.get("entity") != PRODUCT or not _spanned(entity):
        return entity
    if not re.search(r"[\u4e00-\u9fff]$", text[entity["start"]:entity["end"]]):
        return entity  # English names keep their spaces: "the 30 l pack" is read elsewhere
    size = SIZE_AFTER.match(text, entity["end"])
    if size is None:
        return entity
    grown = dict(entity, end=size.end())
    grown["value"] = text[grown["start"]:grown["end"]]
    return grown


def _measurement(text: str, entity: Dict[str, Any]) -> bool:
    if entity.get("entity") not in PRICES:
        return False
    value = str(entity.get("value", ""))
    if not DIGIT.search(value):
        return True
    if not _spanned(entity):
        return False
    return bool(NOT_MONEY.match(text, entity["end"]))
