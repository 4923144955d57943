"""The pure parts of bench/dialogue.py: which products a reply names, and each expectation's
check. The conversations themselves are played against the live platform by the benchmark."""

from __future__ import annotations

from bench.dialogue import SETS, Names, check, load

PRODUCTS = [
    {"id": "fw-trail", "name": {"en": "Trail Runner GTX", "zh": "防水越野跑鞋"}},
    {"id": "fw-trail-lite", "name": {"en": "Trail Runner GTX Lite", "zh": "轻量越野跑鞋"}},
    {"id": "od-lamp", "name": {"en": "400-Lumen Headlamp", "zh": "头灯"}},
]


def test_names_are_found_in_order_and_the_longer_name_wins() -> None:
    names = Names(PRODUCTS)
    text = "1. Trail Runner GTX Lite: 99 USD\n2. 400-lumen headlamp\n3. 防水越野跑鞋"
    assert names.named_in(text) == ["fw-trail-lite", "od-lamp", "fw-trail"]
    assert names.named_in("nothing here") == []


def test_each_expectation_fails_when_it_does_not_hold() -> None:
    named = ["fw-trail", "od-lamp"]
    text = "Trail Runner GTX: waterproof, 129.00 USD. 400-Lumen Headlamp: 32.00 USD."
    assert check({"shows": ["fw-trail"], "first": "fw-trail", "says": ["129|130"]}, text, named,
                 set(), None) == []
    assert check({"shows": ["fw-trail-lite"]}, text, named, set(), None) != []
    assert check({"not_shows": ["od-lamp"]}, text, named, set(), None) != []
    assert check({"only": ["fw-trail"]}, text, named, set(), None) != []
    assert check({"shows_any": ["fw-trail-lite"]}, text, named, set(), None) != []
    assert check({"first": "od-lamp"}, text, named, set(), None) != []
    assert check({"not_says": ["USD"]}, text, named, set(), None) != []
    assert check({"says": ["usd"]}, text, named, set(), None) == []  # case-insensitive


def test_apology_offer_filing_and_out_of_scope() -> None:
    sorry = "I'm really sorry about this. Would you like me to connect you to a person?"
    assert check({"apology": True, "offers_person": True}, sorry, [], set(), None) == []
    assert check({"apology": False}, sorry, [], set(), None) != []
    assert check({"apology": False}, "Sorry, it doesn't come in size 47.", [], set(), None) == []
    filed = {("SM-100001", "refund")}
    assert check({"files": {"order": "SM-100001", "kind": "refund"}}, "", [], filed, None) == []
    assert check({"files": {"order": "SM-100001", "kind": "return"}}, "", [], filed, None) != []
    assert check({"out_of_scope": True}, "I can't help with that.", [], set(),
                 "out_of_scope") == []
    assert check({"out_of_scope": True}, "Trail Runner GTX", ["fw-trail"], set(),
                 "product_search") != []


def test_the_sets_are_large_enough_and_well_formed() -> None:
    keys = {"shows", "shows_any", "not_shows", "only", "first", "says", "not_says", "apology",
            "offers_person", "files", "out_of_scope"}
    total = 0
    for name in SETS:
        conversations = load(name)
        assert len(conversations) >= 40
        assert {c["language"] for c in conversations} == {"en", "zh"}
        for conversation in conversations:
            for turn in conversation["turns"]:
                assert turn["text"].strip() and set(turn["expect"]) and set(turn["expect"]) <= keys
        total += len(conversations)
    assert total >= 80
