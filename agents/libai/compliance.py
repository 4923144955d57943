"""The compliance guard: absolute, exaggerated and misleading claims, per locale.

Chinese follows the PRC Advertising Law (2021): article 9(3) bans "国家级", "最高级", "最佳"
and terms like them; article 4 and 28 ban false or misleading claims (guaranteed results,
cures, invented urgency); the Internet Advertising Measures (2023) article 9 asks posts that
sell with a link to say they are advertising. "最" is matched in combinations (最佳, 最好,
最受欢迎 ...), never alone, so 最近 and 最后 pass. English gets the same idea: superlatives and
absolute claims nobody can back ("best", "#1", "guaranteed", "100%", "never fails").

The lists are the Li Bai team's own, informed by the statute text and a public list of
absolute terms kept in ``../shared/data/compliance`` (not copied).
"""

from __future__ import annotations

import re
from functools import cache

# fmt: off
_ZH_MOST = ("佳|好|优|大|小|高|低|强|快|全|新|潮|火|热|贵|便宜|安全|先进|受欢迎|畅销|划算|值|实用|"
            "舒适|轻|薄|专业|时尚|正宗|流行|超值|出色|耐用|省|稳|精|美|棒|牛|酷|纯|健康|有效|"
            "环保|天然|可靠|顶|适合|靠谱|爱|具|强大")
ZH_TERMS: tuple[str, ...] = (
    rf"最(?:{_ZH_MOST})", "国家级", "世界级", "最高级", "全球级", "宇宙级", "顶级", "顶尖", "极品",
    "极致", "至尊", "至臻", "巅峰", r"第一(?![次步天口])", "NO\\.?1", "No\\.?1", "TOP ?1",
    "唯一", "首家", "首个", "首款", "首选", "独家", "独一无二", "全网首发", "全国首发", "绝无仅有",
    "史无前例", "前所未有", "遥遥领先", "行业领先", "领先品牌", "领导品牌", "王牌", "冠军", "金牌",
    "万能", "100%", "百分百", "百分之百", "零风险", "无副作用", "永久", "永不", "根治", "治愈",
    "药用", "特效", "神器", "秒杀", "仅限今日", "仅此一次", "再不买就没了", "马上涨价", "错过再等一年",
    "疯抢", "抢爆", "卖爆", "爆单", "跳楼价", "亏本", "清仓价", "白送", "免费领", "绝对", "完美",
    "无敌", "史上", "全网最低", "全网底价", "国家机关", "国家推荐", "政府推荐", "特供", "专供",
    "央视", "驰名商标", "老字号", "权威", "闭眼入", "不踩雷", "稳赚", "躺赚", "一次搞定",
)
EN_TERMS: tuple[str, ...] = (
    r"best(?:[- ]?sell\w*)?", r"#\s?1", r"no\.?\s?1", "number one", "the only", "ultimate",
    "unbeatable", "unrivall?ed", "unmatched", "unparall?eled", "perfect", "perfectly",
    "flawless", r"guarantee[ds]?", "100%", r"one hundred per ?cent", r"world[- ]class",
    "world's", r"world[- ]leading", r"industry[- ]leading", "leading brand", "market leader",
    "cheapest", "lowest price", r"top[- ]rated", "highest", "finest", "greatest",
    r"the most \w+", "most popular", "most advanced", "miracle", r"cures?", "cured", "heals?",
    r"clinically (?:proven|tested)", "doctor recommended", r"risk[- ]free", "forever",
    "never fails", "always works", r"free gift", r"for free", "today only", "last chance",
    "ends tonight", r"selling fast", "almost gone", "once in a lifetime", "revolutionary",
    r"award[- ]winning", "official supplier", "state-level", "national-level",
)
# fmt: on


@cache
def _pattern() -> re.Pattern[str]:
    """Both lists in one pattern; English terms must stand as whole words."""
    english = "|".join(EN_TERMS)
    chinese = "|".join(ZH_TERMS)
    return re.compile(rf"{chinese}|(?<![A-Za-z0-9])(?:{english})(?![A-Za-z0-9])",
                      re.IGNORECASE)


def compliance_problems(text: str, language: str) -> list[str]:
    """Banned terms in a text, e.g. ``["banned term '最佳'"]``. Both lists apply whatever the
    language asked for: Chinese copy carries English words and a model may answer in the
    wrong language (``language`` is kept for callers that will want per-locale lists)."""
    found = dict.fromkeys(m.group(0) for m in _pattern().finditer(text))
    return [f"banned term {term!r}" for term in found]
