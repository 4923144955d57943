"""Layout quality on the demo catalogue: products x every size preset x texts in English and
Chinese, laid out by the learned scorer, against the same solver taking the first template
made for the canvas (no scorer), measured in the same run.

    python bench/layout.py [--products 8] [--json results.json]

Metrics (tools/layout/metrics.py states each variant): validity, overlay, alignment,
occlusion (product mask as saliency), utility, underlay effectiveness, unreadability
(PosterLayout gradient form), text_fit_rate (every line measured with the real font fits its
box, nothing dropped that is required) and contrast_pass_rate (WCAG 4.5, 3 for large text).
The scorer's pairwise accuracy on held-out designer examples (5-fold) is reported too.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

# run from the repository root, not bench/ (whose copy.py would shadow the standard library)
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from kg.demo.catalog import build_demo_catalog
from kg.demo.writer import write_demo_catalog
from tools.layout.engine import Choice, LayoutEngine, finish
from tools.layout.examples import designer_examples
from tools.layout.fonts import font
from tools.layout.learning import cross_validate
from tools.layout.model import BannerCopy, BrandStyle, Layout, LayoutRequest
from tools.layout.painter import paint_base
from tools.layout.presets import PRESETS
from tools.layout.templates import templates_for
from tools.synth.plan import format_price
from tools.synth.render import _shape, load_cutout

REQUIRED = ("headline", "price", "cta")
KEYS = ("validity", "overlay", "alignment", "occlusion", "utility", "underlay_loose",
        "unreadability", "text_fit_rate", "contrast_pass_rate", "contrast_min")


def copies(name_en: str, name_zh: str, price: str) -> list[BannerCopy]:
    return [
        BannerCopy("Summer Sale: up to 30% off", "Light, quick-drying and made for the heat.",
                   price, "Shop now", "-30%", "en"),
        BannerCopy(name_en, "Free delivery on orders over $50", price, "Buy now", "NEW", "en"),
        BannerCopy("夏季特卖，低至七折！", "轻盈速干，专为炎热天气打造。", price, "立即购买", "-30%", "zh"),
        BannerCopy(name_zh, "满299元包邮，七天无理由退换。", price, "立即抢购", "新品", "zh"),
    ]


def text_fits(layout: Layout) -> bool:
    """Every line, measured with the real font, inside its box; boxes inside the canvas."""
    if not layout.fitted or any(item in layout.dropped for item in REQUIRED):
        return False
    for element in layout.texts():
        face = font(element.size, element.weight, element.language)
        if any(face.getlength(line) > element.box.w + 1.0 for line in element.lines):
            return False
        box = element.box
        if box.x < 0 or box.y < 0 or box.right > layout.width or box.bottom > layout.height:
            return False
    return True


def measure(choice: Choice, image_path: Path, mask_path: Path) -> dict[str, float]:
    layout = choice.solved.layout

    def layer(_index: int, size: tuple[int, int]) -> Any:
        return load_cutout(image_path, mask_path).resize(size)

    banner = finish(choice, paint_base(layout, layer))
    scores = dict(banner.metrics)
    scores["text_fit_rate"] = float(text_fits(layout))
    scores["contrast_pass_rate"] = scores.pop("contrast_pass")
    scores["dropped_rate"] = float(bool(layout.dropped))
    return scores


def run(products: int, catalog: Path) -> dict[str, Any]:
    engine = LayoutEngine()
    demo = build_demo_catalog(seed=7).products
    chosen = [demo[i * len(demo) // products] for i in range(products)]
    learned: list[dict[str, float]] = []
    first: list[dict[str, float]] = []
    started = time.perf_counter()
    solve_s = 0.0
    for product in chosen:
        image = catalog / "images" / f"{product.id}.jpg"
        mask = catalog / "images" / f"{product.id}.mask.png"
        shape = _shape(image, mask, ())
        price = format_price(product.price, product.currency)
        for copy in copies(product.name.en, product.name.zh or product.name.en, price):
            for width, height in PRESETS.values():
                request = LayoutRequest(width, height, copy, (shape,), BrandStyle(product.brand))
                tick = time.perf_counter()
                best = engine.choose(request)
                solve_s += time.perf_counter() - tick
                learned.append(measure(best, image, mask))
                plain = engine.candidates(request, templates_for(width, height)[0].name)[0]
                first.append(measure(plain, image, mask))
    elapsed = time.perf_counter() - started
    result = summary(learned)
    result.update({"layouts": len(learned), "layouts_per_s": round(len(learned) / solve_s, 1),
                   "bench_s": round(elapsed, 1), "baseline_first_template": summary(first),
                   "scorer_cv_pairwise_accuracy": round(cross_validate(list(designer_examples())),
                                                        4)})
    return result


def summary(rows: list[dict[str, float]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in (*KEYS, "dropped_rate"):
        values = np.array([r[key] for r in rows], dtype=float)
        out[key] = round(float(values.min() if key == "contrast_min" else values.mean()), 5)
    return out


def report(result: dict[str, Any], path: Path | None) -> None:
    base = result["baseline_first_template"]
    print(f"layout quality, {result['layouts']} layouts "
          f"({result['layouts_per_s']} layouts/s solved and scored)")
    print(f"{'metric':22} {'learned':>10} {'first template':>15}  target")
    targets = {"validity": "1.0", "overlay": "<= 0.005", "alignment": "<= 0.002",
               "occlusion": "<= 0.02", "text_fit_rate": "1.0", "contrast_pass_rate": "1.0"}
    for key in (*KEYS, "dropped_rate"):
        print(f"{key:22} {result[key]:10.4f} {base[key]:15.4f}  {targets.get(key, '')}")
    print(f"scorer pairwise accuracy on held-out designer examples: "
          f"{result['scorer_cv_pairwise_accuracy']:.3f}")
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=8)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        catalog = Path(scratch) / "catalog"
        write_demo_catalog(catalog)
        result = run(args.products, catalog)
    report(result, args.json)


if __name__ == "__main__":
    main()
