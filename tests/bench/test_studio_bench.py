"""bench/studio.py scores the studio's act and every plan key, nulls included."""

from __future__ import annotations

from agents.studio.understanding import Parse, Understanding
from bench.studio import score
from ui.platform import Platform

NULLS = {"task": None, "count": None, "campaign": None, "products": None, "sizes": None,
         "languages": None, "tone": None, "kind": None, "n": None, "source": None}


def test_score_counts_right_and_wrong_keys_and_acts(synced_platform: Platform) -> None:
    requests = [
        {"text": "make twelve square banners", "language": "en", "intent": "make_banners",
         "plan": {**NULLS, "task": "banners", "count": 12, "sizes": ["1080x1080"]}},
        {"text": "写3条卖点", "language": "zh", "intent": "write_copy",
         "plan": {**NULLS, "task": "copy", "kind": "selling_points", "n": 3}},
        {"text": "make banners in German", "language": "en", "intent": "make_banners",
         "plan": {**NULLS, "task": "banners", "languages": ["fr"]}},  # gold says French
        {"text": "go ahead", "language": "en", "intent": "confirm", "plan": NULLS},
    ]
    parses = [Parse("make_banners", 0.9), Parse("write_copy", 0.9), Parse("make_banners", 0.9),
              Parse("deny", 0.9)]  # the last act is wrong
    knowledge = synced_platform.knowledge
    result = score(requests, parses, Understanding(knowledge.products))
    assert result["count_accuracy"] == 1.0 and result["n_accuracy"] == 1.0
    assert result["languages_accuracy"] == 0.75 and result["act_accuracy"] == 0.75
    assert result["plan_exact_rate"] == 0.5
    assert result["plan_exact_rate_en"] == round(1 / 3, 4)
    assert any("German" in miss for miss in result["misses"])
    assert any("'act': ('deny', 'confirm')" in miss for miss in result["misses"])
