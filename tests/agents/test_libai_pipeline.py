"""Li Bai end to end: every kind, tone and language over demo products (and Saleor's, when the
shared data is there), variety, determinism and clear errors."""

from __future__ import annotations

import re

import pytest

from agents.libai import KINDS, LANGUAGES, TONES, CopyRequest, CopyWriter
from agents.libai.catalogue import demo_products, saleor_products
from agents.libai.compliance import compliance_problems
from agents.libai.factcheck import Evidence, FactChecker
from agents.libai.guards import bigrams
from agents.libai.kinds import limit
from shopmind.errors import InvalidInput, NotFound
from shopmind.settings import Settings

SAMPLE = ("ap-packable-rain-jacket", "ea-quiet-anc-headphones", "dr-lemon-soda-zero")


@pytest.fixture(scope="module")
def writer() -> CopyWriter:
    return CopyWriter(demo_products())


def _assert_clean(writer: CopyWriter, product_id: str, texts: list[str], kind: str,
                  language: str) -> None:
    checker = FactChecker(Evidence.of(writer.product(product_id)))
    for text in texts:
        assert limit(kind, language).holds(text), (kind, language, text)  # type: ignore[arg-type]
        assert not compliance_problems(text, language), text
        assert checker.check(text, language).ok, text


@pytest.mark.parametrize("product_id", SAMPLE)
def test_every_kind_tone_and_language_is_grounded_compliant_and_fits(
        writer: CopyWriter, product_id: str) -> None:
    for kind in KINDS:
        for tone in TONES:
            for language in LANGUAGES:
                result = writer.write(CopyRequest(product_id, kind, tone, language, n=3))
                assert len(result.texts) == 3, (kind, tone, language, result.notes)
                assert len(set(result.texts)) == 3
                _assert_clean(writer, product_id, result.texts, kind, language)


def test_twenty_variants_read_differently_and_cover_the_key_attributes(
        writer: CopyWriter) -> None:
    product = writer.product("ap-packable-rain-jacket")
    checker = FactChecker(Evidence.of(product))
    for language, floor in (("en", 0.5), ("zh", 0.42)):
        texts = writer.write(CopyRequest(product.id, "copy", "professional", language, 20)).texts
        grams = [g for text in texts for g in bigrams(text, language)]
        assert len(texts) == 20 and len(set(grams)) / len(grams) >= floor
        mentioned = set().union(*(checker.check(t, language).grounded for t in texts))
        keys = set(product.attributes) - {"size"}
        assert len(keys & mentioned) / len(keys) >= 0.8, keys - mentioned


def test_same_request_same_texts_another_seed_other_texts(writer: CopyWriter) -> None:
    request = CopyRequest("fw-trail-runner", "headline", "playful", "en", n=4)
    assert writer.write(request).texts == writer.write(request).texts
    other = CopyRequest("fw-trail-runner", "headline", "playful", "en", n=4, seed=1)
    assert writer.write(other).texts != writer.write(request).texts


def test_english_agreement_for_plural_products(writer: CopyWriter) -> None:
    texts = writer.write(CopyRequest("ea-quiet-anc-headphones", "copy", n=10)).texts
    joined = " ".join(texts)
    assert not re.search(r"\bIt (?:is|has|keeps)\b", joined), joined
    assert re.search(r"\b(?:They|they|these headphones) (?:are|have|tune|hush|run|last|go)\b",
                     joined)


def test_chinese_uses_measure_words_and_full_width_punctuation(writer: CopyWriter) -> None:
    texts = writer.write(CopyRequest("fw-trail-runner", "copy", language="zh", n=10)).texts
    assert any("双" in text for text in texts)
    for text in texts:
        assert text.endswith(("。", "！", "～")) and not re.search(r"[\u4e00-\u9fff][,.!?]", text)


def test_campaign_shows_in_headlines_in_both_languages(writer: CopyWriter) -> None:
    en = writer.write(CopyRequest("ap-trail-cap", "headline", language="en", n=8,
                                  campaign="summer sale")).texts
    zh = writer.write(CopyRequest("ap-trail-cap", "headline", language="zh", n=8,
                                  campaign="summer sale")).texts
    assert any("Summer Sale" in text for text in en)
    assert any("夏日大促" in text for text in zh)


def test_a_sale_is_only_claimed_when_there_is_one(writer: CopyWriter) -> None:
    plain = writer.write(CopyRequest("kt-stoneware-mug", "copy", "urgent", "en", n=10)).texts
    assert not any(re.search(r"\bsale\b", t, re.IGNORECASE) for t in plain)


@pytest.mark.parametrize(("request_", "error", "message"), [
    (CopyRequest("no-such-product"), NotFound, "unknown product 'no-such-product'"),
    (CopyRequest("fw-trail-runner", kind="poem"), InvalidInput, "unknown kind 'poem'"),  # type: ignore[arg-type]
    (CopyRequest("fw-trail-runner", language="fr"), InvalidInput, "unknown language 'fr'"),  # type: ignore[arg-type]
    (CopyRequest("fw-trail-runner", tone="sarcastic"), InvalidInput, "unknown tone"),  # type: ignore[arg-type]
    (CopyRequest("fw-trail-runner", n=0), InvalidInput, "n must be between"),
    (CopyRequest("fw-trail-runner", campaign="best deals ever"), InvalidInput, "not compliant"),
])
def test_clear_errors(writer: CopyWriter, request_: CopyRequest, error: type[Exception],
                      message: str) -> None:
    with pytest.raises(error, match=message):
        writer.write(request_)


def test_saleor_products_get_clean_copy_in_every_kind() -> None:
    shared = Settings(_env_file=None).shared_data  # type: ignore[call-arg]
    if not (shared / "catalog/saleor/populatedb_data.json").is_file():
        pytest.skip(f"Saleor fixture not found under {shared} (set SHOPMIND_SHARED_DATA)")
    products = saleor_products(shared)
    assert len(products) == 32
    writer = CopyWriter(products)
    for product in products[::3]:
        for kind in KINDS:
            for language in LANGUAGES:
                result = writer.write(CopyRequest(product.id, kind, "professional", language, 2))
                assert result.texts, (product.id, kind, language, result.rejected[:2])
                _assert_clean(writer, product.id, result.texts, kind, language)
