"""Entity spans mended after DIET (``components.spans``, no Rasa needed)."""

import sys

from dialog.training import PROJECT_DIR

sys.path.insert(0, str(PROJECT_DIR))
from components.spans import repair


def _at(text: str, name: str, value: str) -> dict:
    start = text.index(value)
    return {"entity": name, "value": value, "start": start, "end": start + len(value)}


def _pairs(entities: list[dict]) -> list[tuple[str, str]]:
    return [(e["entity"], e["value"]) for e in entities]


def test_product_pieces_that_touch_are_one_product() -> None:
    text = "I sent back the glass kettle, and the wool beanie"
    found = repair(text, [_at(text, "product", "glass"), _at(text, "product", "kettle"),
                          _at(text, "product", "wool beanie")])
    assert _pairs(found) == [("product", "glass kettle"), ("product", "wool beanie")]
    zh = "登山靴有灰色的吗"
    assert _pairs(repair(zh, [_at(zh, "product", "登山"), _at(zh, "product", "靴"),
                              _at(zh, "colour", "灰色")])) == [("product", "登山靴"),
                                                              ("colour", "灰色")]


def test_pieces_apart_stay_two_products() -> None:
    text = "the kettle or the mug"
    found = repair(text, [_at(text, "product", "kettle"), _at(text, "product", "mug")])
    assert _pairs(found) == [("product", "kettle"), ("product", "mug")]


def test_a_chinese_name_takes_its_size_unless_a_bound_follows() -> None:
    text = "卷口防水背包30升有多重"
    found = repair(text, [_at(text, "product", "卷口防水背包"), _at(text, "price_max", "30")])
    assert _pairs(found) == [("product", "卷口防水背包30升")]
    wish = "保温杯500毫升以上的有吗"
    assert _pairs(repair(wish, [_at(wish, "product", "保温杯")])) == [("product", "保温杯")]


def test_measurements_are_no_prices_and_money_stays() -> None:
    text = "returned a kettle 3 wks ago, anything under 40 dollars or 100块以内"
    found = repair(text, [_at(text, "price_min", "3"), _at(text, "price_max", "40"),
                          _at(text, "price_max", "100"), _at(text, "price_max", "块")])
    assert _pairs(found) == [("price_max", "40"), ("price_max", "100")]
    assert repair("说好18号到", [_at("说好18号到", "price_max", "18")]) == []
