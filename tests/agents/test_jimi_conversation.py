"""JIMI answers the question that was asked: the right products, followed references, natural
replies, care that fits, and damaged or missing items filed. Expectations come from the demo
catalogue's facts, not from fixed strings of a reply."""

from __future__ import annotations

import re
from datetime import date

import pytest

from agents.jimi import Jimi, Shopper, policy
from agents.jimi.empathy import ACKNOWLEDGE
from agents.jimi.references import resolve
from kg.facts import ProductFacts
from kg.kinds import kind_of, lineage
from tests.testing import conversation, user_turn
from ui.platform import Platform


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)


def _shopper(platform: Platform, language: str = "en", other_sessions: int = 0,
             **where: str) -> Shopper:
    profile = next(p for p in platform.knowledge.accounts.profiles()
                   if all(getattr(p, k) == v for k, v in where.items()))
    return Shopper(profile, language, other_sessions)


def _of_kind(platform: Platform, kind: str) -> list[ProductFacts]:
    return [p for p in platform.knowledge.graph.products()
            if kind in lineage(kind_of(p.name_en, p.name_zh) or "")]


def _named(text: str, products: list[ProductFacts]) -> list[str]:
    return [p.id for p in products if p.name_en in text or (p.name_zh and p.name_zh in text)]


# -- kinds ---------------------------------------------------------------------------------

def test_a_product_is_the_kind_its_name_ends_with() -> None:
    assert kind_of("Silicone Earbuds Case Cover", "硅胶耳机保护套") == "cases"
    assert kind_of("FitBuds Sport Earbuds") == "earbuds"
    assert kind_of("Trail Runner GTX", "防水越野跑鞋") == "running-shoes"  # from the Chinese name
    assert kind_of("Cushioned Running Socks (3 pack)") == "socks"
    assert lineage("earbuds") == ["earbuds", "headphones"]
    assert "shoes" in lineage(kind_of("Natural Rubber Rain Boot") or "")


# -- finding the right products ------------------------------------------------------------

def test_a_kind_and_a_feature_never_list_another_kind(jimi: Jimi,
                                                      synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("do you have waterproof shoes under 100?",
                                                "product_search", price_max="100")),
                         _shopper(synced_platform))
    shoes = {p.id for p in _of_kind(synced_platform, "shoes")}
    assert reply.shown and set(reply.shown) <= shoes
    for product in (synced_platform.knowledge.product(p) for p in reply.shown):
        assert product.attributes.get("waterproof") is True and product.price <= 100
    assert "waterproof=true" not in reply.texts[0] and "<=" not in reply.texts[0]
    assert re.search(r"^1\. ", reply.texts[0], re.MULTILINE)  # numbered


def test_cheapest_comes_first_with_its_price(jimi: Jimi, synced_platform: Platform) -> None:
    kettles = sorted(_of_kind(synced_platform, "kettles"), key=lambda p: p.price)
    reply = jimi.respond(conversation(user_turn("what's the cheapest kettle?", "product_search")),
                         _shopper(synced_platform))
    assert reply.shown == [p.id for p in kettles]  # every kettle, no camp mug, by price
    assert f"{kettles[0].price:.2f}" in reply.texts[0]


def test_longest_battery_is_answered_from_the_values(jimi: Jimi,
                                                     synced_platform: Platform) -> None:
    headphones = _of_kind(synced_platform, "headphones")
    longest = max(headphones, key=lambda p: float(p.attributes["battery_life_h"]))  # type: ignore[arg-type]
    reply = jimi.respond(conversation(user_turn("which headphones last longest on one charge?",
                                                "product_question")), _shopper(synced_platform))
    assert reply.shown and reply.shown[0] == longest.id
    assert f"{longest.attributes['battery_life_h']} h" in reply.texts[0]
    assert "couldn't tell which product" not in reply.texts[0]


def test_a_budget_in_yuan_is_converted_and_said(jimi: Jimi, synced_platform: Platform) -> None:
    rate = synced_platform.settings.currency_rates["CNY"]
    reply = jimi.respond(conversation(user_turn("有没有200元以内的跑鞋", "product_search",
                                                price_max="200")),
                         _shopper(synced_platform, "zh"))
    text = reply.texts[0]
    assert f"{200 * rate:.2f}美元" in text and "商品以美元标价" in text
    running = {p.id for p in _of_kind(synced_platform, "running-shoes")}
    assert reply.shown and set(reply.shown) <= running  # no canvas shoes, no socks
    if all(synced_platform.knowledge.product(p).price > 200 * rate for p in reply.shown):
        assert "没有找到" in text  # none under the budget: said, with the nearest


def test_nothing_matching_names_the_constraint_and_the_nearest(
        jimi: Jimi, synced_platform: Platform) -> None:
    waterproof = [p for p in _of_kind(synced_platform, "shoes")
                  if p.attributes.get("waterproof") is True]
    budget = min(p.price for p in waterproof) - 1
    reply = jimi.respond(conversation(user_turn(f"waterproof shoes under {budget:g}",
                                                "product_search")), _shopper(synced_platform))
    assert f"couldn't find any waterproof shoes under {budget:g} USD" in reply.texts[0]
    assert reply.shown and reply.shown[0] == min(waterproof, key=lambda p: p.price).id


# -- following the conversation ------------------------------------------------------------

def _list_of(jimi: Jimi, platform: Platform, text: str) -> list[str]:
    shown = jimi.respond(conversation(user_turn(text, "product_search")), _shopper(platform)).shown
    assert shown and len(shown) >= 2
    return shown


def test_the_second_one_and_the_cheaper_one(jimi: Jimi, synced_platform: Platform) -> None:
    shown = _list_of(jimi, synced_platform, "running shoes")
    first = user_turn("running shoes", "product_search")
    second = synced_platform.knowledge.product(shown[1])
    size = second.values("size")[-1]
    reply = jimi.respond(conversation(first, user_turn(f"is the second one available in size "
                                                       f"{size}?", "product_question"),
                                      shown=[shown]), _shopper(synced_platform))
    assert second.name_en in reply.texts[0] and size in reply.texts[0]
    cheaper = min((synced_platform.knowledge.product(p) for p in shown), key=lambda p: p.price)
    reply = jimi.respond(conversation(first, user_turn("and the cheaper one, what colours?",
                                                       "product_question"), shown=[shown]),
                         _shopper(synced_platform))
    assert cheaper.name_en in reply.texts[0]
    assert all(c in reply.texts[0] for c in cheaper.values("colour"))


def test_and_the_first_one_asks_the_same_question_again(jimi: Jimi,
                                                        synced_platform: Platform) -> None:
    shown = _list_of(jimi, synced_platform, "frying pans")
    first_pan = synced_platform.knowledge.product(shown[0])
    safe = first_pan.values("dishwasher_safe")
    assert safe, "the demo pans say whether they are dishwasher safe"
    turns = (user_turn("frying pans", "product_search"),
             user_turn("is the second one dishwasher safe?", "product_question"),
             user_turn("and the first one?", "product_question"))
    reply = jimi.respond(conversation(*turns, shown=[shown, shown]), _shopper(synced_platform))
    assert first_pan.name_en in reply.texts[0] and "dishwasher" in reply.texts[0].lower()


def test_chinese_ordinals_answer_in_chinese(jimi: Jimi, synced_platform: Platform) -> None:
    shown = _list_of(jimi, synced_platform, "running shoes")
    first = synced_platform.knowledge.product(shown[0])
    reply = jimi.respond(conversation(user_turn("跑鞋", "product_search"),
                                      user_turn("第一双有什么颜色", "product_question"),
                                      shown=[shown]), _shopper(synced_platform, "zh"))
    assert first.name_zh and first.name_zh in reply.texts[0]
    assert not re.search(r"[A-Za-z]{3,}", reply.texts[0].replace("GTX", ""))  # colours in Chinese


def test_which_one_is_lighter_after_a_comparison(jimi: Jimi, synced_platform: Platform) -> None:
    a, b = [p for p in _of_kind(synced_platform, "shoes") if "weight_g" in p.attributes][:2]
    compared = jimi.respond(conversation(user_turn(f"compare the {a.name_en} and the "
                                                   f"{b.name_en}", "compare_products")),
                            _shopper(synced_platform))
    assert compared.shown == [a.id, b.id]
    reply = jimi.respond(conversation(user_turn("compare", "compare_products"),
                                      user_turn("which one is lighter", "compare_products"),
                                      shown=[compared.shown]), _shopper(synced_platform))
    lighter, heavier = sorted((a, b), key=lambda p: float(p.attributes["weight_g"]))  # type: ignore[arg-type]
    assert reply.texts[0].startswith(f"The {lighter.name_en} is lighter")
    assert f"{heavier.attributes['weight_g']} g" in reply.texts[0]


def test_they_compare_with_a_named_product(jimi: Jimi, synced_platform: Platform) -> None:
    headphones = [p for p in _of_kind(synced_platform, "headphones")
                  if kind_of(p.name_en, p.name_zh) == "headphones"]
    earbuds = _of_kind(synced_platform, "earbuds")
    assert len(earbuds) == 1  # "the wireless earbuds" can only mean one product
    reply = jimi.respond(conversation(
        user_turn("headphones", "product_search"),
        user_turn("how do they compare with the wireless earbuds?", "compare_products",
                  product="wireless earbuds"),
        shown=[[p.id for p in headphones]]), _shopper(synced_platform))
    assert earbuds[0].name_en in " ".join(reply.texts)
    assert headphones[0].name_en in " ".join(reply.texts)


def test_references_resolve_among_the_shown_list() -> None:
    prices = {"a": 30.0, "b": 10.0, "c": 20.0}
    shown = ["a", "b", "c"]
    assert resolve("the third one", shown, None, prices.__getitem__).products == ["c"]
    assert resolve("第二个呢", shown, None, prices.__getitem__).products == ["b"]
    assert resolve("the cheaper one", shown, None, prices.__getitem__).products == ["b"]
    assert resolve("what about the other one", shown, "a", prices.__getitem__).products == ["b"]
    assert resolve("do both come in red", shown, None, prices.__getitem__).how == "plural"
    assert resolve("my first order", shown, None, prices.__getitem__) is None
    assert resolve("the first one", [], None, prices.__getitem__) is None  # nothing shown


# -- replies people would write ------------------------------------------------------------

def test_attribute_answers_read_as_sentences(jimi: Jimi, synced_platform: Platform) -> None:
    headphones = next(p for p in _of_kind(synced_platform, "headphones")
                      if p.name_en.endswith("Headphones"))
    reply = jimi.respond(conversation(user_turn(f"how long does the {headphones.name_en} "
                                                "battery last?", "product_question",
                                                product=headphones.name_en)),
                         _shopper(synced_platform))
    text = reply.texts[0]
    assert f"{headphones.attributes['battery_life_h']} h" in text
    assert "'s battery" not in text and "Headphones's" not in text
    waterproof = next(p for p in _of_kind(synced_platform, "shoes")
                      if p.attributes.get("waterproof") is True)
    text = jimi.respond(conversation(user_turn(f"is the {waterproof.name_en} waterproof?",
                                               "product_question", product=waterproof.name_en)),
                        _shopper(synced_platform)).texts[0]
    assert text.startswith(f"Yes, the {waterproof.name_en} is waterproof")
    assert "True" not in text and "waterproof:" not in text


def test_a_multi_part_question_gets_every_part(jimi: Jimi, synced_platform: Platform) -> None:
    kettle = next(p for p in _of_kind(synced_platform, "kettles")
                  if {"capacity_ml", "wattage_w"} <= set(p.attributes))
    text = jimi.respond(conversation(user_turn("how big is it and how many watts",
                                               "product_question"),
                                     slots={"product": kettle.name_en}),
                        _shopper(synced_platform)).texts[0]
    assert f"{kettle.attributes['capacity_ml']} ml" in text
    assert f"{kettle.attributes['wattage_w']} W" in text


# -- care that fits ------------------------------------------------------------------------

def test_a_neutral_question_gets_no_apology_whatever_came_before(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper = _shopper(synced_platform, other_sessions=4)
    neutral = jimi.respond(conversation(user_turn("which headphones do you have",
                                                  "product_search")), shopper)
    assert ACKNOWLEDGE["en"] not in neutral.texts[0] and len(neutral.texts) == 1
    angry = user_turn("this is RIDICULOUS, where is my order??", "order_status")
    first = jimi.respond(conversation(angry), shopper)
    assert first.texts[0] == ACKNOWLEDGE["en"] and "apology" in first.marks
    later = jimi.respond(conversation(angry, user_turn("ok. do you sell kettles?",
                                                       "product_search"),
                                      marks=first.marks), shopper)
    assert ACKNOWLEDGE["en"] not in " ".join(later.texts)
    again = jimi.respond(conversation(angry, user_turn("this is STILL ridiculous!!",
                                                       "order_status"), marks=first.marks),
                         shopper)
    assert ACKNOWLEDGE["en"] not in " ".join(again.texts)  # once a conversation
    assert "connect you to a person" not in " ".join(again.texts)


def test_cross_sell_only_when_buying_and_once(jimi: Jimi, synced_platform: Platform) -> None:
    query = synced_platform.knowledge.query
    product = next(p for p in synced_platform.knowledge.graph.products()
                   if query.complementary(p.id, 1))
    shopper = _shopper(synced_platform)
    plain = jimi.respond(conversation(user_turn(f"what colours does the {product.name_en} come "
                                                "in", "product_question",
                                                product=product.name_en)), shopper)
    assert "cross_sell" not in plain.marks and len(plain.texts) == 1
    buying = jimi.respond(conversation(user_turn(f"I'll buy the {product.name_en}",
                                                 "product_question", product=product.name_en)),
                          shopper)
    if "cross_sell" in buying.marks:
        suggested = buying.texts[-1]
        assert product.name_en in suggested
        again = jimi.respond(conversation(user_turn(f"I'll buy the {product.name_en}",
                                                    "product_question", product=product.name_en),
                                          marks=["cross_sell"]), shopper)
        assert len(again.texts) == 1  # at most once a conversation


def test_what_goes_with_a_product_is_its_complement_not_an_old_purchase(
        jimi: Jimi, synced_platform: Platform) -> None:
    knowledge = synced_platform.knowledge
    lonely = next((p for p in knowledge.graph.products()
                   if not knowledge.query.complementary(p.id, 3)), None)
    paired = next(p for p in knowledge.graph.products() if knowledge.query.complementary(p.id, 1))
    shopper = _shopper(synced_platform)
    reply = jimi.respond(conversation(user_turn(f"anything that goes with the {paired.name_en}?",
                                                "product_question", product=paired.name_en)),
                         shopper)
    assert "cross_sell" in reply.marks and f"buy the {paired.name_en}" in reply.texts[-1]
    if lonely is not None:  # nothing bought with it: said, no suggestion from past orders
        reply = jimi.respond(conversation(user_turn(f"what goes with the {lonely.name_en}?",
                                                    "product_question", product=lonely.name_en)),
                             shopper)
        expected = f"I don't have anything that shoppers usually buy with the {lonely.name_en}."
        assert reply.texts == [expected]


def test_buying_an_out_of_stock_product_is_told_so(jimi: Jimi, synced_platform: Platform) -> None:
    product = next(p for p in synced_platform.knowledge.graph.products() if not p.in_stock)
    reply = jimi.respond(conversation(user_turn(f"I'll buy the {product.name_en}",
                                                "product_question", product=product.name_en)),
                         _shopper(synced_platform))
    assert reply.texts[0] == f"The {product.name_en} is out of stock right now " \
                             f"({product.price:.2f} {product.currency})."


# -- damaged, wrong or missing -------------------------------------------------------------

def _delivered(platform: Platform, single: bool) -> tuple[Shopper, str, ProductFacts]:
    accounts = platform.knowledge.accounts
    for profile in accounts.profiles():
        mine = accounts.orders_of(profile.id)
        received = [o for o in mine if o.state in ("delivered", "shipped")]
        for order in received:
            product = platform.knowledge.product(order.lines[0].product_id)
            others = [o for o in received if o.id != order.id and any(
                platform.knowledge.product(line.product_id).name_en == product.name_en
                for line in o.lines)]
            if not others and (len(received) > 1) != single:
                return Shopper(profile, "en"), order.id, product
    raise AssertionError("no fitting shopper in the demo catalogue")


def test_a_damaged_item_is_filed_with_its_reason(jimi: Jimi, synced_platform: Platform) -> None:
    shopper, order_id, product = _delivered(synced_platform, single=False)
    reply = jimi.respond(conversation(user_turn(f"the {product.name_en} arrived cracked, "
                                                "can you send a new one", "return_policy")),
                         shopper)
    assert reply.requests == [(order_id, "replacement")]
    assert reply.reason.startswith("damaged") and product.name_en in reply.reason
    text = reply.texts[0]
    order = synced_platform.knowledge.accounts.order_for(shopper.profile.id, order_id)
    old = (date.today() - date.fromisoformat(order.expected_delivery)).days > \
        policy.terms(shopper.profile).return_days  # past the shopper's own window
    review = "2 business days" if old else "1 business day"  # months later: a warranty claim
    assert order_id in text and review in text and "photo" in text


def test_a_missing_item_refund_and_an_unclear_order_is_asked(
        jimi: Jimi, synced_platform: Platform) -> None:
    shopper, order_id, _ = _delivered(synced_platform, single=False)
    vague = user_turn("something was missing from my parcel, I want a refund", "get_refund")
    asked = jimi.respond(conversation(vague), shopper)
    assert not asked.requests and "Which order" in asked.texts[0]
    filed = jimi.respond(conversation(vague, user_turn(f"it's {order_id}", "inform",
                                                       order_id=order_id)), shopper)
    assert filed.requests == [(order_id, "refund")] and filed.reason.startswith("missing")


def test_another_shoppers_order_is_not_filed(jimi: Jimi, synced_platform: Platform) -> None:
    shopper, _, _ = _delivered(synced_platform, single=False)
    accounts = synced_platform.knowledge.accounts
    theirs = next(o.id for p in accounts.profiles() if p.id != shopper.profile.id
                  for o in accounts.orders_of(p.id))
    vague = user_turn("my order arrived broken", "complaint")
    reply = jimi.respond(conversation(vague, user_turn(theirs, "inform", order_id=theirs)),
                         shopper)
    assert not reply.requests and "can't find an order" in reply.texts[0]


def test_a_policy_question_in_passing_gets_the_faq(jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("灯具保修多久啊", "product_search")),
                         _shopper(synced_platform, "zh"))
    assert "保修" in reply.texts[0] and not reply.shown


def test_price_ranges_and_amounts_with_units(jimi: Jimi, synced_platform: Platform) -> None:
    parse = synced_platform.knowledge.query.parse
    assert (parse("hoodies between 30 and 60 dollars").price_min,
            parse("hoodies between 30 and 60 dollars").price_max) == (30, 60)
    assert (parse("100到200元的耳机").price_min, parse("100到200元的耳机").price_max) == (100, 200)
    for text in ("a power bank, at least 20000 mAh", "500ml以下的杯子", "under 300 g"):
        constraints = parse(text)
        assert constraints.price_min is None and constraints.price_max is None, text
    reply = jimi.respond(conversation(user_turn("a power bank, at least 20000 mah",
                                                "product_search", price_min="20000")),
                         _shopper(synced_platform))
    assert reply.shown and all(
        float(synced_platform.knowledge.product(p).attributes["battery_mah"]) >= 20000  # type: ignore[arg-type]
        for p in reply.shown)
    assert "USD" not in reply.texts[0].split("\n")[0] or "20000 USD" not in reply.texts[0]


def test_a_search_with_a_purpose_lists_the_kind_before_for(jimi: Jimi,
                                                          synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("looking for a kettle for pour over coffee",
                                                "product_search")), _shopper(synced_platform))
    kettles = {p.id for p in _of_kind(synced_platform, "kettles")}
    assert reply.shown and set(reply.shown) <= kettles


@pytest.mark.parametrize("search", ["do you have a rain jacket", "running shoes"])
def test_in_pounds_converts_what_was_just_listed(jimi: Jimi, synced_platform: Platform,
                                                 search: str) -> None:
    first = user_turn(search, "product_search")
    shown = jimi.respond(conversation(first), _shopper(synced_platform)).shown
    assert shown
    reply = jimi.respond(conversation(first, user_turn("in £ pls", "inform"), shown=[shown]),
                         _shopper(synced_platform))
    said = " ".join(reply.texts)
    for product_id in shown[:3]:
        product = synced_platform.knowledge.product(product_id)
        assert f"{product.name_en} costs {product.price:.2f} USD" in said
    assert said.count("GBP at our configured rate") == min(3, len(shown))
