"""Image translation: OCR, text removal, fitting and coverage, on banners the project renders
in Chinese and in English with known texts (``tools.translate.corpus``: 64 banners, three
sizes, a quarter of them on a procedural texture), each also rendered without its text.

Measured, all in the same run:

- ``ocr_char_accuracy``: 1 - character edit distance / characters, per drawn line against the
  OCR lines that overlap it most (whitespace ignored: OCR drops the spaces between Chinese
  phrases);
- removal, from the OCR boxes as the product gets them: ``removal_mae`` (mean absolute pixel
  difference, 0-255, from the banner rendered without text, over the drawn lines' boxes
  widened by 4 px), for Shopmind's remover (``erase.``) and OpenCV's ``inpaint`` (Telea,
  radius 5) over the same glyph mask (``telea.``) and over the whole OCR boxes
  (``telea_box.``); ``residual_text_rate``: the share of the original characters that OCR
  still reads after removal;
- translation of each banner image into the other five languages (``image.``): the share of
  text blocks translated (``translated_rate.<lang>``), the share of set translations that fit
  without clipping or overlap (``fit_rate``), seconds per image (OCR, translation, removal,
  setting; ``s_per_image``);
- the same banners made again from their texts (``banner.``), as for banners Shopmind made:
  texts translated per language, banners whose layout fitted every text (``fit_rate``).

A contact sheet of before/after pairs in every language is written (``--sheet``).

    python bench/translate.py [--json PATH] [--count 80] [--sheet PATH] [--copy test|dev]

The banners' texts come from ``bench/data/translate_copy_test.yml`` (written blind: its
authors never saw the glossary; reported only) or, with ``--copy dev``, from the development
set the glossary may be improved against.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import numpy as np
import yaml
from PIL import Image, ImageDraw

from agents.libai.catalogue import demo_products
from agents.libai.pipeline import CopyRequest, CopyWriter
from kg.facts import ProductFacts
from tools.layout.fonts import font
from tools.synth.render import render_spec
from tools.translate.banners import BannerTranslator
from tools.translate.corpus import BannerPair, Copy, TruthLine, corpus_specs, render_pair
from tools.translate.erase import erase_text, glyph_mask, telea
from tools.translate.image import translate_image
from tools.translate.ocr import TextLine, read_text
from tools.translate.texts import TextTranslator

LANGUAGES = ("en", "zh", "es", "de", "fr", "ja")
REMOVERS = ("erase", "telea", "telea_box")


def squeeze(text: str) -> str:
    return "".join(text.split())


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> int:
    return max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))


def assigned(truth: list[TruthLine], found: list[TextLine]) -> list[str]:
    """Per drawn line, the OCR text whose box overlaps it most (joined left to right)."""
    texts: list[list[TextLine]] = [[] for _ in truth]
    for line in found:
        scores = [_overlap(t.box, line.box) for t in truth]
        if scores and max(scores) > 0:
            texts[int(np.argmax(scores))].append(line)
    return ["".join(squeeze(x.text) for x in sorted(group, key=lambda x: x.box[0]))
            for group in texts]


def ocr_scores(pair: BannerPair, found: list[TextLine]) -> tuple[int, int]:
    """(edit distance, characters) summed over the drawn lines."""
    read = assigned(pair.lines, found)
    edits = sum(edit_distance(squeeze(t.text), r) for t, r in zip(pair.lines, read, strict=True))
    return edits, sum(len(squeeze(t.text)) for t in pair.lines)


def residual(pair: BannerPair, found_after: list[TextLine]) -> int:
    """Original characters OCR still reads after removal (matched in order)."""
    read = assigned(pair.lines, found_after)
    total = 0
    for line, text in zip(pair.lines, read, strict=True):
        matcher = difflib.SequenceMatcher(None, squeeze(line.text), text, autojunk=False)
        total += sum(block.size for block in matcher.get_matching_blocks())
    return total


def region(pair: BannerPair, pad: int = 4) -> np.ndarray:
    mask = np.zeros(pair.with_text.shape[:2], dtype=bool)
    for line in pair.lines:
        x0, y0, x1, y1 = line.box
        mask[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad] = True
    return mask


def mae(image: np.ndarray, pair: BannerPair, where: np.ndarray) -> float:
    diff = np.abs(image.astype(np.int16) - pair.without_text.astype(np.int16)).mean(axis=2)
    return float(diff[where].mean())


def box_mask(shape: tuple[int, ...], boxes: list[tuple[int, int, int, int]]) -> np.ndarray:
    mask = np.zeros(shape[:2], dtype=bool)
    for x0, y0, x1, y1 in boxes:
        mask[max(0, y0 - 2):y1 + 2, max(0, x0 - 2):x1 + 2] = True
    return mask


class Tally:
    """Sums and counts by key, and the figures derived from them."""

    def __init__(self) -> None:
        self.sums: dict[str, float] = {}
        self.counts: dict[str, float] = {}

    def add(self, key: str, value: float, count: float = 1.0) -> None:
        self.sums[key] = self.sums.get(key, 0.0) + value
        self.counts[key] = self.counts.get(key, 0.0) + count

    def mean(self, key: str) -> float:
        return self.sums.get(key, 0.0) / self.counts[key] if self.counts.get(key) else float("nan")


def removal(pair: BannerPair, found: list[TextLine], tally: Tally) -> dict[str, np.ndarray]:
    boxes = [line.box for line in found]
    where = region(pair)
    kind = "texture" if pair.texture else "plain"
    started = time.perf_counter()
    ours = erase_text(pair.with_text, boxes)
    tally.add("erase.s", time.perf_counter() - started)
    started = time.perf_counter()
    glyphs = glyph_mask(pair.with_text, boxes)
    baseline = telea(pair.with_text, glyphs)
    tally.add("telea.s", time.perf_counter() - started)
    boxed = telea(pair.with_text, box_mask(pair.with_text.shape, boxes))
    images = {"erase": ours.image, "telea": baseline, "telea_box": boxed}
    for name, image in images.items():
        tally.add(f"{name}.removal_mae", mae(image, pair, where))
        tally.add(f"{name}.removal_mae.{kind}", mae(image, pair, where))
    for name in ("erase", "telea"):
        chars = sum(len(squeeze(t.text)) for t in pair.lines)
        tally.add(f"{name}.residual_text_rate", residual(pair, read_text(images[name])), chars)
    return images


def image_translations(pair: BannerPair, found: list[TextLine], translator: TextTranslator,
                       tally: Tally, first: bool) -> dict[str, np.ndarray]:
    out = {}
    for target in LANGUAGES:
        if target == pair.language:
            continue
        started = time.perf_counter()
        done = translate_image(pair.with_text, target, translator, pair.language,
                               None if first else found)
        seconds = time.perf_counter() - started
        if first:
            tally.add("image.s_per_image", seconds)
            first = False
        for block in done.blocks:
            tally.add(f"image.translated_rate.{target}", float(block.translation.text is not None))
        for block in done.attempted:
            tally.add("image.fit_rate", float(block.fits))
            tally.add(f"image.fit_rate.{target}", float(block.fits))
        out[target] = done.image
    return out


def banner_translations(pair: BannerPair, spec: Any, products: dict[str, ProductFacts],
                        banners: BannerTranslator, tally: Tally) -> dict[str, np.ndarray]:
    from tools.synth.batch import describe

    entry = describe(spec, pair.name)
    product = products[spec.product_id]
    out = {}
    for target in LANGUAGES:
        if target == pair.language:
            continue
        result = banners.translate(entry, product, spec.image, target)
        for source in result.sources.values():
            tally.add(f"banner.translated_rate.{target}", float(source != "none"))
            tally.add(f"banner.source.{source}", 1.0, 0.0)
        if result.spec is None:
            tally.add("banner.fit_rate", 0.0)
            continue
        started = time.perf_counter()
        rendered = render_spec(result.spec)
        tally.add("banner.s_per_banner", time.perf_counter() - started)
        tally.add("banner.fit_rate", float(rendered.scores["fitted"]
                                           and not rendered.scores["dropped"]))
        out[target] = np.asarray(Image.open(io.BytesIO(rendered.data)).convert("RGB"))
    return out


def writer_for(products: list[ProductFacts]) -> Any:
    copy = CopyWriter(products)

    def write(product: ProductFacts, kind: str, language: str, campaign: str | None
              ) -> str | None:
        texts = copy.write_for(product, CopyRequest(product.id, kind, "professional",  # type: ignore[arg-type]
                                                    language, 1, campaign, 0)).texts  # type: ignore[arg-type]
        return texts[0] if texts else None

    return write


def summary(tally: Tally, count: int) -> dict[str, float]:
    results: dict[str, float] = {"banners": float(count)}
    for key in sorted(tally.counts):
        if key.startswith("banner.source."):
            results[key] = tally.sums[key]
        else:
            results[key] = round(tally.mean(key), 4)
    results["ocr_char_accuracy"] = round(1 - tally.sums["ocr.edits"] / tally.sums["ocr.chars"], 4)
    results.pop("ocr.edits", None)
    results.pop("ocr.chars", None)
    for name in ("erase", "telea"):
        results[f"{name}.residual_text_rate"] = round(
            tally.sums[f"{name}.residual_text_rate"] / tally.counts[f"{name}.residual_text_rate"],
            4)
    return results


def table(results: dict[str, float]) -> str:
    lines = [f"banners: {int(results['banners'])} (zh and en, a quarter on texture)",
             f"ocr_char_accuracy  {results['ocr_char_accuracy']:.4f}  (target >= 0.95)", "",
             f"{'remover':10} {'MAE all':>8} {'plain':>8} {'texture':>8} {'residual':>9} "
             + f"{'s/img':>7}"]
    for name in REMOVERS:
        lines.append(
            f"{name:10} {results[f'{name}.removal_mae']:8.2f} "
            f"{results.get(f'{name}.removal_mae.plain', float('nan')):8.2f} "
            f"{results.get(f'{name}.removal_mae.texture', float('nan')):8.2f} "
            f"{results.get(f'{name}.residual_text_rate', float('nan')):9.4f} "
            f"{results.get(f'{name}.s', float('nan')):7.3f}")
    lines += ["", f"{'path':7} {'fit_rate':>8} " + " ".join(f"{lang:>6}" for lang in LANGUAGES)
              + f" {'s/img':>7}"]
    for path, speed in (("image", "image.s_per_image"), ("banner", "banner.s_per_banner")):
        rates = " ".join(f"{results.get(f'{path}.translated_rate.{lang}', float('nan')):6.3f}"
                         for lang in LANGUAGES)
        lines.append(f"{path:7} {results[f'{path}.fit_rate']:8.4f} {rates} "
                     f"{results.get(speed, float('nan')):7.3f}")
    lines.append("(per-language columns: translated_rate; targets fit_rate 1.0, residual "
                 "<= 0.05)")
    sources = {k.split(".")[-1]: int(v) for k, v in results.items()
               if k.startswith("banner.source.")}
    lines.append(f"banner texts by source: {sources}")
    return "\n".join(lines)


def contact_sheet(rows: list[tuple[str, list[tuple[str, np.ndarray]]]], tile: int = 300
                  ) -> Image.Image:
    columns = max(len(items) for _, items in rows)
    heights = []
    for _, items in rows:
        heights.append(max(round(tile * img.shape[0] / img.shape[1]) for _, img in items) + 22)
    sheet = Image.new("RGB", (columns * (tile + 6) + 6, sum(heights) + 6), "white")
    draw = ImageDraw.Draw(sheet)
    label_font = font(13)
    y = 6
    for (title, items), height in zip(rows, heights, strict=True):
        for index, (caption, image) in enumerate(items):
            x = 6 + index * (tile + 6)
            small = Image.fromarray(image).resize(
                (tile, round(tile * image.shape[0] / image.shape[1])), Image.Resampling.LANCZOS)
            sheet.paste(small, (x, y + 18))
            draw.text((x, y + 2), f"{title} · {caption}", fill=(20, 20, 20), font=label_font)
        y += height
    return sheet


def load_copy(name: str) -> Copy | None:
    """The banner texts: the blind ``test`` set (reported), the ``dev`` set (to improve
    against) or the corpus module's own ``builtin`` ones."""
    if name == "builtin":
        return None
    path = Path(__file__).parent / "data" / f"translate_copy_{name}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {language: [dict(entry) for entry in data[language]] for language in ("en", "zh")}


def run(count: int, catalog: Path, sheet_path: Path | None, copy: Copy | None
        ) -> dict[str, float]:
    facts = demo_products()
    products = {p.id: p for p in facts}
    translator = TextTranslator(facts)
    banners = BannerTranslator(translator, writer_for(facts))
    tally = Tally()
    rows: list[tuple[str, list[tuple[str, np.ndarray]]]] = []
    for index, (spec, texture) in enumerate(corpus_specs(catalog, count, copy)):
        pair = render_pair(spec, texture, index)
        started = time.perf_counter()
        found = read_text(pair.with_text)
        tally.add("ocr.s", time.perf_counter() - started)
        edits, chars = ocr_scores(pair, found)
        tally.add("ocr.edits", edits)
        tally.add("ocr.chars", chars)
        removed = removal(pair, found, tally)
        images = image_translations(pair, found, translator, tally, first=True)
        remade = banner_translations(pair, spec, products, banners, tally)
        if index < 4:
            rows.append((pair.name, [("original", pair.with_text), ("erased", removed["erase"]),
                                     ("telea", removed["telea"])]))
            rows.append((pair.name, [("original", pair.with_text)]
                         + [(f"image {k}", v) for k, v in images.items()]))
            rows.append((pair.name, [("original", pair.with_text)]
                         + [(f"re-made {k}", v) for k, v in remade.items()]))
        print(f"  {index + 1}/{count} {pair.name}", file=sys.stderr)
    if sheet_path is not None and rows:
        sheet_path.parent.mkdir(parents=True, exist_ok=True)
        contact_sheet(rows).save(sheet_path)
        print(f"contact sheet: {sheet_path}")
    return summary(tally, count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--count", type=int, default=80)
    parser.add_argument("--catalog", type=Path, help="a demo catalogue (default: written)")
    parser.add_argument("--copy", choices=("test", "dev", "builtin"), default="test",
                        help="banner texts: the blind test set (default), dev, or builtin")
    parser.add_argument("--sheet", type=Path, default=Path("bench/results/translate_sheet.png"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        catalog = args.catalog
        if catalog is None:
            from kg.demo.writer import write_demo_catalog

            catalog = Path(scratch) / "catalog"
            write_demo_catalog(catalog)
        results = run(args.count, catalog, args.sheet, load_copy(args.copy))
        results["copy_set"] = args.copy  # type: ignore[assignment]
    print(table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
