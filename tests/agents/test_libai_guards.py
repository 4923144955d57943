"""Li Bai's guards: fact check, compliance (PRC Advertising Law article 9(3) and English
absolutes), length limits per kind and language, near-duplicates."""

from __future__ import annotations

import pytest

from agents.libai.catalogue import demo_products
from agents.libai.compliance import compliance_problems
from agents.libai.factcheck import Evidence, FactChecker
from agents.libai.guards import Guard, is_near_duplicate, signature
from agents.libai.kinds import limit
from kg.facts import ProductFacts


@pytest.fixture(scope="module")
def products() -> dict[str, ProductFacts]:
    return {p.id: p for p in demo_products()}


def _check(products: dict[str, ProductFacts], product_id: str, text: str, language: str = "en"
           ) -> tuple[str, ...]:
    return FactChecker(Evidence.of(products[product_id])).check(text, language).problems


@pytest.mark.parametrize(("product_id", "text", "language"), [
    ("fw-trail-runner", "Made of full-grain leather for the trail.", "en"),   # wrong material
    ("fw-trail-runner", "采用真皮打造。", "zh"),
    ("kt-stoneware-mug", "A waterproof mug for rainy days.", "en"),            # invented feature
    ("kt-stoneware-mug", "防水杯子，雨天也能用。", "zh"),
    ("kt-enamel-camp-mug", "It is dishwasher-safe.", "en"),                      # false in facts
    ("ea-quiet-anc-headphones", "Runs for 20 hours on a charge.", "en"),        # wrong number
    ("ap-packable-rain-jacket", "Holds 290 ml.", "en"),                         # wrong unit
    ("ap-merino-base-tee", "Comes in bright pink.", "en"),                      # wrong colour
    ("ea-kids-headphones", "Works with the iPhone 16.", "en"),                  # invented model
    ("dr-voltage-energy", "零糖配方。", "zh"),                                    # sugar_free false
    ("dr-voltage-energy", "It is caffeine-free.", "en"),                        # 160 mg caffeine
    ("hm-oak-desk-lamp", "Fast charging and 100% bright.", "en"),
])
def test_unsupported_claims_are_rejected(products: dict[str, ProductFacts], product_id: str,
                                         text: str, language: str) -> None:
    assert _check(products, product_id, text, language)


@pytest.mark.parametrize(("product_id", "text", "language"), [
    ("kt-glass-kettle", "It holds 1.7 L and runs on 2,200 W.", "en"),          # unit conversion
    ("ea-pulse-smartwatch", "It lasts 7 days between charges.", "en"),         # 168 h
    ("kt-cast-iron-skillet", "Cast iron, 2.6 kg, pre-seasoned and oven-safe.", "en"),
    ("ea-solar-power-bank", "10,000 mAh, about 2 full phone charges.", "en"),
    ("ea-solar-power-bank", "10000毫安时，约可为手机充满2次。", "zh"),
    ("ap-packable-rain-jacket", "The Packable Rain Jacket keeps you dry in the rain.", "en"),
    ("fw-snow-boot", "Comfortable down to -25°C.", "en"),
    ("dr-sparkling-water-24", "不含咖啡因，细密气泡。", "zh"),
    ("ap-merino-base-tee", "美利奴羊毛打造，藏青色、黑色、灰色可选。", "zh"),
])
def test_supported_claims_pass(products: dict[str, ProductFacts], product_id: str, text: str,
                               language: str) -> None:
    assert not _check(products, product_id, text, language)


def test_fact_check_reports_what_a_text_grounds_in(products: dict[str, ProductFacts]) -> None:
    checker = FactChecker(Evidence.of(products["ap-packable-rain-jacket"]))
    report = checker.check("Nylon ripstop, 290 g, taped seams and a downpour is no drama.", "en")
    assert report.ok
    assert {"material", "weight_g", "taped_seams", "waterproof"} <= report.grounded


def test_campaign_words_count_as_facts(products: dict[str, ProductFacts]) -> None:
    tee = products["ap-merino-base-tee"]
    assert FactChecker(Evidence.of(tee)).check("On sale now.", "en").problems
    assert FactChecker(Evidence.of(tee, "summer sale")).check("On sale now.", "en").ok


@pytest.mark.parametrize(("text", "language", "banned"), [
    ("最佳的跑鞋", "zh", True), ("国家级品质", "zh", True), ("销量第一", "zh", True),
    ("最高级面料", "zh", True), ("最受欢迎的款式", "zh", True), ("顶级做工", "zh", True),
    ("最近很火", "zh", False), ("第一次穿就爱上", "zh", False), ("最后一步", "zh", False),
    ("零糖配方", "zh", False), ("The best shoe ever", "en", True), ("Our #1 pick", "en", True),
    ("Guaranteed to last", "en", True), ("The most comfortable tee", "en", True),
    ("100% waterproof", "en", True), ("sugar-free and BPA-free", "en", False),
    ("Make the trail yours", "en", False), ("这双鞋best", "zh", True),
])
def test_compliance(text: str, language: str, banned: bool) -> None:
    assert bool(compliance_problems(text, language)) is banned


def test_length_limits_per_kind_and_language(products: dict[str, ProductFacts]) -> None:
    assert (limit("copy", "zh").low, limit("copy", "zh").high) == (50, 90)
    assert limit("title", "zh").high == 20
    guard = Guard(Evidence.of(products["fw-trail-runner"]), "title", "zh")
    assert guard.review("防水越野跑鞋 6毫米跟差").ok
    problems = guard.review("防水越野跑鞋 6毫米跟差 齿纹橡胶大底 3色可选").problems
    assert problems and "length" in problems[0]


def test_near_duplicates() -> None:
    a = signature("It keeps you dry when the rain sets in and weighs just 290 g.", "en")
    b = signature("It keeps you dry when the rain comes down and weighs just 290 g.", "en")
    c = signature("Meet the jacket made for weekend hikes, packable and light.", "en")
    assert is_near_duplicate(b, [a]) and not is_near_duplicate(c, [a])
