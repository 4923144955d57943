"""JIMI's answers: knowledge graph facts, context, orders, personal terms, empathy."""

import re
from datetime import date

import pytest

from agents.jimi import Jimi, Shopper, orders
from agents.jimi.policy import DELIVERY_DAYS, TIERS
from kg.facts import ProductFacts
from kg.schema import ProfileRow
from tests.testing import conversation, user_turn
from ui.platform import Platform


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)


def _shopper(platform: Platform, language: str = "en", **where: str) -> Shopper:
    profile = next(p for p in platform.knowledge.accounts.profiles()
                   if all(getattr(p, k) == v for k, v in where.items()))
    return Shopper(profile, language)


def _product(platform: Platform, colours: int = 2) -> ProductFacts:
    return next(p for p in platform.knowledge.graph.products()
                if len(p.values("colour")) >= colours and p.values("size"))


def _owner_of(platform: Platform, state: str, late: bool | None = None
              ) -> tuple[ProfileRow, str]:
    """The owner of an order in ``state`` (``late``: more than a week past its date, so the
    delay choice applies, or not; None: either)."""
    accounts = platform.knowledge.accounts
    for profile in accounts.profiles():
        for order in accounts.orders_of(profile.id):
            if order.state == state and late in (None, orders.may_cancel_late(order)):
                return profile, order.id
    raise AssertionError(f"no {state} order in the demo catalogue")


def test_colours_come_from_the_graph(jimi: Jimi, synced_platform: Platform) -> None:
    product = _product(synced_platform)
    turn = conversation(user_turn(f"what colours does the {product.name_en} come in?",
                                  "product_question", product=product.name_en,
                                  attribute="colours"))
    text = jimi.respond(turn, _shopper(synced_platform)).texts[0]
    assert product.name_en in text and all(c in text for c in product.values("colour"))


def test_colours_in_chinese(jimi: Jimi, synced_platform: Platform) -> None:
    product = _product(synced_platform)
    turn = conversation(user_turn(f"{product.name_zh}有哪些颜色？", "product_question",
                                  product=product.name_zh or "", attribute="颜色"))
    text = jimi.respond(turn, _shopper(synced_platform, "zh")).texts[0]
    assert text.startswith(product.name_zh or "") and "可选" in text


def test_yes_no_on_a_colour_and_a_size(jimi: Jimi, synced_platform: Platform) -> None:
    product = _product(synced_platform)
    has, size = product.values("colour")[0], product.values("size")[0]
    shopper = _shopper(synced_platform)
    yes = jimi.respond(conversation(user_turn("do you have it in that colour", "product_question",
                                              product=product.name_en, colour=has)), shopper)
    assert yes.texts[0].startswith("Yes")
    no = jimi.respond(conversation(user_turn("?", "product_question", product=product.name_en,
                                             colour="turquoise")), shopper)
    assert no.texts[0].startswith("Sorry") and has in no.texts[0]
    sized = jimi.respond(conversation(user_turn("size?", "product_question",
                                                product=product.name_en, size=size)), shopper)
    assert sized.texts[0].startswith("Yes") and size in sized.texts[0]


def test_and_in_blue_keeps_the_product_of_the_last_question(jimi: Jimi,
                                                            synced_platform: Platform) -> None:
    product = _product(synced_platform)
    other_colour = product.values("colour")[1]
    turn = conversation(
        user_turn(f"does the {product.name_en} come in pink?", "product_question",
                  product=product.name_en, colour="pink"),
        user_turn(f"and in {other_colour}?", "inform", colour=other_colour))
    text = jimi.respond(turn, _shopper(synced_platform)).texts[0]
    assert text.startswith("Yes") and product.name_en in text


def test_the_other_one_is_the_other_product_of_the_comparison(
        jimi: Jimi, synced_platform: Platform) -> None:
    first, second = [p for p in synced_platform.knowledge.graph.products()
                     if p.category == "footwear"][:2]
    turn = conversation(
        user_turn("compare them", "compare_products", product=[first.name_en, second.name_en]),
        user_turn("what colours does it come in", "product_question", attribute="colours"),
        user_turn("what about the other one?", "inform"),
        slots={"product": first.name_en})
    text = jimi.respond(turn, _shopper(synced_platform)).texts[0]
    assert second.name_en in text and all(c in text for c in second.values("colour"))


def test_compare_with_one_name_takes_it_from_the_conversation(
        jimi: Jimi, synced_platform: Platform) -> None:
    first, second = [p for p in synced_platform.knowledge.graph.products()
                     if p.category == "footwear"][:2]
    turn = conversation(
        user_turn(f"does the {first.name_en} come in blue?", "product_question",
                  product=first.name_en, colour="blue"),
        user_turn(f"how does it compare with the {second.name_en}?", "compare_products",
                  product=second.name_en),
        slots={"product": first.name_en})
    reply = jimi.respond(turn, _shopper(synced_platform))
    assert first.name_en in reply.texts[0] and second.name_en in reply.texts[0]
    assert reply.slots["product"] == first.name_en  # "the other one" is then the second


def test_compare_states_both_prices(jimi: Jimi, synced_platform: Platform) -> None:
    first, second = [p for p in synced_platform.knowledge.graph.products()
                     if p.category == "kitchen"][:2]
    turn = conversation(user_turn("compare", "compare_products",
                                  product=[first.name_en, second.name_en]))
    text = jimi.respond(turn, _shopper(synced_platform)).texts[0]
    assert f"{first.price:.2f}" in text and f"{second.price:.2f}" in text


def test_unknown_product_asks_for_the_name(jimi: Jimi, synced_platform: Platform) -> None:
    turn = conversation(user_turn("what colours does the zorblax come in", "product_question",
                                  product="zorblax"))
    assert "which product" in jimi.respond(turn, _shopper(synced_platform)).texts[0]


def test_search_lists_only_the_kind_asked_for_numbered(jimi: Jimi,
                                                            synced_platform: Platform) -> None:
    shopper = _shopper(synced_platform, id="u001")
    turn = conversation(user_turn("waterproof shoes under 100", "product_search",
                                  price_max="100"))
    reply = jimi.respond(turn, shopper)
    text = reply.texts[0]
    assert text.startswith("Waterproof shoes under 100 USD") and "\n1. " in text, text
    prices = [float(p) for p in re.findall(r"(\d+\.\d\d) USD", text)]
    assert prices and all(price <= 100 for price in prices)
    assert reply.shown and all(synced_platform.knowledge.product(p).attributes.get("waterproof")
                               for p in reply.shown)
    assert "Headlamp" not in text and "Backpack" not in text  # waterproof, but not shoes
    assert len(reply.texts) == 1  # no cross-sell on a plain search


def test_own_delayed_order_with_what_is_being_done(jimi: Jimi, synced_platform: Platform
                                                   ) -> None:
    profile, order_id = _owner_of(synced_platform, "delayed")
    turn = conversation(user_turn(f"where is {order_id}", "order_status", order_id=order_id))
    reply = jimi.respond(turn, Shopper(profile, "en"))
    assert reply.texts[0] == "I'm sorry your order is running late."
    assert order_id in reply.texts[1] and "delayed" in reply.texts[1]
    assert "escalated" in reply.texts[2] and "$10 voucher" in reply.texts[2]
    assert reply.texts[-1] == "Would you like me to connect you to a person?"
    assert reply.slots["order_id"] == order_id  # and the product it holds, for "is it ..."
    again = jimi.respond(conversation(user_turn(f"where is {order_id}", "order_status",
                                                order_id=order_id), marks=reply.marks),
                         Shopper(profile, "en"))
    assert not any("sorry" in t or "person" in t for t in again.texts)  # once a conversation


def test_someone_elses_order_is_refused_without_details(jimi: Jimi,
                                                         synced_platform: Platform) -> None:
    owner, order_id = _owner_of(synced_platform, "shipped")
    other = next(p for p in synced_platform.knowledge.accounts.profiles() if p.id != owner.id)
    turn = conversation(user_turn(f"status of {order_id}", "order_status", order_id=order_id))
    reply = jimi.respond(turn, Shopper(other, "en"))
    order = synced_platform.knowledge.accounts.order_for(owner.id, order_id)
    assert "can't find an order" in reply.texts[0]
    assert order.expected_delivery not in " ".join(reply.texts)


@pytest.mark.parametrize(("state", "late", "expected", "request_kind"), [
    ("paid", None, "filed a cancellation", "cancel"),
    ("shipped", True, "has already shipped, so we'll ask the carrier", "cancel"),  # the delay choice
    ("delivered", None, "return it within", None)])
def test_cancel_depends_on_the_order_state(jimi: Jimi, synced_platform: Platform, state: str,
                                           late: bool | None, expected: str,
                                           request_kind: str | None) -> None:
    profile, order_id = _owner_of(synced_platform, state, late)
    turn = conversation(user_turn("cancel my order", "cancel_order"),
                        slots={"order_id": order_id})
    reply = jimi.respond(turn, Shopper(profile, "en"))
    assert expected in reply.texts[0]
    assert reply.requests == ([(order_id, request_kind)] if request_kind else [])


def test_a_shipped_order_on_time_cannot_be_cancelled(synced_platform: Platform) -> None:
    profile, order_id = _owner_of(synced_platform, "shipped")
    order = synced_platform.knowledge.accounts.order_for(profile.id, order_id)
    on_time = order.model_copy(update={"expected_delivery": date.today().isoformat()})
    text, filed = orders.handle_request("cancel_order", on_time, profile, "en")
    assert "can't be cancelled" in text and filed is None


def test_a_refund_after_a_filed_cancellation_files_nothing_new(
        jimi: Jimi, synced_platform: Platform) -> None:
    profile, order_id = _owner_of(synced_platform, "paid")
    turn = conversation(user_turn("can I get a refund instead?", "get_refund"),
                        slots={"order_id": order_id})
    first = jimi.respond(turn, Shopper(profile, "en"))
    assert first.requests == [(order_id, "cancel")]
    again = jimi.respond(turn, Shopper(profile, "en", filed=frozenset(first.requests)))
    assert "already filed" in again.texts[0] and again.requests == []


def test_membership_tier_changes_the_return_terms(jimi: Jimi, synced_platform: Platform) -> None:
    basic = _shopper(synced_platform, membership="basic")
    gold = _shopper(synced_platform, membership="gold")
    turn = conversation(user_turn("what is your return policy", "return_policy"))
    basic_text = jimi.respond(turn, basic).texts[0]
    gold_text = jimi.respond(turn, gold).texts[0]
    assert f"{TIERS['basic'].return_days} days" in basic_text and "$4.99" in basic_text
    assert f"{TIERS['gold'].return_days} days" in gold_text and "free" in gold_text


def test_region_changes_the_delivery_estimate(jimi: Jimi, synced_platform: Platform) -> None:
    turn = conversation(user_turn("how long does delivery take", "delivery_period"))
    uk = jimi.respond(turn, _shopper(synced_platform, region="UK")).texts[0]
    shanghai = jimi.respond(turn, _shopper(synced_platform, "zh", region="CN-SH")).texts[0]
    low, high = DELIVERY_DAYS["UK"]
    assert f"{low}-{high} business days" in uk and "the UK" in uk
    low, high = DELIVERY_DAYS["CN"]
    assert f"{low}-{high}个工作日" in shanghai


def test_payment_faq_by_hybrid_retrieval(jimi: Jimi, synced_platform: Platform) -> None:
    turn = conversation(user_turn("can I pay with alipay?", "payment_issue"))
    reply = jimi.respond(turn, _shopper(synced_platform))
    assert "Alipay" in reply.texts[0] and "person" in reply.texts[-1]


def test_chinese_policy_questions_find_their_faq_entry(jimi: Jimi) -> None:
    """MiniLM reads English only: a Chinese question is matched by words and character pairs."""
    for question, topic, entry in (("退货要我自己拿去寄吗", "return_policy", "faq-returns-how"),
                                   ("退货运费要我自己出吗", "return_policy", "faq-returns-how"),
                                   ("耳机保修多久", "warranty", "faq-warranty-periods"),
                                   ("钱退到哪里？", "get_refund", "faq-refunds-method"),
                                   ("能分期吗", "payment_issue", "faq-payment-instalments")):
        found = jimi.faq.best(question, topic)
        assert found is not None and found.id == entry, (question, found)


def test_frustration_is_acknowledged_with_a_remedy(jimi: Jimi, synced_platform: Platform) -> None:
    profile, _ = _owner_of(synced_platform, "delayed")
    turn = conversation(
        user_turn("where is my order", "order_status"),
        user_turn("WHERE IS MY ORDER??? this is ridiculous", "order_status"))
    reply = jimi.respond(turn, Shopper(profile, "en"))
    assert reply.mood is not None and reply.mood.frustrated
    assert reply.texts[0].startswith("I'm really sorry")
    said = " ".join(reply.texts)
    assert said.count("$10 voucher") == 1 and "person" in reply.texts[-1]  # options said once


def test_calm_question_gets_no_apology(jimi: Jimi, synced_platform: Platform) -> None:
    turn = conversation(user_turn("how long does delivery take?", "delivery_period"))
    reply = jimi.respond(turn, _shopper(synced_platform))
    assert reply.mood is not None and not reply.mood.frustrated
    assert not reply.texts[0].startswith("I'm really sorry")


def test_yes_after_the_offer_of_a_person_hands_over(jimi: Jimi, synced_platform: Platform
                                                    ) -> None:
    shopper = _shopper(synced_platform)
    offered = jimi.respond(conversation(user_turn("I want to complain", "complaint")), shopper)
    turn = conversation(user_turn("I want to complain", "complaint"),
                        user_turn("yes please", "affirm"), bot=offered.texts)
    assert jimi.respond(turn, shopper).handover
    assert not jimi.respond(conversation(user_turn("yes", "affirm")), shopper).handover


def test_language_switch_is_remembered_in_a_slot(jimi: Jimi, synced_platform: Platform) -> None:
    turn = conversation(user_turn("can you answer in Chinese?", "set_language", language="zh"))
    reply = jimi.respond(turn, _shopper(synced_platform))
    assert reply.slots == {"language": "zh"} and "中文" in reply.texts[0]


def test_unclear_asks_and_offers_a_person(jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("mmm the thing from before", "nlu_fallback")),
                         _shopper(synced_platform))
    assert "rephrase" in reply.texts[0] and "person" in reply.texts[0]


def test_off_topic_is_declined_with_what_jimi_can_do(jimi: Jimi,
                                                     synced_platform: Platform) -> None:
    sure = user_turn("what's the weather on mars", "out_of_scope")  # confidence 0.99
    reply = jimi.respond(conversation(sure), _shopper(synced_platform))
    assert "outside what I can help with" in reply.texts[0] and "orders" in reply.texts[0]
    unsure = type(sure)(sure.text, "out_of_scope", 0.35, {})
    assert "rephrase" in jimi.respond(conversation(unsure), _shopper(synced_platform)).texts[0]


def test_free_form_question_finds_the_attribute_by_ranking(jimi: Jimi,
                                                           synced_platform: Platform) -> None:
    product = next(p for p in synced_platform.knowledge.graph.products()
                   if "battery_life_h" in p.attributes)
    turn = conversation(user_turn(f"how many hours will the {product.name_en} last on one "
                                  "charge?", "product_question", product=product.name_en))
    text = jimi.respond(turn, _shopper(synced_platform)).texts[0]
    assert f"up to {product.values('battery_life_h')[0]} h on one charge" in text, text
    assert "noise cancelling" not in text  # "ANC" in the product's name is not a question


def test_a_correction_with_a_new_order_number_is_answered(jimi: Jimi,
                                                          synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    profile = next(p for p in accounts.profiles() if len(accounts.orders_of(p.id)) >= 2)
    first, second = accounts.orders_of(profile.id)[:2]
    turn = conversation(
        user_turn(f"where is {first.id}", "order_status", order_id=first.id),
        user_turn(f"no, I meant {second.id}", "deny", order_id=second.id),
        slots={"order_id": first.id})
    reply = jimi.respond(turn, Shopper(profile, "en"))
    assert second.id in reply.texts[0] and reply.slots["order_id"] == second.id


@pytest.mark.parametrize(("entities", "expected"), [
    ({"price_max": ["25", "35"]}, (25.0, 35.0)), ({"price_max": "1,000"}, (None, 1000.0)),
    ({"price_min": "50"}, (50.0, None)), ({"price_min": "80", "price_max": "30"}, (30.0, 80.0)),
    ({}, (None, None))])
def test_price_range_from_entities(entities: dict[str, str | list[str]],
                                   expected: tuple[float | None, float | None]) -> None:
    from agents.jimi.shopping import price_range

    assert price_range(conversation(user_turn("x", "product_search", **entities))) == expected


def test_delay_reasons_are_told_in_chinese(synced_platform: Platform) -> None:
    from agents.jimi.orders import describe

    accounts = synced_platform.knowledge.accounts
    delayed = [o for p in accounts.profiles() for o in accounts.orders_of(p.id)
               if o.state == "delayed"]
    assert delayed
    for order in delayed:
        text = describe(order, "zh").replace(order.id, "")
        assert not any("a" <= c.lower() <= "z" for c in text), text
        assert order.delay_reason in describe(order, "en")


def test_compare_names_attributes_as_words_with_units() -> None:
    from agents.jimi.comparison import compare

    def bottle(name: str, zh: str, price: float, **attributes: object) -> ProductFacts:
        return ProductFacts(id=name, name_en=name, name_zh=zh, category="kitchen", brand="b",
                            price=price, currency="USD", stock=3, description_en="",
                            attributes=attributes)  # type: ignore[arg-type]

    steel = bottle("Steel Bottle", "钢瓶", 20, weight_g=310, dishwasher_safe=True, colour="black")
    glass = bottle("Glass Bottle", "玻璃瓶", 25, weight_g=250, dishwasher_safe=False, colour="red")
    english = compare(steel, glass, "en")
    assert "weight: 310 g vs 250 g" in english and "dishwasher safe: yes vs no" in english
    assert "weight_g" not in english and "weight g" not in english
    assert "the Steel Bottle is cheaper" in english
    chinese = compare(steel, glass, "zh")
    assert "重量：310 g 对比 250 g" in chinese and "可洗碗机清洗：是 对比 否" in chinese
    assert "颜色：黑色 对比 红色" in chinese and "钢瓶更便宜" in chinese
    assert not any(word in chinese for word in ("weight", "black", "True"))


def test_delivery_time_speaks_of_the_order_under_discussion(jimi: Jimi,
                                                             synced_platform: Platform) -> None:
    accounts = synced_platform.knowledge.accounts
    profile, open_orders = next(
        (p, mine) for p in accounts.profiles()
        if len(mine := [o for o in accounts.orders_of(p.id)
                        if o.state in ("paid", "shipped", "delayed")]) >= 2)
    discussed = open_orders[-1]
    turn = conversation(user_turn("how long does delivery take?", "delivery_period"),
                        slots={"order_id": discussed.id})
    texts = jimi.respond(turn, Shopper(profile, "en")).texts
    assert len(texts) == 2 + (discussed.state == "delayed") and discussed.id in texts[1]
    assert all(o.id not in texts[1] for o in open_orders[:-1])
    if discussed.state == "delayed":  # what happens now, without an apology for asking
        assert "voucher" in texts[2] and not any("sorry" in t.lower() for t in texts)


def test_a_yes_no_feature_is_answered_yes_or_no() -> None:
    from agents.jimi.product_answers import yes_or_no

    assert yes_or_no("Trail Runner GTX", "waterproof", True, "en") == \
        "Yes, the Trail Runner GTX is waterproof."
    assert yes_or_no("Cloud Mug", "dishwasher_safe", False, "en") == \
        "No, the Cloud Mug is not dishwasher safe."
    assert yes_or_no("防水越野跑鞋", "waterproof", True, "zh") == "是的，防水越野跑鞋防水。"


def test_a_shopper_asking_for_studio_work_is_declined_politely(
        synced_platform: Platform) -> None:
    asked: list[str] = []

    def studio_request(text: str) -> bool:  # the studio model's reading, stood in for
        asked.append(text)
        return "banner" in text or "卖点" in text

    jimi = Jimi(synced_platform.knowledge, studio_request)
    shopper = _shopper(synced_platform)
    unsure = user_turn("make 20 banners for the kettle", "product_search")
    unsure = type(unsure)(unsure.text, unsure.intent, 0.62, unsure.entities)
    assert "for merchants in the Shopmind studio" in jimi.respond(
        conversation(unsure), shopper).texts[0]
    chinese = user_turn("为这款保温杯写10条卖点", "out_of_scope")
    assert "商家工作台" in jimi.respond(conversation(chinese),
                                      _shopper(synced_platform, "zh")).texts[0]
    # a confident shopper reading is never second-guessed: the studio model is not asked
    sure = user_turn("cancel the banner order SM-100001", "cancel_order",
                     order_id="SM-100001")
    asked.clear()
    reply = jimi.respond(conversation(sure), shopper).texts[0]
    assert asked == [] and "Shopmind studio" not in reply
    # a question the studio model does not claim keeps JIMI's own answer
    other = user_turn("tell me something about the weather", "out_of_scope")
    assert "Shopmind studio" not in jimi.respond(conversation(other), shopper).texts[0]
    assert asked == ["tell me something about the weather"]
    # a product question JIMI's model misread is answered as one, without the studio model
    asked.clear()
    product = user_turn("is the Glass Electric Kettle 1.7 L dishwasher safe?", "out_of_scope")
    reply = jimi.respond(conversation(product), shopper).texts[0]
    assert "Glass Electric Kettle" in reply and "Shopmind studio" not in reply and asked == []


@pytest.mark.parametrize(("text", "intent", "language"), [
    ("那另一单呢", "inform", "zh"), ("and the other one?", "cancel_order", "en"),
])
def test_a_question_about_another_order_after_a_cancellation_cancels_nothing(
        jimi: Jimi, synced_platform: Platform, text: str, intent: str, language: str) -> None:
    accounts = synced_platform.knowledge.accounts
    profile, first, other = next(
        (p, *[o.id for o in accounts.orders_of(p.id) if o.state in ("paid", "delayed")][:2])
        for p in accounts.profiles()
        if sum(o.state in ("paid", "delayed") for o in accounts.orders_of(p.id)) >= 2)
    turn = conversation(user_turn("cancel my order", "cancel_order"),
                        user_turn(text, intent), slots={"order_id": first},
                        bot=[f"Order {other} is on its way.",
                             f"I've filed a cancellation for order {first}."])
    reply = jimi.respond(turn, Shopper(profile, language,
                                       filed=frozenset({(first, "cancel")})))
    assert reply.requests == []
    assert other in " ".join(reply.texts)  # its status, as asked


def test_it_is_the_product_under_discussion_not_a_word_of_another_name(
        jimi: Jimi, synced_platform: Platform) -> None:
    kettle = synced_platform.knowledge.product("kt-gooseneck-kettle")
    assert kettle is not None
    turn = conversation(user_turn("how much water does it hold", "product_question",
                                  product="water"),
                        slots={"product": kettle.name_en})
    reply = jimi.shopping.product_of(turn)
    assert reply is not None and reply.id == "kt-gooseneck-kettle"


def test_around_a_price_is_a_range_either_side(synced_platform: Platform) -> None:
    from kg.constraints import AROUND

    parse = synced_platform.knowledge.query.parse
    found = parse("vases around 30 dollars?")
    assert (found.price_min, found.price_max) == (30 * (1 - AROUND), 30 * (1 + AROUND))
    assert parse("200元左右的耳机").price_max == 200 * (1 + AROUND)
    assert parse("around 500 ml").price_max is None  # a size, not a price


def test_twenty_something_litres_is_twenty_to_thirty() -> None:
    from agents.jimi.search_terms import amounts_in

    found = amounts_in("太大了 有没有20几升的")
    assert [(a.unit, a.low, a.high) for a in found] == [("ml", 20000.0, 30000.0)]


def test_a_question_with_no_referent_after_a_short_list_is_about_each(
        jimi: Jimi, synced_platform: Platform) -> None:
    candles = [p.id for p in synced_platform.knowledge.graph.products()
               if p.category == "home" and "candle" in p.name_en.lower()][:2]
    assert len(candles) == 2
    turn = conversation(user_turn("香薰蜡烛有推荐吗", "product_search"),
                        user_turn("什么味道的", "product_question"), shown=[candles])
    texts = " ".join(jimi.respond(turn, _shopper(synced_platform, "zh")).texts)
    for product_id in candles:
        assert synced_platform.knowledge.product(product_id).name_zh in texts


def test_how_much_lighter_than_a_named_product_gives_the_difference(
        jimi: Jimi, synced_platform: Platform) -> None:
    lite = synced_platform.knowledge.product("fw-road-racer")
    assert lite is not None
    turn = conversation(user_turn("how much lighter is it than the Trail Runner GTX?",
                                  "product_question", product="Trail Runner GTX"),
                        slots={"product": lite.name_en})
    text = jimi.respond(turn, _shopper(synced_platform)).texts[0]
    assert text.startswith("The Road Racer Lite is 90 g lighter than the Trail Runner GTX")


def test_which_one_is_taller_names_the_taller(jimi: Jimi, synced_platform: Platform) -> None:
    turn = conversation(user_turn("vases?", "product_search"),
                        user_turn("which one's taller", "product_question"),
                        shown=[["hm-speckled-bud-vase", "hm-ribbed-glass-vase"]])
    text = jimi.respond(turn, _shopper(synced_platform)).texts[0]
    assert text.startswith("The Ribbed Glass Vase")


def test_fizzy_and_new_electronics_are_read_as_the_catalogue_says(
        synced_platform: Platform) -> None:
    parse = synced_platform.knowledge.query.parse
    assert "value:sparkling=true" in parse("something fizzy with zero sugar").values
    found = parse("最近有什么新上的电子产品吗")
    assert "category:electronics_accessories" in found.categories
    assert "tag:new-arrival" in found.soft


@pytest.mark.parametrize("intent", ["compare_products", "product_question"])
def test_which_of_these_two_is_lighter_answers_with_the_weights(
        jimi: Jimi, synced_platform: Platform, intent: str) -> None:
    shown = ["fw-cork-slide", "fw-river-sandal"]
    turn = conversation(user_turn("凉鞋或者拖鞋，按价格从低到高", "product_search"),
                        user_turn("第一双有没有42码的棕色", "product_question"),
                        user_turn("这两款哪个更轻", intent),
                        slots={"product": "Cork Footbed Slide"}, shown=[shown])
    text = " ".join(jimi.respond(turn, _shopper(synced_platform, "zh")).texts)
    weights = [synced_platform.knowledge.product(p).attributes.get("weight_g") for p in shown]
    assert any(str(w) in text for w in weights if w), text


def test_the_same_value_is_no_difference(synced_platform: Platform) -> None:
    from agents.jimi.which import difference

    trainer = synced_platform.knowledge.product("fw-road-racer")
    assert trainer is not None
    assert difference(trainer, trainer, "weight_g", "en") == (
        f"The {trainer.name_en} and the {trainer.name_en} are the same: 220 g.")


def test_the_order_a_product_names_is_cancelled_not_the_other_one(
        jimi: Jimi, synced_platform: Platform) -> None:
    accounts, knowledge = synced_platform.knowledge.accounts, synced_platform.knowledge
    for profile in accounts.profiles():
        open_ = [o for o in accounts.orders_of(profile.id) if o.state in ("paid", "delayed")]
        if len(open_) >= 2:
            break
    else:
        raise AssertionError("no shopper with two open orders in the demo catalogue")
    wanted, other = open_[0], open_[1]
    product = knowledge.product(wanted.lines[0].product_id)
    assert product is not None
    noun = [w for w in product.name_en.lower().split() if w.isalpha() and len(w) >= 4][-1]
    turn = conversation(user_turn("where are my orders", "order_status"),
                        user_turn(f"cancel the {noun} order pls, keep the other one",
                                  "cancel_order"),
                        slots={"order_id": wanted.id},
                        bot=[f"Order {other.id} is delayed.", f"Order {wanted.id} is paid."])
    reply = jimi.respond(turn, Shopper(profile, "en"))
    assert reply.requests == [(wanted.id, "cancel")]


def test_a_complaint_about_a_late_order_says_why_it_is_late(jimi: Jimi,
                                                            synced_platform: Platform) -> None:
    profile, order_id = _owner_of(synced_platform, "delayed")
    late = [o for o in synced_platform.knowledge.accounts.orders_of(profile.id)
            if o.state == "delayed"]
    assert all(o.delay_reason for o in late) and order_id == late[0].id
    reply = jimi.respond(conversation(user_turn(
        "it was supposed to be here ages ago. worst service i've ever had", "complaint")),
        Shopper(profile, "en"))
    said = " ".join(reply.texts)
    assert all(f"{o.id} is delayed ({o.delay_reason})" in said for o in late[:3])
    assert said.count("$10 voucher") == said.count("escalated") == min(3, len(late))
    assert reply.texts[0].startswith("I'm really sorry")
