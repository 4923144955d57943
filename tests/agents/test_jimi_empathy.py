"""Frustration signals in English and Chinese."""

import pytest

from agents.jimi.empathy import assess


@pytest.mark.parametrize("text", [
    "This is RIDICULOUS!!! I've been waiting two weeks",
    "still waiting for my refund, this is unacceptable",
    "太过分了！！！一直没人管",
    "我要投诉，快递到现在还没到，太差劲了",
])
def test_angry_messages_are_frustrated(text: str) -> None:
    assert assess(text, "complaint", [], []).frustrated


@pytest.mark.parametrize("text", ["where is my order?", "does the kettle come in white",
                                  "我的订单到哪了？", "请问有蓝色的吗"])
def test_calm_messages_are_not(text: str) -> None:
    mood = assess(text, "order_status", [], [])
    assert not mood.frustrated and mood.score <= 1


def test_asking_the_same_thing_again_counts() -> None:
    first = assess("where is my order?", "order_status", [], [])
    again = assess("where is my order??", "order_status", ["where is my order?"], ["order_status"])
    assert again.score > first.score
    assert "repeated request" in again.signals and "punctuation" in again.signals
    assert again.frustrated


def test_repeated_contact_adds_to_a_sign_in_the_message() -> None:
    mood = assess("my parcel STILL hasn't arrived!!", "order_status", [], [], other_sessions=3)
    assert any(s.startswith("contacted 3 times") for s in mood.signals) and mood.frustrated


def test_a_neutral_question_is_calm_however_often_the_shopper_wrote_before() -> None:
    mood = assess("which headphones do you have", "product_search", [], [], other_sessions=5)
    assert not mood.frustrated and mood.signals == ()


def test_a_second_search_is_not_a_repeated_request() -> None:
    mood = assess("any running shoes?", "product_search", ["do you have kettles"],
                  ["product_search"])
    assert "repeated request" not in mood.signals and not mood.frustrated


def test_product_codes_in_capitals_are_not_shouting() -> None:
    assert "capitals" not in assess("does the GTX come in blue", "product_question", [], []
                                    ).signals


@pytest.mark.parametrize("intent", ["product_search", "complaint"])
def test_a_double_question_mark_in_shopping_talk_is_eagerness(intent: str) -> None:
    text = "he's been begging for those shoes that light up?? what sizes do you have"
    assert "punctuation" not in assess(text, intent, [], []).signals
    assert "punctuation" in assess("those shoes that light up?!", intent, [], []).signals
    assert "punctuation" in assess("where is my parcel??", "order_status", [], []).signals


def test_angry_words_are_whole_words() -> None:
    calm = assess("meh dont like those. the merino one, how much", "product_question", [], [])
    assert calm.signals == ()  # "merino one" holds "no one" but says nothing of it
    assert "words:no one" in assess("no one answers me", "complaint", [], []).signals[0]


def test_never_used_is_not_useless() -> None:
    assert assess("10月买的随行杯一直没用过，想退掉", "get_refund", [], []).signals == ()
    assert assess("这个app太没用了", "complaint", [], []).signals[0].startswith("words:没用")
