"""``shopmind translate``: images or a job's banners in another language, with a progress bar.

    shopmind translate supplier.jpg --to en            # supplier.en.png + supplier.en.json
    shopmind translate photos/ --to es --out photos-es/ # every image in a folder
    shopmind translate var/jobs/banners-1a2b --to de    # banners Shopmind made, laid out again
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from shopmind.errors import InvalidInput, ShopmindError
from shopmind.settings import Settings
from tools.cutout.images import IMAGE_SUFFIXES
from tools.synth.manifest import MANIFEST_JSON
from ui.cli_errors import reports_errors
from ui.cli_progress import console, progress_bar

LANGUAGES = ("en", "zh", "es", "de", "fr", "ja")
TOOL = "translate_image"


@reports_errors
def translate(source: Annotated[Path, typer.Argument(
                  help="an image, a folder of images, or a folder of banners (manifest.json)")],
              to: Annotated[str, typer.Option("--to", help="en, zh, es, de, fr or ja")],
              from_: Annotated[str | None, typer.Option(
                  "--from", help="the text's language (default: detected)")] = None,
              out: Annotated[Path | None, typer.Option(
                  help="output file (one image) or folder")] = None) -> None:
    """Translate the text on images, or re-make a job's banners in another language."""
    from ui.platform import Platform

    for language in (to, from_):
        if language is not None and language not in LANGUAGES:
            raise InvalidInput(f"unknown language {language!r}: use one of {', '.join(LANGUAGES)}")
    registry = Platform(Settings()).registry
    if source.is_dir() and (source / MANIFEST_JSON).is_file():
        inputs = {"banners_dir": str(source), "target": to, "source": from_,
                  "out_path": str(out) if out else None}
        with progress_bar() as bar:
            task = bar.add_task(f"banners -> {to}", total=None)
            result = registry.call(TOOL, inputs, lambda done, total, _m: bar.update(
                task, completed=done, total=total))
        typer.echo(result.text)
        return
    _images(registry, _image_files(source), to, from_, out)


def _images(registry: Any, files: list[Path], to: str, from_: str | None, out: Path | None) -> None:
    failed: list[str] = []
    with progress_bar() as bar:
        task = bar.add_task(f"images -> {to}", total=len(files))
        for path in files:
            target = None
            if out is not None:
                target = out if len(files) == 1 and out.suffix else out / f"{path.stem}.{to}.png"
            try:
                result = registry.call(TOOL, {"image_path": str(path), "target": to, "source": from_,
                                      "out_path": str(target) if target else None})
                console.print(result.text, highlight=False)
            except ShopmindError as exc:  # one bad file is listed; the rest go on
                failed.append(f"{path.name}: {exc}")
            bar.advance(task)
    for line in failed:
        console.print(f"[red]failed[/red] {line}", highlight=False)
    typer.echo(f"{len(files) - len(failed)} of {len(files)} images translated to {to}")
    if failed:
        raise typer.Exit(2)


def _image_files(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise InvalidInput(f"{source} does not exist")
    files = sorted(p for p in source.iterdir()
                   if p.suffix.lower() in IMAGE_SUFFIXES and not _is_output(p))
    if not files:
        raise InvalidInput(f"{source} holds no images")
    return files


def _is_output(path: Path) -> bool:
    """A translation written beside its original (IMAGE.es.png) is not translated again."""
    return path.suffixes[-2:-1] in ([f".{language}"] for language in LANGUAGES)
