"""Li Bai's grammar: English agreement and articles, Chinese measure words and punctuation,
selling points and their ranking, and every phrase in the banks against the guards."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest

from agents.libai import chinese, english, phrases_en, phrases_zh
from agents.libai.catalogue import demo_products
from agents.libai.compliance import compliance_problems
from agents.libai.compose import vary
from agents.libai.factcheck import Evidence, FactChecker
from agents.libai.nouns import Subject, short_name
from agents.libai.points import SellingPoints, phone_charges
from kg.facts import ProductFacts

CHOICE = re.compile(r"\[([^\[\]]*)\]")
SLOT = re.compile(r"\{[A-Za-z_0-9]+\}")


@pytest.fixture(scope="module")
def products() -> dict[str, ProductFacts]:
    return {p.id: p for p in demo_products()}


@pytest.mark.parametrize(("phrase", "expected"), [
    ("apple", "an"), ("LED indicator", "an"), ("USB-C port", "a"), ("8 mm drop", "an"),
    ("18 cm height", "an"), ("10,000 mAh battery", "a"), ("hour", "an"), ("one-size cap", "a"),
    ("useful tool", "a"), ("SOS button", "an"), ("GPS watch", "a"), ("11 kg pack", "an"),
])
def test_articles(phrase: str, expected: str) -> None:
    assert english.article(phrase) == expected


def test_agreement_markers_follow_the_products_number() -> None:
    phrase = "{It} keep{s} you dry; {it} {is} light and {has} {its} own pocket"
    assert english.agree(phrase, plural=False) == (
        "It keeps you dry; it is light and has its own pocket")
    assert english.agree(phrase, plural=True) == (
        "They keep you dry; they are light and have their own pocket")
    assert english.agree("dr{y} fast", True) == "dry fast"
    assert english.agree("dr{y} fast", False) == "dries fast"


def test_english_lists_and_tidying() -> None:
    assert english.join(["a", "b", "c"]) == "a, b and c"
    assert english.tidy("it also is  light. then it works") == "It is also light. Then it works"
    assert english.number(10000) == "10,000" and english.number(1.5) == "1.5"


def test_chinese_punctuation_and_lists() -> None:
    assert chinese.tidy("防水设计, 雨天也干爽!") == "防水设计，雨天也干爽！"
    assert chinese.tidy("好用 #防水 #徒步") == "好用 #防水 #徒步"
    assert chinese.sentence("仅重290克，") == "仅重290克。"
    assert chinese.join(["黑色", "白色", "灰色"]) == "黑色、白色和灰色"


@pytest.mark.parametrize(("product_id", "noun_en", "plural", "noun_zh", "measure"), [
    ("fw-trail-runner", "shoe", False, "跑鞋", "双"), ("ap-merino-base-tee", "tee", False, "T恤", "件"),
    ("ea-quiet-anc-headphones", "headphones", True, "耳机", "副"),
    ("hm-oak-desk-lamp", "lamp", False, "灯", "盏"), ("kt-gooseneck-kettle", "kettle", False,
                                                      "水壶", "把"),
    ("hm-memory-foam-seat", "seat cushion", False, "坐垫", "个"),
    ("ap-trail-cap", "cap", False, "帽子", "顶"),
])
def test_subject_nouns_and_measure_words(products: dict[str, ProductFacts], product_id: str,
                                         noun_en: str, plural: bool, noun_zh: str,
                                         measure: str) -> None:
    subject = Subject.of(products[product_id])
    assert (subject.noun_en, subject.plural, subject.noun_zh, subject.measure) == (
        noun_en, plural, noun_zh, measure)


def test_short_names_drop_pack_sizes() -> None:
    assert short_name("Nitro Cold Brew Coffee (12 × 250 ml)") == "Nitro Cold Brew Coffee"
    assert short_name("Stoneware Coffee Mug 350 ml") == "Stoneware Coffee Mug"
    assert short_name("粗陶咖啡杯350毫升") == "粗陶咖啡杯"
    assert short_name("Summit 25 L Daypack") == "Summit 25 L Daypack"


def test_attributes_become_benefits(products: dict[str, ProductFacts]) -> None:
    ranker = SellingPoints(products.values())
    jacket = {p.attribute: p for p in ranker.of(products["ap-packable-rain-jacket"])}
    assert any("dry" in vp and "rain" in vp for vp in jacket["waterproof"].en_vps)
    assert any("雨" in clause for clause in jacket["waterproof"].zh_clauses)
    bank = {p.attribute: p for p in ranker.of(products["ea-solar-power-bank"])}
    assert phone_charges(10_000) == 2
    assert any("10,000 mAh" in vp and "2 full phone charges" in vp
               for vp in bank["battery_mah"].en_vps)
    assert any("充满2次" in clause for clause in bank["battery_mah"].zh_clauses)


def test_ranking_follows_category_siblings_tags_and_campaign(
        products: dict[str, ProductFacts]) -> None:
    ranker = SellingPoints(products.values())
    power_bank = ranker.of(products["ea-power-bank-20k"])
    assert power_bank[0].attribute == "battery_mah"  # what matters for electronics
    boots = [p.attribute for p in ranker.of(products["fw-alpine-hiker"])]
    assert boots.index("waterproof") < boots.index("material")
    plain = {p.attribute: p.score for p in ranker.of(products["ap-trail-cap"])}
    summer = {p.attribute: p.score for p in ranker.of(products["ap-trail-cap"], "summer sale")}
    assert summer["upf_rating"] > plain["upf_rating"]
    assert summer["colour"] == plain["colour"]
    boots = products["fw-snow-boot"]
    rainy = {p.attribute: p.score for p in ranker.of(boots, concepts=["rainy-days"])}
    dry = {p.attribute: p.score for p in ranker.of(boots)}
    assert rainy["waterproof"] > dry["waterproof"]


def _expansions(phrase: str) -> list[str]:
    """Every ``[a|b]`` choice taken at least once (option k of every group, k = 0, 1, ...)."""
    groups = [g.split("|") for g in CHOICE.findall(phrase)]
    widest = max((len(g) for g in groups), default=1)
    out = []
    for k in range(widest):
        picks = iter([g[k % len(g)] for g in groups])

        def take(_match: re.Match[str], options: Iterator[str] = picks) -> str:
            return next(options)

        out.append(CHOICE.sub(take, phrase))
    return out


def _bank_lines(module: object, special: bool = False) -> list[str]:
    """Every line of a bank module; with ``special`` only the sale and low-stock banks."""
    lines: list[str] = []
    for name, value in vars(module).items():
        if not name.isupper() or name.startswith(("SALE_", "STOCK_")) != special:
            continue
        if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            lines += value
        elif isinstance(value, dict):
            for item in value.values():
                lines += list(item) if isinstance(item, tuple) else []
    return lines


def _product(**changes: object) -> ProductFacts:
    data: dict[str, object] = {
        "id": "plain", "name_en": "Plain Thing", "name_zh": "普通好物", "category": "general",
        "brand": "Acme", "price": 10.0, "currency": "USD", "stock": None, "description_en": ""}
    return ProductFacts(**(data | changes))  # type: ignore[arg-type]


@pytest.mark.parametrize(("module", "language"), [(phrases_en, "en"), (phrases_zh, "zh")])
def test_phrase_banks_claim_nothing_and_stay_compliant(module: object, language: str) -> None:
    """Bank lines carry no attribute words or banned terms: facts come only via points."""
    checker = FactChecker(Evidence.of(_product()))
    for line in _bank_lines(module):
        for text in (SLOT.sub(" ", t) for t in _expansions(line)):
            assert not compliance_problems(text, language), text
            assert checker.check(text, language).ok, (text, checker.check(text, language))
    on_sale = FactChecker(Evidence.of(_product(tags=["sale"], stock=5)))
    plain = FactChecker(Evidence.of(_product(stock=500)))
    for line in (SLOT.sub(" ", t) for t in _bank_lines(module, special=True)):
        assert on_sale.check(line, language).ok, line
        assert not plain.check(line, language).ok, f"{line} must need a sale or low stock"


def test_every_points_phrase_passes_its_own_products_fact_check(
        products: dict[str, ProductFacts]) -> None:
    ranker = SellingPoints(products.values())
    for product in products.values():
        checker = FactChecker(Evidence.of(product))
        for point in ranker.of(product):
            english_phrases = [english.agree(p, False) for p in point.en_vps + point.en_nps]
            for phrase, language in itertools.chain(
                    ((p, "en") for p in english_phrases + [point.en_tag]),
                    ((p, "zh") for p in point.zh_clauses + (point.zh_tag,))):
                for text in _expansions(phrase):
                    report = checker.check(text, language)
                    assert report.ok, (product.id, point.attribute, text, report.problems)
                    assert not compliance_problems(text, language), text


def test_inline_choices_are_seeded() -> None:
    import random

    texts = {vary("[a|b|c] and [x|y]", random.Random(seed)) for seed in range(40)}
    assert len(texts) == 6 and vary("[a|b]", None) == "a"
