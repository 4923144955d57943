"""A contact sheet: 24 banners of the demo catalogue in every size preset, English beside
Chinese, made through the registered ``make_banners`` tool (the same path as the app).

Twelve products, each as an English and a Chinese banner of one size: every preset once,
and the hard shapes (hero 1950x550, leaderboard 728x90, rectangle 300x250, story 1080x1920,
link 1200x628) a second time with another product. Headlines are the products' names from
the catalogue (``name.en`` / ``name.zh``), sublines the first sentence of their
descriptions. Each banner is scaled to at most 980x480 (small ones stay at their own size)
and labelled with its size, language and template.

Needs the demo catalogue and graph (``shopmind demo-data``) under the configured data folder.

    python bench/contact_sheet.py [--out var/contact_sheet.png] [--json summary.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

# run from the repository root, not bench/ (whose copy.py would shadow the standard library)
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from kg.knowledge import KnowledgeBase
from shopmind.settings import Settings
from tools.base import ToolContext
from tools.layout.fonts import font
from tools.layout.presets import PRESETS
from tools.registry import ToolRegistry

SIZES = ["marketplace", "square", "link", "story", "hero", "leaderboard", "rectangle",
         "hero", "leaderboard", "rectangle", "story", "link"]
BADGES = {"en": ["-20%", "NEW", "", "-30%", "HOT", ""], "zh": ["-20%", "新品", "", "-30%", "热卖", ""]}
TILE = (980, 480)  # the largest a banner is shown on the sheet
SHEET_WIDTH = 2000
GAP, LABEL = 16, 24


def catalogue_products(catalog: Path, count: int) -> list[dict[str, Any]]:
    """``count`` products spread over the catalogue that have names in both languages."""
    rows = [json.loads(line) for line in (catalog / "products.jsonl").read_text("utf-8")
            .splitlines() if line.strip()]
    rows = [r for r in rows if r.get("name", {}).get("en") and r.get("name", {}).get("zh")]
    return [rows[i * len(rows) // count] for i in range(count)]


def first_sentence(text: str) -> str:
    for stop in ("。", ". ", "！", "!"):
        if stop in text:
            return text.split(stop, 1)[0] + stop.strip()
    return text


def items(catalog: Path) -> list[dict[str, Any]]:
    """Two banners (English, Chinese) per product, one size preset per product."""
    chosen = []
    for index, (product, size) in enumerate(zip(catalogue_products(catalog, len(SIZES)), SIZES)):
        for language in ("en", "zh"):
            chosen.append({
                "product_id": product["id"], "size": size, "language": language,
                "headline": product["name"][language],
                "subline": first_sentence(product.get("description", {}).get(language, ""))[:200],
                "badge": BADGES[language][index % len(BADGES[language])]})
    return chosen


def make_sheet(settings: Settings, target: Path, banners: Path) -> list[dict[str, Any]]:
    """Renders the banners with ``make_banners`` into ``banners`` and writes the sheet."""
    context = ToolContext(settings, catalogue=KnowledgeBase(settings))  # the graph as synced
    try:
        registry = ToolRegistry.from_entry_points(context)
        result = registry.call("make_banners", {"items": items(settings.catalog_dir),
                                                "out_dir": str(banners)})
    finally:
        context.close()
    entries = json.loads((banners / "manifest.json").read_text("utf-8"))["banners"]
    assert len(entries) == result.data["count"]
    compose([(banners / e["file"], f"{e['size']} {e['language']} {e['template']}")
             for e in entries], target)
    return list(entries)


def compose(tiles: list[tuple[Path, str]], target: Path) -> None:
    """Banners left to right in rows ``SHEET_WIDTH`` wide, each labelled beneath."""
    placed: list[tuple[Image.Image, str, int, int]] = []
    x = y = row_height = 0
    for path, label in tiles:
        with Image.open(path) as banner:
            shown = banner.convert("RGB")
        shown.thumbnail(TILE, Image.Resampling.LANCZOS)
        if x and x + shown.width > SHEET_WIDTH - GAP:
            x, y, row_height = 0, y + row_height + LABEL + GAP, 0
        placed.append((shown, label, GAP + x, GAP + y))
        x += shown.width + GAP
        row_height = max(row_height, shown.height)
    sheet = Image.new("RGB", (SHEET_WIDTH, 2 * GAP + y + row_height + LABEL), (228, 228, 232))
    draw = ImageDraw.Draw(sheet)
    for shown, label, left, top in placed:
        sheet.paste(shown, (left, top))
        draw.text((left, top + shown.height + 4), label, fill=(40, 40, 48), font=font(15))
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    settings = Settings()
    parser.add_argument("--out", type=Path, default=settings.data_dir / "contact_sheet.png")
    parser.add_argument("--banners", type=Path, help="keep the banners here (default: a "
                        "temporary folder, so every run renders afresh)")
    parser.add_argument("--json", type=Path, help="write a summary here")
    args = parser.parse_args()
    if not (settings.catalog_dir / "products.jsonl").is_file():
        parser.exit(1, f"no catalogue in {settings.catalog_dir}: run `shopmind demo-data` first\n")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        entries = make_sheet(settings, args.out, args.banners or Path(scratch) / "banners")
    seconds = time.perf_counter() - started
    sizes = sorted({e["size"] for e in entries}, key=lambda s: list(map(int, s.split("x"))))
    print(f"{len(entries)} banners in {len(sizes)} sizes ({', '.join(sizes)}) in {seconds:.1f} s;"
          f" contact sheet: {args.out}")
    missing = {f"{w}x{h}" for w, h in PRESETS.values()} - set(sizes)
    if missing:
        print(f"presets missing from the sheet: {', '.join(sorted(missing))}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"banners": len(entries), "sizes": sizes,
                                         "seconds": round(seconds, 1),
                                         "contact_sheet": str(args.out)}, indent=2))


if __name__ == "__main__":
    main()
