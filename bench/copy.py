"""Li Bai's copy: grounding, compliance, length, variety, coverage and speed, over the demo
catalogue and Saleor's 32 demo products (read in place from SHOPMIND_SHARED_DATA).

    python bench/copy.py [--n 5] [--variants 20] [--json results.json]

Every delivered text is graded twice: by Li Bai's own guards and by the simpler, independent
checks in this file (numbers and attribute words against the raw facts; the shared
third-party list of absolute terms; the issue's length limits), so a broken guard cannot
grade itself perfect. distinct-2 is unique bigrams over all bigrams (English words, Chinese
characters) across the variants of one product, language and tone; coverage is the share of
a product's key attributes that its variants mention. Speed (copies_per_s) is the batch mode over
the whole catalogue (every product, kind, tone and language, 5 texts per request), one
process, no chat model, in CPU seconds of this process (wall-clock time, which other
processes on a shared machine stretch, is reported beside it), next to a trivial template
fill timed in the same run; the slower
20-variant requests (three times the candidates, picked for new wording) are timed apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
# this file is named copy.py: keep it from shadowing the standard library's copy module
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import argparse
import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from agents.libai import KINDS, LANGUAGES, TONES, CopyRequest, CopyWriter
from agents.libai.catalogue import demo_products, saleor_products
from agents.libai.compliance import compliance_problems
from agents.libai.factcheck import Evidence, FactChecker
from agents.libai.guards import bigrams
from agents.libai.kinds import limit
from kg.facts import ProductFacts
from shopmind.errors import NotFound
from shopmind.settings import Settings

# the issue's own numbers, written here again so that a changed table in the code shows
ISSUE_LIMITS = {("copy", "zh"): (50, 90), ("title", "zh"): (1, 20)}
VARIANT_AXES = frozenset({"size", "shoe_size", "brand"})
EN_ABSOLUTE = re.compile(r"\b(?:best|number one|#1|guaranteed?|100%|perfect|cheapest|ultimate|"
                         r"world-class|unbeatable|no\. ?1)\b", re.IGNORECASE)
ZH_MOST = re.compile(r"最(?:好|佳|优|大|小|便宜|火|安全|强|快|全|低|高|多|少|新|潮|划算|值|省时|实用|值得)")
EN_PROBES = ("waterproof", "wireless", "organic", "leather", "cotton", "wool", "linen",
             "dishwasher", "bluetooth", "gps", "noise-cancelling", "bpa", "solar", "magnetic",
             "recycled", "silk", "cashmere", "bamboo", "velvet", "ceramic", "glass", "steel")
ZH_PROBES = {"防水": ("water",), "无线": ("wireless",), "有机": ("organic",),
             "皮革": ("leather",), "棉质": ("cotton",), "纯棉": ("cotton",),
             "羊毛": ("wool", "merino"), "亚麻": ("linen",), "洗碗机": ("dishwasher",),
             "蓝牙": ("bluetooth",), "降噪": ("noise",), "太阳能": ("solar",),
             "磁吸": ("magnetic",), "再生": ("recycled",), "真丝": ("silk",),
             "羊绒": ("cashmere",), "丝绒": ("velvet",), "陶瓷": ("ceramic",), "玻璃": ("glass",),
             "不锈钢": ("steel",)}
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


@dataclass
class Tally:
    texts: int = 0
    unsupported_guard: int = 0
    unsupported_independent: int = 0
    compliance_guard: int = 0
    compliance_independent: int = 0
    length: int = 0
    examples: list[str] = field(default_factory=list)


def facts_text(product: ProductFacts) -> str:
    """The raw facts as one lowercase string: true flags, values, names, tags (with "_" and
    "-" read as spaces)."""
    parts = [product.name_en, product.name_zh or "", product.category, *product.tags]
    for key, value in product.attributes.items():
        if value is not False:
            parts += [key, json.dumps(value, ensure_ascii=False)]
    return " ".join(parts).lower().replace("_", " ").replace("-", " ")


def fact_numbers(product: ProductFacts) -> set[float]:
    numbers = {float(n.replace(",", "")) for n in _NUMBER.findall(facts_text(product))}
    numbers |= {round(product.price, 2)}
    numbers |= {round(n / 1000, 2) for n in numbers} | {n / 24 for n in numbers}
    numbers |= {float(len(v)) for v in product.attributes.values() if isinstance(v, list)}
    mah = product.attributes.get("battery_mah")
    if isinstance(mah, (int, float)):
        numbers |= {float(i) for i in range(1, int(mah) // 4000 + 1)}
    return numbers


def independent_unsupported(text: str, product: ProductFacts, language: str) -> list[str]:
    for name in sorted({product.name_en, product.name_zh or ""}, key=len, reverse=True):
        text = text.replace(name, " ") if name else text
    raw = facts_text(product)
    allowed = fact_numbers(product)
    found = [n for n in _NUMBER.findall(text) if float(n.replace(",", "")) not in allowed]
    lowered = text.lower()
    if language == "en":
        found += [w for w in EN_PROBES
                  if re.search(rf"\b{w}\b", lowered) and w.replace("-", " ") not in raw]
    else:
        found += [w for w, stems in ZH_PROBES.items()
                  if w in text and not any(stem in raw for stem in stems)]
    return found


def shared_absolute_terms(settings: Settings) -> list[str]:
    path = settings.shared_data / "compliance/prohibited_words_mit/extreme_words_section3.txt"
    if not path.is_file():
        return ["最佳", "第一", "国家级", "顶级", "唯一"]
    words = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [w for w in words if w and not w.startswith("#") and w != "最"]


def independent_noncompliant(text: str, language: str, terms: list[str]) -> bool:
    if EN_ABSOLUTE.search(text):
        return True
    return language == "zh" and (ZH_MOST.search(text) is not None or any(t in text
                                                                          for t in terms))


def length_wrong(text: str, kind: str, language: str) -> bool:
    low, high = ISSUE_LIMITS.get((kind, language), (0, 10**6))
    return not (limit(kind, language).holds(text) and low <= len(text) <= high)  # type: ignore[arg-type]


def grade(tally: Tally, text: str, product: ProductFacts, kind: str, language: str,
          checker: FactChecker, terms: list[str]) -> None:
    tally.texts += 1
    guard_facts = not checker.check(text, language).ok
    independent = independent_unsupported(text, product, language)
    tally.unsupported_guard += guard_facts
    tally.unsupported_independent += bool(independent)
    tally.compliance_guard += bool(compliance_problems(text, language))
    tally.compliance_independent += independent_noncompliant(text, language, terms)
    tally.length += length_wrong(text, kind, language)
    if (guard_facts or independent) and len(tally.examples) < 5:
        tally.examples.append(f"{product.id} {kind}/{language}: {text} {independent}")


def run_matrix(writer: CopyWriter, products: list[ProductFacts], n: int, tally: Tally,
               terms: list[str]) -> tuple[int, float, float]:
    """Batch mode: every product x kind x tone x language, ``n`` texts each (the copies per
    second measure); returns (copies, CPU seconds and wall seconds spent writing)."""
    copies, seconds, wall = 0, 0.0, 0.0
    for product in products:
        checker = FactChecker(Evidence.of(product))
        for kind in KINDS:
            for tone in TONES:
                for language in LANGUAGES:
                    started, clock = time.process_time(), time.perf_counter()
                    result = writer.write(CopyRequest(product.id, kind, tone, language, n))
                    seconds += time.process_time() - started
                    wall += time.perf_counter() - clock
                    copies += len(result.texts)
                    for text in result.texts:
                        grade(tally, text, product, kind, language, checker, terms)
    return copies, seconds, wall


def key_attributes(product: ProductFacts) -> set[str]:
    return {k for k, v in product.attributes.items()
            if k not in VARIANT_AXES and v is not False and v not in ("", [])}


def run_variants(writer: CopyWriter, products: list[ProductFacts], variants: int,
                 tally: Tally, terms: list[str]) -> dict[str, Any]:
    """``variants`` copy texts per product, language and tone: distinct-2 and coverage."""
    distinct: dict[str, list[float]] = defaultdict(list)
    coverage: dict[str, list[float]] = defaultdict(list)
    copies, seconds = 0, 0.0
    for product in products:
        checker, keys = FactChecker(Evidence.of(product)), key_attributes(product)
        for language in LANGUAGES:
            for tone in TONES:
                started = time.process_time()
                texts = writer.write(CopyRequest(product.id, "copy", tone, language,
                                                 variants)).texts
                seconds += time.process_time() - started
                copies += len(texts)
                grams = [g for text in texts for g in bigrams(text, language)]
                distinct[language].append(len(set(grams)) / max(1, len(grams)))
                mentioned = set().union(*(checker.check(t, language).grounded for t in texts))
                if keys:
                    coverage[language].append(len(keys & mentioned) / len(keys))
                for text in texts:
                    grade(tally, text, product, "copy", language, checker, terms)
    return {"distinct": distinct, "coverage": coverage, "copies": copies, "seconds": seconds}


def fallback_check(products: list[ProductFacts]) -> bool:
    """A fake chat model that invents an attribute and uses a banned word: the guards reject
    both lines and the texts come from the grammar instead."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    mug = next(p for p in products if "waterproof" not in p.attributes and p.category == "kitchen")
    lines = f"The {mug.name_en} is waterproof and made of leather.\nThe best {mug.name_en} ever."
    writer = CopyWriter(products, model=FakeListChatModel(responses=[lines]))
    result = writer.write(CopyRequest(mug.id, "headline", n=2))
    rejected = {r.text for r in result.rejected if r.source == "model"}
    return (len(rejected) == 2 and len(result.texts) == 2
            and all(c.source == "grammar" for c in result.candidates))


def template_fill_rate(products: list[ProductFacts], copies: int) -> float:
    """Texts per second of a trivial f-string fill: the floor any writer is compared with."""
    started = time.process_time()
    out = []
    for i in range(copies):
        product = products[i % len(products)]
        value = next(iter(product.attributes.values()), "")
        out.append(f"{product.name_en}: {value}")
    return copies / max(1e-9, time.process_time() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=5, help="texts per request in the matrix")
    parser.add_argument("--variants", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    settings = Settings()
    catalogues = {"demo": demo_products()}
    try:
        catalogues["saleor"] = saleor_products(settings.shared_data)
    except NotFound as exc:
        print(f"skipping Saleor: {exc.message}", file=sys.stderr)
    terms = shared_absolute_terms(settings)
    results = measure(catalogues, args.n, args.variants, terms)
    report(results, args.json)


def measure(catalogues: dict[str, list[ProductFacts]], n: int, variants: int,
            terms: list[str]) -> dict[str, Any]:
    tally = Tally()
    timing = {"batch_copies": 0.0, "batch_s": 0.0, "batch_wall_s": 0.0, "variant_copies": 0.0,
              "variant_s": 0.0}
    distinct: dict[str, list[float]] = defaultdict(list)
    coverage: dict[str, list[float]] = defaultdict(list)
    for products in catalogues.values():
        writer = CopyWriter(products)
        matrix_copies, matrix_seconds, matrix_wall = run_matrix(writer, products, n, tally, terms)
        timing["batch_wall_s"] += matrix_wall
        found = run_variants(writer, products, variants, tally, terms)
        timing["batch_copies"] += matrix_copies
        timing["batch_s"] += matrix_seconds
        timing["variant_copies"] += found["copies"]
        timing["variant_s"] += found["seconds"]
        for language in LANGUAGES:
            distinct[language] += found["distinct"][language]
            coverage[language] += found["coverage"][language]
    all_products = [p for products in catalogues.values() for p in products]
    baseline = template_fill_rate(all_products, int(timing["batch_copies"]))
    return summary(tally, distinct, coverage, timing, baseline, catalogues)


def summary(tally: Tally, distinct: dict[str, list[float]], coverage: dict[str, list[float]],
            timing: dict[str, float], baseline: float,
            catalogues: dict[str, list[ProductFacts]]) -> dict[str, Any]:
    def mean(values: list[float]) -> float:
        return round(sum(values) / max(1, len(values)), 4)

    texts = max(1, tally.texts)
    unsupported = max(tally.unsupported_guard, tally.unsupported_independent)
    noncompliant = max(tally.compliance_guard, tally.compliance_independent)
    fallback = fallback_check(catalogues["demo"])
    return {
        "unsupported_fact_rate": round(unsupported / texts, 5),
        "compliance_violation_rate": round(noncompliant / texts, 5),
        "length_violation_rate": round(tally.length / texts, 5),
        "distinct2_en": mean(distinct["en"]), "distinct2_zh": mean(distinct["zh"]),
        "coverage": mean(coverage["en"] + coverage["zh"]),
        "copies_per_s": round(timing["batch_copies"] / timing["batch_s"], 1),
        "unsupported_by_guard": tally.unsupported_guard,
        "unsupported_by_independent_check": tally.unsupported_independent,
        "noncompliant_by_guard": tally.compliance_guard,
        "noncompliant_by_independent_check": tally.compliance_independent,
        "distinct2_en_min": round(min(distinct["en"], default=0), 4),
        "distinct2_zh_min": round(min(distinct["zh"], default=0), 4),
        "coverage_en": mean(coverage["en"]), "coverage_zh": mean(coverage["zh"]),
        "copies_per_s_wall_clock": round(timing["batch_copies"] / timing["batch_wall_s"], 1),
        "copies_per_s_20_variants": round(timing["variant_copies"] / timing["variant_s"], 1),
        "copies_per_s_all": round((timing["batch_copies"] + timing["variant_copies"])
                                  / (timing["batch_s"] + timing["variant_s"]), 1),
        "template_fill_per_s": round(baseline, 1),
        "copies_vs_template_fill": round(timing["batch_copies"] / timing["batch_s"] / baseline,
                                         5),
        "texts_graded": tally.texts, "batch_copies_timed": int(timing["batch_copies"]),
        "products": {name: len(products) for name, products in catalogues.items()},
        "fake_model_guarded_and_fell_back": fallback,
        "examples_flagged": tally.examples,
    }


def report(results: dict[str, Any], path: Path | None) -> None:
    targets = {"unsupported_fact_rate": "= 0", "compliance_violation_rate": "= 0",
               "length_violation_rate": "= 0", "distinct2_en": ">= 0.6",
               "distinct2_zh": ">= 0.5", "coverage": ">= 0.8", "copies_per_s": ">= 2000"}
    print(f"{'measure':36} {'value':>14}  target")
    for key, value in results.items():
        if key != "examples_flagged":
            print(f"{key:36} {value!s:>14}  {targets.get(key, '')}")
    for example in results["examples_flagged"]:
        print(f"flagged: {example}")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
