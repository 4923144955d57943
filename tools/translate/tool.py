"""The ``translate_image`` tool: one image from elsewhere, or a job's banners, in another
language.

Example::

    registry.call("translate_image", {"image_path": "supplier.jpg", "target": "en"})
    # supplier.en.png and supplier.en.json: the text found, its translation and where it was
    # set; untranslatable text is listed, never guessed
    registry.call("translate_image", {"banners_dir": "var/jobs/banners-1a2b", "target": "es"})
    # the banners laid out again in Spanish, with their manifest and translation.json
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from PIL import Image
from pydantic import BaseModel, Field, model_validator

from agents.llm import chat_model
from kg.facts import ProductFacts
from shopmind.errors import InvalidInput, NotFound
from tools.base import Progress, Tool, ToolContext, ToolResult
from tools.cutout.images import read_photo
from tools.synth.batch import run_batch
from tools.synth.manifest import MANIFEST_JSON, atomic_write
from tools.synth.plan import catalogue_image
from tools.synth.render import render_spec
from tools.translate.banners import BannerTranslation, BannerTranslator
from tools.translate.image import translate_image
from tools.translate.texts import TextTranslator

Language = Literal["en", "zh", "es", "de", "fr", "ja"]
REPORT = "translation.json"


class TranslateInput(BaseModel):
    """One image (``image_path``) or a folder of banners Shopmind made (``banners_dir``)."""

    target: Language
    source: Language | None = Field(default=None, description="default: detected")
    image_path: str | None = None
    banners_dir: str | None = Field(default=None, description="a make_banners output folder")
    out_path: str | None = Field(default=None, description="image: default IMAGE.<target>.png; "
                                 "banners: default <banners_dir>-<target>")

    @model_validator(mode="after")
    def _one_input(self) -> TranslateInput:
        if bool(self.image_path) == bool(self.banners_dir):
            raise ValueError("give image_path or banners_dir (one of them)")
        return self


class TranslateTool(Tool):
    name = "translate_image"
    description = ("Translate the text on an image (found by OCR, removed, set again in the "
                   "target language) or re-make a job's banners in another language.")
    input_model = TranslateInput

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self._translator: TextTranslator | None = None
        self._version: int | None = None
        self._copy: Any = None

    def translator(self) -> TextTranslator:
        """Built over the catalogue's products (names in both languages), again when it
        changes; the configured chat model, if any, is the last resort."""
        version = self.context.catalogue.version
        if self._translator is None or version != self._version:
            products = self.context.catalogue.products()
            self._translator = TextTranslator(products, chat_model(self.context.settings))
            self._version = version
        return self._translator

    def run(self, inputs: TranslateInput, progress: Progress | None = None) -> ToolResult:
        if inputs.image_path:
            return self._image(inputs, Path(inputs.image_path), progress)
        return self._banners(inputs, Path(str(inputs.banners_dir)), progress)

    def _image(self, inputs: TranslateInput, path: Path, progress: Progress | None
               ) -> ToolResult:
        photo = read_photo(path)
        target = (Path(inputs.out_path) if inputs.out_path
                  else path.with_name(f"{path.stem}.{inputs.target}.png"))
        target.parent.mkdir(parents=True, exist_ok=True)
        remade = self._remade(path, inputs.target, target)
        if remade is not None:  # a banner Shopmind made: laid out again, not painted over
            return remade
        if progress:
            progress(0, 1, f"reading the text on {path.name}")
        done = translate_image(photo.rgb, inputs.target, self.translator(), inputs.source)
        atomic_write(target, _encoded(done.image, target.suffix))
        report = {"image": path.name, **done.report()}
        report_path = target.with_suffix(".json")
        atomic_write(report_path, json.dumps(report, ensure_ascii=False, indent=2).encode())
        if progress:
            progress(1, 1, f"translated {path.name}")
        replaced = sum(block.replaced for block in done.blocks)
        missing = done.untranslated
        text = f"{path.name}: {replaced} of {len(done.blocks)} texts set in {inputs.target}"
        if missing:
            text += f"; not translated: {', '.join(missing[:5])}"
        return ToolResult(text=text, files=[target, report_path], data=report)

    def _remade(self, path: Path, target_language: str, target: Path) -> ToolResult | None:
        """The banner at ``path`` made again in the target language, when its folder's
        manifest knows it (its product, texts and layout inputs); None otherwise."""
        entry = banner_entry(path)
        if entry is None:
            return None
        translation = self._translate_entries([entry], target_language)[0]
        if translation.spec is None:
            return None  # e.g. its product left the catalogue: the image route still works
        fmt = {".png": "png", ".webp": "webp"}.get(target.suffix.lower(), "jpg")
        rendered = render_spec(replace(translation.spec, format=fmt))
        atomic_write(target, rendered.data)
        report = {"image": path.name, "target": target_language, "remade": True,
                  **translation.as_dict(), "fitted": rendered.scores["fitted"],
                  "untranslated": translation.problems}
        report_path = target.with_suffix(".json")
        atomic_write(report_path, json.dumps(report, ensure_ascii=False, indent=2).encode())
        text = f"{path.name}: laid out again in {target_language}"
        if translation.problems:
            text += f" ({'; '.join(translation.problems[:3])})"
        return ToolResult(text=text, files=[target, report_path], data=report)

    def _banners(self, inputs: TranslateInput, folder: Path, progress: Progress | None
                 ) -> ToolResult:
        manifest = folder / MANIFEST_JSON
        if not manifest.is_file():
            raise InvalidInput(f"{folder} has no {MANIFEST_JSON}: not a folder of banners")
        try:
            entries = json.loads(manifest.read_text(encoding="utf-8"))["banners"]
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidInput(f"{manifest} is not a banner manifest: {exc}") from exc
        out_dir = Path(inputs.out_path) if inputs.out_path else folder.with_name(
            f"{folder.name}-{inputs.target}")
        translations = self._translate_entries(entries, inputs.target)
        specs = [t.spec for t in translations if t.spec is not None]
        report = run_batch(specs, out_dir, self.context.executor(), progress)
        document = {"target": inputs.target, "from": str(folder),
                    "banners": [t.as_dict() for t in translations]}
        atomic_write(out_dir / REPORT, json.dumps(document, ensure_ascii=False,
                                                  indent=2).encode())
        problems = sum(bool(t.problems) for t in translations)
        return ToolResult(
            text=f"{len(specs)} of {len(entries)} banners in {inputs.target} in {out_dir}"
                 + (f" ({problems} with texts left off or replaced; see {REPORT})"
                    if problems else ""),
            files=[out_dir / e["file"] for e in report.entries] + [out_dir / REPORT],
            data={"out_dir": str(out_dir), "count": len(specs), "of": len(entries),
                  "banners": document["banners"]})

    def _translate_entries(self, entries: list[Any], target: str) -> list[BannerTranslation]:
        banners = BannerTranslator(self.translator(), self._write)
        out = []
        for entry in entries:
            if not isinstance(entry, dict) or not entry.get("product_id") or not entry.get("size"):
                out.append(BannerTranslation(str(entry)[:60], None, {},
                                             ["manifest entry without product_id or size"]))
                continue
            try:
                product = self.context.catalogue.product(str(entry["product_id"]))
            except NotFound:
                out.append(BannerTranslation(str(entry.get("file")), None, {},
                                             [f"unknown product {entry['product_id']!r}"]))
                continue
            image, _mask = catalogue_image(self.context.settings.catalog_dir, product.image,
                                           product.id)
            out.append(banners.translate(entry, product, image, target))
        return out

    def _write(self, product: ProductFacts, kind: str, language: str, campaign: str | None
               ) -> str | None:
        """Li Bai's headline or subline for ``product`` (None when it writes nothing)."""
        from agents.libai.tool import CopyInput, CopyTool

        if self._copy is None:
            self._copy = CopyTool(self.context)
        seed = int(hashlib.sha256(product.id.encode()).hexdigest()[:6], 16) % 1000
        result = self._copy.run(CopyInput.model_validate({
            "product_id": product.id, "kind": kind, "language": language, "campaign": campaign,
            "seed": seed}))
        texts = result.data.get("texts") or []
        return str(texts[0]) if texts else None


def _encoded(rgb: Any, suffix: str) -> bytes:
    """The image in the format its file name says (PNG unless .jpg/.jpeg or .webp)."""
    buffer = io.BytesIO()
    image = Image.fromarray(rgb)
    fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}.get(suffix.lower(), "PNG")
    image.save(buffer, fmt, **({"quality": 92} if fmt != "PNG" else {}))
    return buffer.getvalue()


def banner_entry(path: Path) -> dict[str, Any] | None:
    """The manifest entry of a banner Shopmind made (from the manifest beside it; a job's
    manifest is read once per version, not once per banner)."""
    manifest = path.parent / MANIFEST_JSON
    try:
        stat = manifest.stat()
    except OSError:
        return None
    entry = _manifest_entries(manifest, stat.st_mtime_ns, stat.st_size).get(path.name)
    return dict(entry) if entry is not None else None


@lru_cache(maxsize=8)
def _manifest_entries(manifest: Path, mtime_ns: int, size: int) -> dict[str, dict[str, Any]]:
    """The banners a manifest can make again, by file name."""
    del mtime_ns, size  # part of the cache key: a rewritten manifest is read again
    try:
        banners = json.loads(manifest.read_text(encoding="utf-8")).get("banners", [])
    except (OSError, ValueError, AttributeError):
        return {}
    return {str(entry["file"]): entry for entry in banners
            if isinstance(entry, dict) and entry.get("file") and entry.get("product_id")
            and entry.get("size") and entry.get("headline")}
