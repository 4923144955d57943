"""Text fitting: wrap first, then shrink, never clip; CJK line breaking; registry fonts."""

import pytest

from tools.layout.fonts import BOLD, REGULAR, font, font_path
from tools.layout.text import CLOSING, OPENING, balanced_wrap, fit_text, tokens, true_width
from tools.layout.words import segment


def test_fonts_come_from_the_registry_package_in_regular_and_bold() -> None:
    assert "manimgx_fonts_cjk" in str(font_path())
    regular, bold = font(40, REGULAR, "zh"), font(40, BOLD, "zh")
    for face in (regular, bold):
        assert face.getlength("夏季特卖") > 100 and face.getlength("Summer") > 80
    assert bold.getlength("Summer Sale") > regular.getlength("Summer Sale")


@pytest.mark.parametrize("text", [
    "夏季特卖，全场五折！「限时」抢购，轻盈透气的跑鞋。",
    "新品上市：满299元包邮（七天无理由退换）。",
    "Nike Air跑鞋，夏季特卖！",
])
@pytest.mark.parametrize("width", [90, 130, 200, 310])
def test_no_cjk_line_starts_with_closing_or_ends_with_opening_punctuation(
        text: str, width: int) -> None:
    lines = balanced_wrap(text, 30, width, language="zh")
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines[1:]:
        assert line[0] not in CLOSING, lines
    for line in lines[:-1]:
        assert line[-1] not in OPENING, lines


def test_latin_words_stay_whole_inside_chinese() -> None:
    units = [t.text for t in tokens("限时抢购 Nike Air 跑鞋。")]
    assert "Nike" in units and "Air" in units and "跑鞋。" in units


@pytest.mark.parametrize(("text", "whole"), [
    ("零糖柠檬汽水（330毫升×12罐）", ["柠檬", "汽水", "330毫升", "12罐"]),
    ("雪松无花果大豆香薰蜡烛", ["无花果", "大豆", "香薰", "蜡烛"]),
    ("满299元包邮，七天无理由退换。", ["299元", "理由"]),
    ("玻璃电热水壶1.7升，美利奴羊毛打底T恤", ["1.7升", "T恤", "羊毛"]),
])
def test_chinese_lines_break_between_words_and_keep_numbers_with_their_units(
        text: str, whole: list[str]) -> None:
    units = [t.text for t in tokens(text)]
    for word in whole:
        assert any(word in unit for unit in units), (word, units)
    for width in (60, 100, 160, 240):
        lines = balanced_wrap(text, 24, width, language="zh")
        assert "".join(lines) == text
        for word in whole:  # no line ends inside one of these words
            assert not any(word not in line and line.endswith(word[:cut])
                           and lines[i + 1].startswith(word[cut:])
                           for i, line in enumerate(lines[:-1])
                           for cut in range(1, len(word))), (word, lines)


def test_segment_prefers_whole_words() -> None:
    assert segment("零糖柠檬汽水") == ["零", "糖", "柠檬", "汽水"]
    assert segment("七天无理由退换") == ["七天", "无", "理由", "退换"]
    assert segment("") == []


def test_wrap_then_shrink_never_clips() -> None:
    text = "Summer Sale: light, quick-drying and made for the heat"
    roomy = fit_text(text, 600, 300, max_size=60, weight=BOLD)
    tight = fit_text(text, 300, 90, max_size=60, weight=BOLD)
    assert roomy.fits and tight.fits
    assert len(roomy.lines) >= 2  # wrapped before shrinking
    assert tight.size < roomy.size
    for fitted, (w, h) in ((roomy, (600, 300)), (tight, (300, 90))):
        assert true_width(fitted.lines, fitted.size, BOLD) <= w + 1
        assert fitted.height <= h


def test_text_that_cannot_fit_says_so_instead_of_clipping() -> None:
    fitted = fit_text("Incomprehensibilities", 40, 12, max_size=30, min_size=9)
    assert not fitted.fits
    assert "".join(fitted.lines) == "Incomprehensibilities"
    one_line = fit_text("新品上市", 12, 100, max_size=30, min_size=9, language="zh", max_lines=1)
    assert not one_line.fits  # a character a line would break max_lines


def test_balanced_lines_are_even() -> None:
    lines = balanced_wrap("Light, quick-drying and made for the heat of summer", 32, 640)
    lengths = [font(32).getlength(line) for line in lines]
    assert len(lines) == 2 and max(lengths) - min(lengths) < 0.35 * max(lengths)


def test_numbers_keep_their_units_and_decimals_on_one_line() -> None:
    units = [t.text for t in tokens("a 10 mm drop, 1.7 L and 1,200 mAh for 45 h.")]
    assert {"10 mm", "1.7 L", "1,200 mAh", "45 h."} <= set(units)
    for width in (40, 80, 120):
        lines = balanced_wrap("a 10 mm drop, 1.7 L and 1,200 mAh for 45 h.", 16, width)
        assert not any(line.endswith(("10", "1.7", "1,200", "45")) for line in lines), lines


def test_a_no_break_space_keeps_a_price_or_percentage_whole() -> None:
    fitted = fit_text("15\u00a0$ sparen ab 100\u00a0$ Einkaufswert", 360, 300, 60, language="de")
    assert "15\u00a0$ sparen" in fitted.lines[0]  # the space after "$" is kept
    assert all(not line.startswith("$") for line in fitted.lines)
    assert [t.text for t in tokens("-30\u202f% sur tout")] == ["-30\u202f%", "sur", "tout"]
