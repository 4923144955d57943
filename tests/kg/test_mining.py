import pytest

from kg.mining.complements import complements
from kg.mining.resolve import canonical, group_variants
from kg.mining.tags import related_tags
from kg.mining.values import ValueLexicon
from tests.testing import product_row


def test_npmi_finds_co_occurring_tags_with_support() -> None:
    lists = [["hiking", "outdoor"]] * 6 + [["coffee", "office"]] * 4 + [["hiking"], ["coffee"]] \
        + [["gift", "outdoor"]] * 2 + [["x"]] * 10
    relations = {(r.a, r.b): r for r in related_tags(lists, min_support=3)}
    assert relations[("hiking", "outdoor")].evidence == 6
    assert relations[("hiking", "outdoor")].npmi > 0.5
    assert ("gift", "outdoor") not in relations, "below the support threshold"
    assert all(-1 <= r.npmi <= 1 for r in relations.values())


def test_complements_from_co_purchases() -> None:
    baskets = [["shoe", "sock"], ["shoe", "sock", "bottle"], ["mug"], ["shoe", "sock"], ["mug"]]
    found = {(c.a, c.b): c for c in complements(baskets, min_support=2)}
    assert set(found) == {("shoe", "sock")}
    assert found[("shoe", "sock")].evidence == 3 and found[("shoe", "sock")].lift > 1


@pytest.mark.parametrize(("a", "b"), [("Navy ", "navy"), ("Navys", "navy"), ("黑色", "black"),
                                      ("North-Peak", "north peak"), ("Merino  Wool", "merino wool")])
def test_variants_fold_to_one_canonical_key(a: str, b: str) -> None:
    assert canonical(a) == canonical(b)


def test_group_variants_keeps_surface_forms() -> None:
    groups = group_variants(["NorthPeak", "Northpeak", "northpeak ", "Aquaflow"])
    assert groups["northpeak"] == ["NorthPeak", "Northpeak", "northpeak "]
    assert canonical("glass") == "glass" and canonical("canvas") == "canvas"


def test_value_lexicon_learns_from_attributes_and_normalises_units() -> None:
    rows = [product_row("a", attributes={"colour": ["black"], "material": "merino wool",
                                         "waterproof": True, "capacity_ml": 500,
                                         "battery_mah": 10000})]
    lexicon = ValueLexicon.learn(rows)
    found = {(m.attribute, m.value) for m in lexicon.extract(
        "A Waterproof 1.7 L kettle in merino wool with a 10,000 mAh cell, not waterproof-ish")}
    assert ("waterproof", True) in found
    assert ("capacity_ml", 1700) in found
    assert ("battery_mah", 10000) in found
    assert ("material", "merino wool") in found
    negated = lexicon.extract("this jacket is not waterproof")
    assert not [m for m in negated if m.attribute == "waterproof"]
