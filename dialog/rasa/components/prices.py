"""Which number of a price range is the minimum and which the maximum (no Rasa import).

DIET finds the numbers of "between 25 and 35" or "300到600块" well but often calls both of
them ``price_max``: the two tokens look alike and its CRF sees few ranges. Order decides it:
when a message has two or more price entities with numeric values, the smallest is
``price_min`` and the largest ``price_max``; one price alone keeps DIET's role ("under 40",
"at least 100"). ``entities.PriceRangeOrder`` applies this after the entity extractors.

    order_price_range([{"entity": "price_max", "value": "35", ...},
                       {"entity": "price_max", "value": "25", ...}])
    # -> the "25" entity becomes price_min
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

PRICE_MIN, PRICE_MAX = "price_min", "price_max"


def price_value(value: Any) -> Optional[float]:
    """The number in an entity value ("1,200", "35", "$20", "99块"), or None."""
    text = str(value).strip().replace(",", "").lstrip("$¥€£").rstrip("元块钱 ")
    try:
        return float(text)
    except ValueError:
        return None


def order_price_range(entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Entities with the roles of a price range set by value; other entities unchanged."""
    prices = [(price_value(e.get("value")), i) for i, e in enumerate(entities)
              if e.get("entity") in (PRICE_MIN, PRICE_MAX)]
    prices = [(v, i) for v, i in prices if v is not None]
    if len(prices) < 2:
        return entities
    low, high = min(prices)[0], max(prices)[0]
    if low == high:
        return entities
    ordered = [dict(e) for e in entities]
    for value, i in prices:
        if value == low:
            ordered[i]["entity"] = PRICE_MIN
        elif value == high:
            ordered[i]["entity"] = PRICE_MAX
    return ordered
