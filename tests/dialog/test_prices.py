"""Price-range roles after the entity extractors (``components.prices``, no Rasa needed)."""

import sys

from dialog.training import PROJECT_DIR

sys.path.insert(0, str(PROJECT_DIR))
from components.prices import order_price_range, price_value


def _entity(name: str, value: str, start: int = 0) -> dict:
    return {"entity": name, "value": value, "start": start, "end": start + len(value),
            "extractor": "EntityDIET"}


def test_two_maxima_become_a_range_by_value_not_by_position() -> None:
    given = [_entity("product", "cushions"), _entity("price_max", "35", 30),
             _entity("price_max", "25", 20)]
    ordered = order_price_range(given)
    assert [(e["entity"], e["value"]) for e in ordered] == [
        ("product", "cushions"), ("price_max", "35"), ("price_min", "25")]
    assert given[2]["entity"] == "price_max"  # the input is not changed


def test_numbers_compare_as_numbers() -> None:
    ordered = order_price_range([_entity("price_min", "1,200"), _entity("price_min", "800")])
    assert [e["entity"] for e in ordered] == ["price_max", "price_min"]
    assert price_value("1,200") == 1200.0 and price_value("$20") == 20.0
    assert price_value("99块") == 99.0 and price_value("cheap") is None


def test_one_price_keeps_its_role() -> None:
    assert order_price_range([_entity("price_max", "40")])[0]["entity"] == "price_max"
    assert order_price_range([_entity("price_min", "100"), _entity("size", "42")]) == [
        _entity("price_min", "100"), _entity("size", "42")]


def test_equal_or_unreadable_values_are_left_alone() -> None:
    same = [_entity("price_max", "30"), _entity("price_max", "30")]
    assert order_price_range(same) == same
    odd = [_entity("price_max", "cheap"), _entity("price_max", "50")]
    assert order_price_range(odd) == odd
