"""A merchant's words to plan values, in English and Chinese (team-written cases)."""

from __future__ import annotations

import pytest

from agents.studio.values import chinese_number, copy_kind, count, languages, sizes, tone


@pytest.mark.parametrize(("text", "expected"), [
    ("make two hundred banners", 200),
    ("make twelve banners", 12),
    ("a dozen ads for the launch", 12),
    ("two hundred and fifty images please", 250),
    ("make 12 square banners for 11.11", 12),
    ("1,200 banners for the catalogue", 1200),
    ("make 20 banners for the summer sale", 20),
    ("ten selling points", 10),
    ("给618大促做一百五十张主图", 150),
    ("做100张主图", 100),
    ("写5条标题", 5),
    ("三十张海报", 30),
    ("一万张", 10000),
    ("I need banners for one of my products", None),  # no counted noun after "one"
    ("make banners 1080x1080", None),  # a size is not a count
    ("给双11做海报", None),  # a campaign number is not a count
    ("2k banners for singles day", 2000),
    ("banners for the 20k power bank", None),  # a name, not a count
    ("hashtags for the bottles, like twenty", 20),
    ("captions for the tea x3", 3),
    ("写俩广告语", 2), ("仨标题", 3), ("给兔子灯做俩banner", 2), ("朋友圈文案 铸铁锅 写俩", 2),
    ("热销款出一打方图", 12), ("两打海报", 24),
    ("给打底T恤做海报", None), ("打折商品的海报", None),  # 打 that is not a dozen
    ("100 bannres for cyber monday", 100), ("20 squares for singles day", 20),
    ("日语和英语两个版本，方图，十五张", 15),  # two versions are languages, not the count
    ("banners from my uploads, 30 of em", 30), ("seven in 300x250 for the launch", 7),
    ("cut out the mugs please, there are twelve", 12), ("four as squares", 4),
])
def test_counts(text: str, expected: int | None) -> None:
    assert count(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("十二", 12), ("三十", 30), ("两百", 200), ("一百五十", 150), ("两万", 20000),
    ("一万五千", 15000), ("七", 7), ("abc", None),
])
def test_chinese_numerals(text: str, expected: int | None) -> None:
    assert chinese_number(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("square and story sizes", ("1080x1080", "1080x1920")),
    ("1080x1920 and 主图, plus a leaderboard", ("1080x1920", "800x800", "728x90")),
    ("做竖版和横版各一套", ("1080x1920", "1200x628")),
    ("make 12 banners", ()),  # the word banner is the work, not the 1950x550 preset
    ("a wide banner for the home page", ("1950x550",)),
    ("300 x 250 and 300x250", ("300x250",)),
    ("twenty squre banners", ("1080x1080",)),  # a letter off a size's name
    ("localise it for our stores in Spain", ()),  # "stores" is no misspelt "stories"
])
def test_sizes(text: str, expected: tuple[str, ...]) -> None:
    assert sizes(text) == expected


def test_languages_in_the_order_named() -> None:
    assert languages("translate into 日文 and German") == ("ja", "de")
    assert languages("翻译成西班牙语和法文") == ("es", "fr")
    assert languages("make it pop") == ()
    assert languages("banner要出英日两个语言版本") == ("en", "ja")
    assert languages("上次那个翻成英日") == ("en", "ja")


def test_tones_and_copy_kinds() -> None:
    assert tone("make it fun") == "playful" and tone("高端大气") == "premium"
    assert tone("限时抢购") == "urgent" and tone("ten titles") is None
    assert copy_kind("为这款保温杯写10条卖点") == "selling_points"
    assert copy_kind("write 3 product titles") == "title"
    assert copy_kind("写两个副标题") == "subline"  # not the 标题 inside it
    assert copy_kind("product desc for the lamp") == "description"
    assert tone("story format pls") is None  # "format" is a word, not "formal" misspelt
