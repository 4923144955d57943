"""Image translation end to end: OCR on the project's own banners, the translation set in
the original box, banners made again from a manifest, the tool's refusals and the CLI."""

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from typer.testing import CliRunner

from shopmind.errors import InvalidInput
from tests.testing import thread_context
from tools.registry import ToolRegistry
from tools.synth.render import BannerSpec
from tools.translate.corpus import BannerPair, render_pair
from tools.translate.image import translate_image
from tools.translate.locale import format_price
from tools.translate.ocr import blocks, read_text
from tools.translate.texts import TextTranslator
from tools.translate.typeset import alignment, room_for, set_text
from ui.platform import Platform


def _spec(catalog: Path, headline: str, subline: str, language: str, badge: str = "",
          size: tuple[int, int] = (1200, 628)) -> BannerSpec:
    image = catalog / "images" / "kt-stoneware-mug.jpg"
    return BannerSpec("kt-stoneware-mug", image, image.with_name("kt-stoneware-mug.mask.png"),
                      headline, subline, "$24.00", "Shop now" if language == "en" else "立即购买",
                      size[0], size[1], "png", badge, language)


@pytest.fixture(scope="module")
def english(session_data: Path) -> BannerPair:
    return render_pair(_spec(session_data / "catalog", "Summer Sale",
                             "Glazed by hand in small batches", "en", "NEW"))


@pytest.fixture(scope="module")
def chinese(session_data: Path) -> BannerPair:
    return render_pair(_spec(session_data / "catalog", "新品上市", "全场包邮", "zh", "-30%"))


def _read(rgb: np.ndarray) -> str:
    return "".join("".join(line.text.split()) for line in read_text(rgb))


@pytest.mark.parametrize("pair_name", ["english", "chinese"])
def test_ocr_reads_every_line_of_the_projects_banners(pair_name: str,
                                                      request: pytest.FixtureRequest) -> None:
    pair: BannerPair = request.getfixturevalue(pair_name)
    read = _read(pair.with_text)
    for line in pair.lines:
        assert "".join(line.text.split()) in read, (line.text, read)
    bare = _read(pair.without_text)  # the same banner without text: none of it is read
    assert not any("".join(line.text.split()) in bare for line in pair.lines), bare


def test_a_two_line_headline_is_one_block_and_the_price_another(english: BannerPair) -> None:
    found = blocks(read_text(english.with_text))
    texts = [" ".join(line.text for line in block) for block in found]
    headline = [t for t in texts if "Summer" in t]
    assert headline == ["Summer Sale"], texts
    assert any(t == "$24.00" for t in texts), texts


def test_alignment_is_read_from_the_lines_edges() -> None:
    assert alignment([(10, 0, 200, 30), (10, 34, 150, 64)]) == "left"
    assert alignment([(50, 0, 250, 30), (100, 34, 200, 64)]) == "center"
    assert alignment([(50, 0, 250, 30), (120, 34, 250, 64)]) == "right"
    # a single line takes its neighbour's edge
    assert alignment([(300, 100, 420, 130)], [(300, 20, 600, 80)]) == "left"


def test_text_is_set_inside_its_box_in_the_given_colour() -> None:
    canvas = Image.new("RGB", (400, 120), (240, 240, 240))
    placement = set_text(canvas, "Rebajas de verano", (20, 20, 380, 100), 60, (200, 30, 30),
                         "left", "es", 700)
    assert placement.fits and placement.drawn is not None
    x0, y0, x1, y1 = placement.drawn
    assert 20 <= x0 and x1 <= 380 and 20 <= y0 and y1 <= 100
    pixels = np.asarray(canvas)
    red = (pixels[..., 0] > 150) & (pixels[..., 1] < 90)
    assert red.sum() > 200 and not red[:, :18].any()
    tiny = set_text(Image.new("RGB", (40, 12)), "Sommerschlussverkauf", (0, 0, 40, 12), 30,
                    (0, 0, 0), "left", "de")
    assert not tiny.fits and tiny.drawn is None  # reported, never clipped


def test_room_grows_only_where_alignment_allows_and_stops_at_the_product() -> None:
    erased = np.full((100, 400, 3), 230, dtype=np.uint8)
    erased[:, 300:] = 40  # a product to the right
    left = room_for((50, 20, 150, 60), "left", [], erased, "en")
    assert left[0] == 50 and 150 < left[2] <= 300
    right = room_for((150, 20, 250, 60), "right", [], erased, "en")
    assert right[2] == 250 and right[0] < 150


def test_english_banner_in_chinese_replaces_what_translates_and_lists_the_rest(
        english: BannerPair) -> None:
    translator = TextTranslator()
    done = translate_image(english.with_text, "zh", translator, "en")
    headline = translator.translate("Summer Sale", "zh", "en").text
    assert headline and headline in _read(done.image)
    assert "SummerSale" not in _read(done.image) and "Summer" not in _read(done.image)
    assert "Glazed by hand in small batches" in done.untranslated
    assert "Glazedbyhand" in _read(done.image)  # an untranslatable line is left as it was
    assert done.fit_rate() == 1.0
    report = done.report()
    assert report["untranslated"] and all("source" in b for b in report["blocks"])


def test_chinese_banner_in_german(chinese: BannerPair) -> None:
    translator = TextTranslator()
    done = translate_image(chinese.with_text, "de", translator, "zh")
    expected = translator.translate("新品上市", "de", "zh").text
    assert expected
    read = _read(done.image)
    assert "".join(expected.split()) in read and "新品上市" not in read
    replaced = {b.original: b for b in done.blocks}
    assert replaced["新品上市"].replaced and replaced["新品上市"].fits


@pytest.fixture(scope="module")
def registry(synced_platform: Platform) -> ToolRegistry:
    return ToolRegistry.from_entry_points(thread_context(synced_platform.settings,
                                                         synced_platform.knowledge))


def test_tool_translates_one_image_and_writes_its_report(registry: ToolRegistry,
                                                         english: BannerPair,
                                                         tmp_path: Path) -> None:
    source = tmp_path / "supplier.png"
    Image.fromarray(english.with_text).save(source)
    result = registry.call("translate_image", {"image_path": str(source), "target": "fr"})
    out, report = tmp_path / "supplier.fr.png", tmp_path / "supplier.fr.json"
    assert result.files == [out, report] and out.is_file()
    data = json.loads(report.read_text())
    assert data["target"] == "fr" and data["blocks"]
    assert "not translated" in result.text


@pytest.mark.parametrize("arguments, message", [
    ({"target": "es"}, "give image_path or banners_dir"),
    ({"target": "es", "image_path": "a.png", "banners_dir": "b"}, "give image_path or"),
    ({"target": "xx", "image_path": "a.png"}, "target"),
])
def test_bad_requests_are_explained(registry: ToolRegistry, arguments: dict[str, str],
                                    message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        registry.call("translate_image", arguments)


def test_bad_files_are_named(registry: ToolRegistry, tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    with pytest.raises(InvalidInput, match="broken.jpg"):
        registry.call("translate_image", {"image_path": str(broken), "target": "en"})
    with pytest.raises(InvalidInput, match="manifest.json"):
        registry.call("translate_image", {"banners_dir": str(tmp_path), "target": "en"})
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(InvalidInput, match="not a banner manifest"):
        registry.call("translate_image", {"banners_dir": str(tmp_path), "target": "en"})


def test_a_jobs_banners_are_made_again_in_spanish(registry: ToolRegistry,
                                                  synced_platform: Platform,
                                                  tmp_path: Path) -> None:
    made = tmp_path / "banners"
    registry.call("make_banners", {
        "products": ["kt-stoneware-mug"], "variants": [{"headline": "Summer Sale",
                                                        "badge": "NEW"}],
        "sizes": ["1200x628", "300x250"], "format": "png", "out_dir": str(made)})
    manifest = json.loads((made / "manifest.json").read_text())
    manifest["banners"].append({**manifest["banners"][0], "product_id": "no-such-product"})
    (made / "manifest.json").write_text(json.dumps(manifest))
    result = registry.call("translate_image", {"banners_dir": str(made), "target": "es"})
    out = tmp_path / "banners-es"
    assert result.data["count"] == 2 and result.data["of"] == 3
    spanish = json.loads((out / "manifest.json").read_text())["banners"]
    expected = TextTranslator().translate("Summer Sale", "es", "en").text
    assert {b["language"] for b in spanish} == {"es"}
    assert {b["headline"] for b in spanish} == {expected}
    mug = synced_platform.knowledge.product("kt-stoneware-mug")
    assert {b["price"] for b in spanish} == {format_price(mug.price, mug.currency, "es", 2)}
    assert all(b["price"].endswith("\xa0US$") for b in spanish)  # Spanish: 16,00 US$
    report = json.loads((out / "translation.json").read_text())["banners"]
    assert report[0]["sources"]["headline"] == "glossary"
    assert "unknown product 'no-such-product'" in report[2]["problems"]
    for banner in spanish:
        assert Image.open(out / banner["file"]).size in ((1200, 628), (300, 250))


def test_cli_translates_an_image_with_a_progress_bar(english: BannerPair, session_data: Path,
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.cli import app

    monkeypatch.setenv("SHOPMIND_DATA_DIR", str(session_data))
    source = tmp_path / "photos"
    source.mkdir()
    Image.fromarray(english.with_text).save(source / "a.png")
    (source / "b.jpg").write_bytes(b"")
    result = CliRunner().invoke(app, ["translate", str(source), "--to", "de",
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output  # one empty file: listed, not fatal
    assert "1 of 2 images translated to de" in result.output
    assert "b.jpg is empty" in result.output
    assert (tmp_path / "out" / "a.de.png").is_file()
    wrong = CliRunner().invoke(app, ["translate", str(source), "--to", "klingon"])
    assert wrong.exit_code != 0 and "unknown language 'klingon'" in wrong.output



def test_li_bai_refusing_a_campaign_still_writes_and_others_are_reported(
        synced_platform: Platform, session_data: Path) -> None:
    from tools.translate.banners import BannerTranslator

    asked: list[object] = []

    def writer(product: object, kind: str, language: str, campaign: str | None) -> str:
        asked.append(campaign)
        if campaign is not None:
            raise InvalidInput(f"campaign {campaign!r} is not compliant")
        return f"{kind} by Li Bai"

    mug = synced_platform.knowledge.product("kt-stoneware-mug")
    image = session_data / "catalog" / "images" / "kt-stoneware-mug.jpg"
    entry = {"file": "a.jpg", "product_id": mug.id, "size": "600x300", "language": "zh",
             "headline": "新品上市", "subline": "手工上釉 每只都不一样", "price": "$16.00",
             "cta": "立即购买", "badge": "新品"}
    english = BannerTranslator(TextTranslator(), writer).translate(entry, mug, image, "en")
    assert english.spec is not None and english.spec.language == "en"
    assert english.sources["subline"] == "libai" and english.spec.subline == "subline by Li Bai"
    assert asked == ["new arrivals", None]  # the campaign refused, then written without it
    german = BannerTranslator(TextTranslator(), writer).translate(entry, mug, image, "de")
    assert german.spec is not None and german.spec.subline == ""  # left off, not guessed
    assert any("subline" in problem for problem in german.problems)


def test_a_price_under_a_subline_of_its_size_is_a_block_of_its_own() -> None:
    from tools.translate.ocr import TextLine

    def line(text: str, x0: int, y0: int, x1: int, y1: int) -> TextLine:
        return TextLine(text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), 0.99)

    subline = [line("Rechargeable lanterns that", 460, 160, 620, 180),
               line("glow all night", 470, 182, 600, 201)]
    found = blocks([*subline, line("$114.95", 459, 206, 550, 226)])
    assert [[x.text for x in block] for block in found] == [
        ["Rechargeable lanterns that", "glow all night"], ["$114.95"]]


def test_lines_of_one_headline_join_with_descenders_and_a_price_running_on() -> None:
    from tools.translate.ocr import TextLine

    def line(text: str, x0: int, y0: int, x1: int, y1: int) -> TextLine:
        return TextLine(text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), 0.99)

    # "Black" has no descender, "Friday Deals" has two: their boxes differ by a quarter
    found = blocks([line("Black", 32, 40, 158, 87), line("Friday Deals", 26, 83, 305, 147)])
    assert [[x.text for x in block] for block in found] == [["Black", "Friday Deals"]]
    found = blocks([line("Spend", 34, 122, 310, 236), line("$100,", 32, 211, 277, 326),
                    line("Save $15", 35, 308, 408, 410), line("$50.99", 864, 217, 1104, 300)])
    assert [[x.text for x in block] for block in found] == [
        ["Spend", "$100,", "Save $15"], ["$50.99"]]


def test_a_badge_too_short_for_its_translation_gets_a_wider_pill() -> None:
    from tools.layout.fonts import BOLD, font

    canvas = Image.new("RGB", (700, 220), (236, 226, 206))
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle((300, 80, 376, 118), radius=19, fill=(133, 108, 50))
    draw.text((338, 99), "预售", font=font(26, BOLD, "zh"), fill=(255, 255, 255), anchor="mm")
    rgb = np.asarray(canvas).copy()
    translator = TextTranslator()
    expected = translator.translate("预售", "de", "zh").text
    assert expected and len(expected) > 8  # no readable size fits it in the old pill
    done = translate_image(rgb, "de", translator, "zh")
    badge = next(b for b in done.blocks if b.original == "预售")
    assert badge.replaced and badge.fits
    brown = (np.abs(done.image.astype(int) - (133, 108, 50)).max(axis=2) < 16)
    columns = np.nonzero(brown[99])[0]
    assert columns.min() < 290 and columns.max() > 386  # wider on both sides of its centre
    assert "".join(expected.split()) in _read(done.image)


def test_a_badge_too_short_even_widened_takes_the_phrases_shorter_form() -> None:
    from tools.layout.fonts import BOLD, font

    canvas = Image.new("RGB", (728, 300), (236, 236, 230))
    draw = ImageDraw.Draw(canvas)
    draw.text((40, 120), "限时特惠", font=font(40, BOLD, "zh"), fill=(30, 30, 30), anchor="lm")
    draw.rounded_rectangle((330, 70, 410, 108), radius=19, fill=(133, 108, 50))
    draw.text((370, 89), "买2送1", font=font(20, BOLD, "zh"), fill=(255, 255, 255), anchor="mm")
    rgb = np.asarray(canvas).copy()
    product = np.random.default_rng(1).integers(60, 200, (220, 100, 3), dtype=np.uint8)
    rgb[40:260, 220:320] = product  # a busy product close on either side of the badge
    rgb[40:260, 420:520] = product
    translator = TextTranslator()
    first = translator.translate("买2送1", "fr", "zh")
    assert first.text == "Achetez-en 2, recevez-en 1 gratuitement"
    done = translate_image(rgb, "fr", translator, "zh")
    badge = next(b for b in done.blocks if b.original == "买2送1")
    assert badge.replaced and badge.fits
    assert badge.translation.text in first.shorter
    assert "shorter form" in badge.translation.note
    assert "offert" in _read(done.image)
