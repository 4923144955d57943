"""The studio's own words read as meant before the NLU (agents/studio/spelling.py)."""

import pytest

from agents.studio.spelling import corrected


@pytest.mark.parametrize(("text", "meant"), [
    ("trnaslate last one to chinese thx", "translate last one to chinese thx"),
    ("100 bannres for cyber monday", "100 banners for cyber monday"),
    ("headlnes for the kettle", "headlines for the kettle"),
    ("5 titels for the snow boot", "5 titles for the snow boot"),
    ("can sell my last job", "cancel my last job"),
    ("扣图 刚上传的那些", "抠图 刚上传的那些"),
    ("上一批进渡怎么样", "上一批进度怎么样"),
    ("智能落地灯的麦点 5条", "智能落地灯的卖点 5条"), ("618那批取晓吧", "618那批取消吧"),
])
def test_slips_on_the_studios_words_are_read_as_meant(text: str, meant: str) -> None:
    assert corrected(text) == meant


@pytest.mark.parametrize("text", [
    "banners for the Captain's Lantern and the banker's lamp",  # other words stay
    "translucent cases, transition effects, tiles titled by size",
    "we can sell more of these",  # "can sell" is cancel only before what is cancelled
    "给蜡烛做海报",
])
def test_everything_else_is_left_as_written(text: str) -> None:
    assert corrected(text) == text
