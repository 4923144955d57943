"""Amounts in Chinese numerals read as digits, and nothing else touched."""

from __future__ import annotations

import pytest

from kg.numerals import arabic_amounts


@pytest.mark.parametrize(("said", "read"), [
    ("有没有一百美元以内的", "有没有100美元以内的"),
    ("两百块以内", "200块以内"),
    ("一千二百元以内的耳机", "1200元以内的耳机"),
    ("三百五左右", "350左右"),
    ("预算八百人民币", "预算800人民币"),
])
def test_amounts_become_digits(said: str, read: str) -> None:
    assert arabic_amounts(said) == read


@pytest.mark.parametrize("said", ["第一双有什么颜色", "一共多少钱", "一直没用过", "十十块"])
def test_other_numerals_stay(said: str) -> None:
    assert arabic_amounts(said) == said
