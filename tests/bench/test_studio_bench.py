"""bench/studio.py scores value readers key by key, nulls included."""

from __future__ import annotations

from bench.studio import score

NULLS = {"task": None, "count": None, "campaign": None, "products": None, "sizes": None,
         "languages": None, "tone": None, "kind": None, "n": None, "source": None}


def test_score_counts_right_and_wrong_keys() -> None:
    requests = [
        {"text": "make twelve square banners", "language": "en",
         "plan": {**NULLS, "task": "banners", "count": 12, "sizes": ["1080x1080"]}},
        {"text": "写3条卖点", "language": "zh",
         "plan": {**NULLS, "task": "copy", "kind": "selling_points", "n": 3}},
        {"text": "make banners in German", "language": "en",  # gold says French: a miss
         "plan": {**NULLS, "task": "banners", "languages": ["fr"]}},
    ]
    result = score(requests)
    assert result["count_accuracy"] == 1.0 and result["n_accuracy"] == 1.0
    assert result["languages_accuracy"] == round(2 / 3, 4)
    assert result["values_exact_rate"] == round(2 / 3, 4)
    assert "German" in result["misses"]["languages"][0]
