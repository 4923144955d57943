from agents.jimi import Jimi
from ui.platform import Platform


def _jimi(platform: Platform) -> Jimi:
    return Jimi(platform.knowledge)


def _multi_colour_product(platform: Platform):  # type: ignore[no-untyped-def]
    return next(p for p in platform.knowledge.graph.products() if len(p.values("colour")) >= 2)


def test_colours_come_from_the_graph(synced_platform: Platform) -> None:
    product = _multi_colour_product(synced_platform)
    answer = _jimi(synced_platform).answer_product(
        f"what colours does the {product.name_en} come in?", None, None)
    for colour in product.values("colour"):
        assert colour in answer
    assert product.name_en in answer


def test_colours_in_chinese(synced_platform: Platform) -> None:
    product = _multi_colour_product(synced_platform)
    answer = _jimi(synced_platform).answer_product(f"{product.name_zh}有哪些颜色？", None, None)
    assert answer.startswith(product.name_zh or "")
    assert "可选" in answer and "色" in answer


def test_entity_hint_wins_over_other_words(synced_platform: Platform) -> None:
    product = _multi_colour_product(synced_platform)
    answer = _jimi(synced_platform).answer_product("what about colours?", product.name_en,
                                                   "colors")
    assert all(c in answer for c in product.values("colour"))


def test_unknown_product_asks_for_the_name(synced_platform: Platform) -> None:
    answer = _jimi(synced_platform).answer_product("what colours does the zorblax come in", None,
                                                   None)
    assert "which product" in answer


def _someone_with_orders(platform: Platform, state: str) -> tuple[str, str]:
    accounts = platform.knowledge.accounts
    for profile in accounts.profiles():
        for order in accounts.orders_of(profile.id):
            if order.state == state:
                return profile.id, order.id
    raise AssertionError(f"no {state} order in the demo catalogue")


def test_order_status_for_own_delayed_order(synced_platform: Platform) -> None:
    shopper, order_id = _someone_with_orders(synced_platform, "delayed")
    answer = _jimi(synced_platform).order_status(shopper, order_id, "where is my order", "en")
    order = synced_platform.knowledge.accounts.order_for(shopper, order_id)
    assert order_id in answer and "delayed" in answer
    assert (order.delay_reason or "") in answer


def test_someone_elses_order_is_not_shown(synced_platform: Platform) -> None:
    owner, order_id = _someone_with_orders(synced_platform, "shipped")
    other = next(p.id for p in synced_platform.knowledge.accounts.profiles() if p.id != owner)
    answer = _jimi(synced_platform).order_status(other, order_id, "where is it", "en")
    assert "can't find an order" in answer
    order = synced_platform.knowledge.accounts.order_for(owner, order_id)
    assert order.expected_delivery not in answer


def test_policy_answer_comes_from_the_faq(synced_platform: Platform) -> None:
    answer = _jimi(synced_platform).answer_policy("how many days do I have to return shoes?")
    assert "day" in answer.lower()
    answer_zh = _jimi(synced_platform).answer_policy("退货期限是多少天？")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in answer_zh)
