"""Amounts written in Chinese numerals, as digits: "一百美元以内" -> "100美元以内",
"两百块左右" -> "200块左右", so that budgets and prices read the same however they are
written. Only a numeral run right before a currency or a budget word changes ("一共", "第一双",
"一直" stay as they are); the conversion itself is ``cn2an``'s (MIT).

Example::

    arabic_amounts("有没有一百美元以内的")   # "有没有100美元以内的"
"""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"([零〇一二两三四五六七八九十百千万]+)(?=\s*(?:元|块|美元|美金|刀|欧元|欧|英镑|镑|"
                     r"日元|日币|円|人民币|以内|以下|之内|以上|左右|的预算))")


def arabic_amounts(text: str) -> str:
    """``text`` with each Chinese-numeral amount written in digits."""
    if not _AMOUNT.search(text):
        return text
    import cn2an  # imported on first use: most texts have no Chinese amount

    def digits(match: re.Match[str]) -> str:
        run = match.group(1)
        try:
            value = cn2an.cn2an(run, "smart")
        except ValueError:  # "十十" is no number: leave it as written
            return run
        return f"{value:g}" if isinstance(value, float) else str(value)

    return _AMOUNT.sub(digits, text)
