"""JIMI's searches and answers as shoppers put them: several asks in one message, kinds and
uses in a word (登山靴), needs ("insulated", "for adults", "电磁炉能用"), a budget carried on or
corrected, references among those shown (the taller one, the cheapest in stock, "柠檬那款").
Expectations come from the demo catalogue's facts."""

from __future__ import annotations

import pytest

from agents.jimi import Jimi, Shopper, policy
from agents.jimi.asked import attributes_asked
from agents.jimi.faq_talk import OFFER_PERSON
from agents.jimi.phrases import OUT_OF_SCOPE
from agents.jimi.search_terms import count_asked, needs_in
from agents.jimi.wording import colour_name
from kg.facts import ProductFacts
from kg.kinds import kind_of, lineage
from kg.schema import ProfileRow
from tests.testing import conversation, user_turn
from ui.platform import Platform


@pytest.fixture(scope="module")
def jimi(synced_platform: Platform) -> Jimi:
    return Jimi(synced_platform.knowledge)


def _profiles(platform: Platform) -> list[ProfileRow]:
    return list(platform.knowledge.accounts.profiles())


def _of_kind(platform: Platform, kind: str) -> list[ProductFacts]:
    return [p for p in platform.knowledge.graph.products()
            if kind in lineage(kind_of(p.name_en, p.name_zh) or "")]


# -- one message, several asks -------------------------------------------------------------

def test_anything_with_a_content_in_it_is_a_new_search_not_about_the_one_shown(
        jimi: Jimi, synced_platform: Platform) -> None:
    drinks = [p for p in synced_platform.knowledge.graph.products() if "caffeine_mg" in p.attributes]
    wanted = [p for p in drinks if p.attributes.get("sugar_free") is True
              and float(p.attributes.get("caffeine_mg", 0) or 0) > 0]  # type: ignore[arg-type]
    sugary = next(p for p in drinks if p.attributes.get("sugar_free") is False
                  and float(p.attributes.get("caffeine_mg", 0) or 0) > 0)  # type: ignore[arg-type]
    reply = jimi.respond(conversation(
        user_turn("which drink has the most caffeine", "product_search"),
        user_turn("anything sugar free that still has caffeine in it?", "product_search"),
        shown=[[sugary.id]], slots={"product": sugary.name_en}),
        Shopper(_profiles(synced_platform)[0], "en"))
    assert wanted and set(reply.shown or []) == {p.id for p in wanted}
    assert sugary.name_en not in " ".join(reply.texts)


@pytest.mark.parametrize(("text", "keys"), [
    ("is it waterproof? which colours", ["waterproof", "colour"]),
    ("the earbuds - are they sweatproof? how many hrs per charge",
     ["waterproof", "battery_life_h"]),
    ("cute. and is the bunny night light any good? how long does it stay lit",
     ["battery_life_h"]),
    ("is it light enough for hiking", ["weight_g"]),
])
def test_every_ask_in_a_message_is_read(text: str, keys: list[str]) -> None:
    assert attributes_asked(text, None) == keys


def test_a_list_then_it_and_which_colours_is_about_the_first_not_a_pick(
        jimi: Jimi, synced_platform: Platform) -> None:
    packs = [p for p in _of_kind(synced_platform, "backpacks") if "waterproof" in p.attributes]
    first = next(p for p in packs if p.attributes["waterproof"] is True)
    reply = jimi.respond(conversation(
        user_turn("biggest backpack under 100?", "product_search"),
        user_turn("is it waterproof? which colours", "product_question"),
        shown=[[first.id, *(p.id for p in packs if p is not first)]],
        slots={"product": first.name_en}), Shopper(_profiles(synced_platform)[0], "en"))
    said = " ".join(reply.texts)
    assert f"the {first.name_en} is waterproof" in said
    assert all(c in said for c in first.attributes["colour"])  # type: ignore[union-attr]


# -- kinds, uses and needs in a search -----------------------------------------------------

def test_a_chinese_kind_word_holding_a_use_searches_for_that_use(
        jimi: Jimi, synced_platform: Platform) -> None:
    boots = _of_kind(synced_platform, "boots")
    hiking = {p.id for p in boots if "hiking" in p.tags}
    reply = jimi.respond(conversation(user_turn("预算1500块左右，想买双登山靴", "product_search")),
                         Shopper(_profiles(synced_platform)[0], "zh"))
    assert hiking and reply.shown and reply.shown[0] in hiking
    office = [p for p in boots if "hiking" not in p.tags and "outdoor" not in p.tags]
    assert office and not set(reply.shown) & {p.id for p in office}  # a Chelsea boot is no hiker


def test_insulated_narrows_cups_and_bottles_to_those_that_keep_drinks_hot(
        jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("保温的水壶或者杯子，哪个容量最大？",
                                                "product_search")),
                         Shopper(_profiles(synced_platform)[0], "zh"))
    products = [synced_platform.knowledge.product(p) for p in reply.shown or []]
    assert products and all(float(p.attributes.get("keeps_hot_h", 0) or 0) > 0  # type: ignore[arg-type]
                            for p in products)
    capacities = [float(p.attributes["capacity_ml"]) for p in products]  # type: ignore[arg-type]
    assert capacities == sorted(capacities, reverse=True)


def test_one_for_me_after_a_kids_search_leaves_kids_products_and_their_budget(
        jimi: Jimi, synced_platform: Platform) -> None:
    watches = [p for p in _of_kind(synced_platform, "watches") if p.attributes.get("gps")]
    adult = [p for p in watches if "kids" not in p.tags]
    kids = [p for p in watches if "kids" in p.tags]
    assert adult and kids
    reply = jimi.respond(conversation(
        user_turn(f"got any kids smartwatches under {kids[0].price + 1:.0f}?", "product_search"),
        user_turn("ok and one for me? need gps for running", "out_of_scope"),
        shown=[[kids[0].id]], slots={"product": kids[0].name_en}),
        Shopper(_profiles(synced_platform)[0], "en"))
    assert reply.shown and set(reply.shown) <= {p.id for p in adult}
    assert reply.texts[0].startswith("GPS running watches")  # the use named, in the header


def test_all_the_colours_of_the_one_discussed_with_a_size(jimi: Jimi,
                                                          synced_platform: Platform) -> None:
    shoes = [p for p in _of_kind(synced_platform, "running-shoes") if p.values("size")]
    one = shoes[0]
    size = one.values("size")[0]
    reply = jimi.respond(conversation(
        user_turn("想买双跑鞋", "product_search"), user_turn("第一双多重", "product_question"),
        user_turn(f"有{size}码吗？都有什么颜色", "product_question"),
        shown=[[p.id for p in shoes]], slots={"product": one.name_en}),
        Shopper(_profiles(synced_platform)[0], "zh"))
    said = " ".join(reply.texts)
    others = [p for p in shoes if p is not one]
    assert f"{size}码" in said and all(colour_name(c, "zh") in said for c in one.values("colour"))
    assert not any(p.name_zh and p.name_zh in said for p in others)


@pytest.mark.parametrize(("language", "text"), [
    ("zh", "能帮我做一下这道题吗：长方形长8厘米宽5厘米，面积是多少"),
    ("en", "can you help with my maths homework, what is 12 x 7 = ?"),
])
def test_homework_is_declined_without_products(jimi: Jimi, synced_platform: Platform,
                                               language: str, text: str) -> None:
    reply = jimi.respond(conversation(user_turn(text, "product_question")),
                         Shopper(_profiles(synced_platform)[0], language))
    assert reply.texts == [OUT_OF_SCOPE[language]] and not reply.shown


@pytest.mark.parametrize(("language", "text"), [
    ("zh", "要我自己拿去快递点寄吗"), ("en", "do I have to drop it off myself?"),
])
def test_how_a_started_return_goes_back_is_the_faqs_how_to(
        jimi: Jimi, synced_platform: Platform, language: str, text: str) -> None:
    started = ("已为您发起退货申请。" if language == "zh" else "I've started the return for you.")
    reply = jimi.respond(conversation(user_turn("return it", "get_refund"),
                                      user_turn(text, "delivery_options"),
                                      bot=[started, OFFER_PERSON[language]]),  # not the last
                         Shopper(_profiles(synced_platform)[0], language))
    said = " ".join(reply.texts)
    assert ("快递网点" in said and "上门取件" in said) if language == "zh" else (
        "carrier point" in said and "pickup" in said)


@pytest.mark.parametrize(("text", "needs"), [
    ("多少钱？换成人民币大概多少", []),  # 换成人民币 holds 成人 and says nothing of adults
    ("那个是小孩用的吧，有没有大人跑步戴的", [("kids", False)]),
    ("ok and one for me? need gps for running", [("kids", False)]),
    ("保温的水壶或者杯子", [("keeps_hot_h", True)]),
    ("保温多久", []),  # a product's hours, asked
])
def test_needs_read_from_the_words(text: str, needs: list[tuple[str, bool]]) -> None:
    assert needs_in(text) == needs


@pytest.mark.parametrize(("text", "count"), [
    ("show me the 3 most expensive things in your outdoor section", 3),
    ("top two headphones by battery", 2), ("最便宜的前三款耳机", 3), ("the cheapest kettle", None),
])
def test_how_many_an_ordering_asks_for(text: str, count: int | None) -> None:
    assert count_asked(text) == count


def test_an_ordinal_question_naming_a_kind_is_about_the_one_listed(
        jimi: Jimi, synced_platform: Platform) -> None:
    packs = _of_kind(synced_platform, "backpacks")
    fits = next(p for p in packs if p.attributes.get("hydration_compatible") is True)
    shown = [next(p for p in packs if p is not fits), fits]
    reply = jimi.respond(conversation(
        user_turn("show me the 3 most expensive backpacks", "product_search"),
        user_turn("does the second one fit a water bladder?", "product_question"),
        shown=[[p.id for p in shown]], slots={"product": shown[0].name_en}),
        Shopper(_profiles(synced_platform)[0], "en"))
    assert fits.name_en in reply.texts[0] and "hydration" in reply.texts[0]
    assert not reply.shown  # no search for water


def test_cans_in_a_pack_and_hows_much_ask_the_drink_discussed(
        jimi: Jimi, synced_platform: Platform) -> None:
    drink = next(p for p in synced_platform.knowledge.graph.products()
                 if "pack_count" in p.attributes and "caffeine_mg" in p.attributes)
    reply = jimi.respond(conversation(
        user_turn("anything sugar free that still has a decent kick?", "product_search"),
        user_turn("how many cans in a pack and hows much", "product_question"),
        shown=[[drink.id]], slots={"product": drink.name_en}),
        Shopper(_profiles(synced_platform)[0], "en"))
    said = " ".join(reply.texts)
    assert f"pack of {drink.attributes['pack_count']}" in said and f"{drink.price:.2f}" in said
    assert needs_in("anything sugar free that still has a decent kick?") == [("caffeine_mg", True)]


def test_kinds_named_before_a_full_stop_are_all_searched_and_which_keeps_to_its_kind(
        jimi: Jimi, synced_platform: Platform) -> None:
    candles = [p for p in _of_kind(synced_platform, "candles") if "burn_time_h" in p.attributes]
    vases = _of_kind(synced_platform, "vases")
    shopper = Shopper(_profiles(synced_platform)[0], "en")
    first = jimi.respond(conversation(user_turn(
        "she is obsessed with candles and vases. Max 60 dollars please", "product_search")),
        shopper)
    kinds = {k for p in first.shown or [] for k in lineage(kind_of(
        synced_platform.knowledge.product(p).name_en) or "")}
    assert {"candles", "vases"} <= kinds
    reply = jimi.respond(conversation(
        user_turn("she is obsessed with candles and vases", "product_search"),
        user_turn("which candle burns longer?", "compare_products"),
        shown=[[*(p.id for p in candles), vases[0].id]], slots={"product": candles[0].name_en}),
        shopper)
    longest = max(candles, key=lambda p: float(p.attributes["burn_time_h"]))  # type: ignore[arg-type]
    assert reply.texts[0].startswith(f"The {longest.name_en} burns longer")
    assert vases[0].name_en not in reply.texts[0]


def test_a_short_carry_on_after_a_policy_asks_the_same_policy(
        jimi: Jimi, synced_platform: Platform) -> None:
    reply = jimi.respond(conversation(user_turn("电子配件保修多久？我是白金", "product_question"),
                                      user_turn("那电池呢", "inform")),
                         Shopper(_profiles(synced_platform)[0], "zh"))
    assert "电池" in reply.texts[0] and "70%" in reply.texts[0]


def test_a_budget_carried_on_keeps_its_currency(jimi: Jimi, synced_platform: Platform) -> None:
    shoes = _of_kind(synced_platform, "running-shoes")
    rate = synced_platform.knowledge.settings.currency_rates["CNY"]
    reply = jimi.respond(conversation(
        user_turn("想买双跑鞋，500人民币以内有吗", "product_search"),
        user_turn("那800以内呢", "product_search")), Shopper(_profiles(synced_platform)[0], "zh"))
    assert f"{800 * rate:.2f}美元" in reply.texts[0]
    assert reply.shown and all(synced_platform.knowledge.product(p).price <= 800 * rate
                               for p in reply.shown)
    assert any(p.price > 800 * rate for p in shoes)  # the budget did narrow it


def test_the_taller_one_and_a_name_part_before_the_pointer(jimi: Jimi,
                                                           synced_platform: Platform) -> None:
    vases = [p for p in _of_kind(synced_platform, "vases") if "height_cm" in p.attributes]
    tallest = max(vases, key=lambda p: float(p.attributes["height_cm"]))  # type: ignore[arg-type]
    shopper = Shopper(_profiles(synced_platform)[0], "zh")
    reply = jimi.respond(conversation(
        user_turn("花瓶有哪些", "product_search"), user_turn("高一点的那个多高", "out_of_scope"),
        shown=[[p.id for p in vases]], slots={"product": vases[0].name_en}), shopper)
    assert tallest.name_zh and tallest.name_zh in reply.texts[0]
    assert f"{tallest.attributes['height_cm']}厘米" in reply.texts[0]
    lemon = next(p for p in synced_platform.knowledge.graph.products()
                 if p.name_zh and p.name_zh.startswith("零糖柠檬"))
    other = next(p for p in synced_platform.knowledge.graph.products()
                 if "pack_count" in p.attributes and p is not lemon)
    reply = jimi.respond(conversation(
        user_turn("无糖的饮料有哪些", "product_search"),
        user_turn("柠檬那款一箱几罐？多少钱，有货没", "product_question"),
        shown=[[other.id, lemon.id]], slots={"product": other.name_en}), shopper)
    said = "".join(reply.texts)
    assert lemon.name_zh in said and other.name_zh not in said  # type: ignore[operator]
    assert said.count(f"{lemon.price:.2f}") == 1  # the price once, with the stock


def test_induction_and_dishwasher_needs_narrow_pans(jimi: Jimi, synced_platform: Platform) -> None:
    pans = _of_kind(synced_platform, "pans")
    both = {p.id for p in pans if p.attributes.get("induction_compatible") is True
            and p.attributes.get("dishwasher_safe") is True}
    reply = jimi.respond(conversation(user_turn("想买个煎锅，要电磁炉能用、还能进洗碗机的",
                                                "product_search")),
                         Shopper(_profiles(synced_platform)[0], "zh"))
    assert both and set(reply.shown or []) == both


def test_the_bigger_the_better_orders_by_capacity(jimi: Jimi, synced_platform: Platform) -> None:
    banks = [p for p in _of_kind(synced_platform, "power-banks") if "battery_mah" in p.attributes]
    biggest = max(banks, key=lambda p: float(p.attributes["battery_mah"]))  # type: ignore[arg-type]
    reply = jimi.respond(conversation(user_turn("想买个充电宝，容量越大越好", "product_search")),
                         Shopper(_profiles(synced_platform)[0], "zh"))
    assert reply.shown and reply.shown[0] == biggest.id


def test_the_cheapest_for_adults_among_those_shown(jimi: Jimi, synced_platform: Platform) -> None:
    hoodies = _of_kind(synced_platform, "hoodies")
    adult = min((p for p in hoodies if "kids" not in p.tags), key=lambda p: p.price)
    assert any("kids" in p.tags and p.price < adult.price for p in hoodies)
    reply = jimi.respond(conversation(
        user_turn("有啥卫衣推荐的", "product_search"),
        user_turn("大人穿的，最便宜那件有什么颜色", "product_question"),
        shown=[[p.id for p in hoodies]], slots={"product": hoodies[0].name_en}),
        Shopper(_profiles(synced_platform)[0], "zh"))
    said = "".join(reply.texts)
    assert adult.name_zh and adult.name_zh in said and f"{adult.price:.2f}" in said
    assert all(colour_name(c, "zh") in said for c in adult.values("colour"))


def test_an_exchange_question_gets_the_shoppers_own_window(jimi: Jimi,
                                                           synced_platform: Platform) -> None:
    profile = next(p for p in _profiles(synced_platform) if p.membership == "gold")
    reply = jimi.respond(conversation(user_turn("换颜色呢？要运费吗，多久内能换", "delivery_options")),
                         Shopper(profile, "zh"))
    said = "".join(reply.texts)
    assert f"{policy.terms(profile).return_days}天" in said and "换货" in said


def test_keeping_coffee_hot_asks_for_a_flask_and_a_corrected_budget_replaces_the_first(
        jimi: Jimi, synced_platform: Platform) -> None:
    rate = synced_platform.knowledge.settings.currency_rates["EUR"]
    shopper = Shopper(_profiles(synced_platform)[0], "en")
    first = jimi.respond(conversation(user_turn(
        "something to keep my coffee hot on hikes, under 40 euros?", "product_search")), shopper)
    products = [synced_platform.knowledge.product(p) for p in first.shown or []]
    assert products and all(float(p.attributes.get("keeps_hot_h", 0) or 0) > 0  # type: ignore[arg-type]
                            for p in products)
    again = jimi.respond(conversation(
        user_turn("something to keep my coffee hot on hikes, under 25 euros?", "product_search"),
        user_turn("oops no, I meant 40 euros not 25", "product_search")), shopper)
    assert f"40 EUR is about {40 * rate:.2f} USD" in again.texts[0]
    assert set(again.shown or []) == {p.id for p in products}


def test_an_answer_about_a_product_out_of_stock_says_so(jimi: Jimi,
                                                         synced_platform: Platform) -> None:
    gone = next(p for p in synced_platform.knowledge.graph.products()
                if not p.in_stock and "battery_life_h" in p.attributes)
    reply = jimi.respond(conversation(user_turn(
        f"how long does the battery of the {gone.name_en} last?", "product_question",
        product=gone.name_en)), Shopper(_profiles(synced_platform)[0], "en"))
    assert f"{gone.attributes['battery_life_h']} h" in reply.texts[0]
    assert reply.texts[-1] == f"Note that the {gone.name_en} is out of stock right now."


def test_the_cheapest_of_those_in_stock(jimi: Jimi, synced_platform: Platform) -> None:
    shoes = _of_kind(synced_platform, "running-shoes")
    stocked = [p for p in shoes if p.in_stock]
    cheapest = min(stocked, key=lambda p: p.price)
    assert min(shoes, key=lambda p: p.price) is not cheapest  # the cheapest of all is out
    reply = jimi.respond(conversation(
        user_turn("500元以内的跑鞋有吗", "product_search"),
        user_turn("有货的里面最便宜的多少钱", "product_question"),
        shown=[[p.id for p in shoes]]), Shopper(_profiles(synced_platform)[0], "zh"))
    said = "".join(reply.texts)
    assert cheapest.name_zh and cheapest.name_zh in said and said.count(f"{cheapest.price:.2f}") == 1


def test_a_use_named_with_a_kind_keeps_to_the_products_for_it(
        jimi: Jimi, synced_platform: Platform) -> None:
    boots = _of_kind(synced_platform, "boots")
    hiking = [p for p in boots if "hiking" in p.tags]
    assert hiking and len(hiking) < len(boots)
    budget = min(p.price for p in hiking) - 1
    reply = jimi.respond(conversation(user_turn(f"hiking boots under {budget:.0f}?",
                                                "product_search")),
                         Shopper(_profiles(synced_platform)[0], "en"))
    assert reply.texts[0].startswith(f"I couldn't find any hiking boots under {budget:g}")
    assert reply.shown and set(reply.shown) <= {p.id for p in hiking}


def test_a_kids_objection_with_a_new_budget_searches_again_without_kids(
        jimi: Jimi, synced_platform: Platform) -> None:
    phones = _of_kind(synced_platform, "headphones")
    kids = [p for p in phones if "kids" in p.tags]
    assert kids
    reply = jimi.respond(conversation(
        user_turn("有没有300块以内的耳机", "product_search"),
        user_turn("这个是儿童的啊…那预算加到700呢", "inform"),
        shown=[[kids[0].id]], slots={"product": kids[0].name_en}),
        Shopper(_profiles(synced_platform)[0], "zh"))
    assert reply.shown and not {p.id for p in kids} & set(reply.shown)
    assert all(synced_platform.knowledge.product(p).price <= 700 * 0.14 for p in reply.shown), \
        reply.texts
