"""The ``shopmind`` command line.

    shopmind serve                      # what `make run` runs
    shopmind demo-data                  # write the demo catalogue
    shopmind ask "make 200 banners for the summer sale" --yes   # the studio, over HTTP
    shopmind tools                      # the registered tools
    shopmind train                      # train the Rasa model if its data changed
    shopmind cutout photos/ --out cutouts/   # transparent PNGs of every product photo
    shopmind copy --product ID --kind title --tone playful --lang zh --n 10   # Li Bai's copy
    shopmind users add --role merchant --name "Acme"   # accounts and tokens
    shopmind jobs --follow JOB_ID       # a merchant's jobs, or one followed live
    shopmind translate banner.jpg --to es   # the text on images (or a job's banners) translated
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from shopmind.settings import Settings
from ui.ask_cli import ask
from ui.cli_errors import reports_errors
from ui.cli_progress import progress_bar
from ui.jobs_cli import jobs
from ui.translate_cli import translate
from ui.users_cli import users

app = typer.Typer(help="Shopmind: e-commerce AI for merchants and shoppers.",
                  no_args_is_help=True, add_completion=False)
app.add_typer(users, name="users")
app.command("jobs")(jobs)
app.command("ask")(ask)
app.command("translate")(translate)


@app.command("demo-data")
@reports_errors
def demo_data(out: Annotated[Path | None, typer.Option(help="catalogue folder")] = None,
              seed: int = 7) -> None:
    """Write the demo catalogue (products, images and masks, FAQ, shoppers, orders)."""
    from kg.demo.writer import write_demo_catalog

    settings = Settings()
    target = out or settings.catalog_dir
    catalog = write_demo_catalog(target, seed=seed, workers=settings.workers)
    typer.echo(f"wrote {len(catalog.products)} products, {len(catalog.faqs)} FAQ entries, "
               f"{len(catalog.profiles)} shoppers and {len(catalog.orders)} orders to {target}")


@app.command()
@reports_errors
def tools() -> None:
    """List the registered tools (built-in and plugins)."""
    from ui.platform import Platform

    for tool in Platform(Settings()).registry.describe():
        typer.echo(f"{tool['name']:20} {tool['description']}  [{tool['origin']}]")


@app.command()
@reports_errors
def train() -> None:
    """Train the Rasa models (shoppers', studio's) unless cached ones match their data."""
    from dialog.training import SHOPPERS, STUDIO, ensure_model

    for kind in (SHOPPERS, STUDIO):
        model, trained = ensure_model(Settings(), model=kind)
        typer.echo(f"{'trained' if trained else 'reusing'} the {kind.name} model {model}")


@app.command()
@reports_errors
def serve(rasa: Annotated[bool, typer.Option(
        help="start the Rasa child; --no-rasa serves the app alone")] = True) -> None:
    """Start Rasa and the app on 127.0.0.1 (what `make run` runs)."""
    from ui.serve import serve as run_platform

    run_platform(Settings(), lambda message: typer.echo(message), with_rasa=rasa)


@app.command()
@reports_errors
def cutout(in_dir: Annotated[Path, typer.Argument(help="folder of product photos")],
           out: Annotated[Path, typer.Option("--out", help="folder for the RGBA PNGs")],
           backend: Annotated[str, typer.Option(help="fused, classic or yolo")] = "fused",
           workers: Annotated[int | None, typer.Option(help="parallel processes")] = None,
           keep: Annotated[str, typer.Option(help="main or all products")] = "main",
           keep_shadow: bool = False, padding: int = 0,
           weights: Annotated[Path | None, typer.Option(help="YOLO weights")] = None) -> None:
    """Cut out every photo in a folder (parallel, resumable, errors listed at the end)."""
    from tools.cutout.batch import run_batch
    from tools.cutout.pipeline import parse_options

    settings = Settings()
    options = parse_options({"backend": backend, "keep": keep, "keep_shadow": keep_shadow,
                             "padding": padding})
    with progress_bar() as bar:
        task = bar.add_task("cutout", total=None)
        report = run_batch(in_dir, out, options, settings, workers or settings.workers, weights,
                           lambda done, total, _: bar.update(task, completed=done, total=total))
    typer.echo(report.summary())
    if report.failed:
        raise typer.Exit(2)


@app.command("copy")
@reports_errors
def copy_text(
    product: Annotated[str | None, typer.Option(help="product id")] = None,
    kind: Annotated[str, typer.Option(help="copy, title, headline, subline, bullet, post, "
                                           "hashtags (comma-separated with --all)")] = "copy",
    tone: Annotated[str, typer.Option(help="professional, playful, premium, urgent")
                    ] = "professional",
    lang: Annotated[str, typer.Option(help="en or zh")] = "en",
    n: Annotated[int, typer.Option(help="how many texts")] = 1,
    campaign: Annotated[str | None, typer.Option(help='e.g. "summer sale"')] = None,
    all_products: Annotated[bool, typer.Option("--all", help="every product (batch)")] = False,
    out: Annotated[Path | None, typer.Option(help="JSON lines file for --all")] = None,
) -> None:
    """Write product copy with Li Bai (one product, or the whole catalogue with --all)."""
    from agents.libai.command import run_batch, run_single

    settings = Settings()
    if all_products:
        with progress_bar() as bar:
            task = bar.add_task("copy", total=None)
            count = run_batch(settings, kind, tone, lang, n, campaign, out,
                              lambda done, total, _: bar.update(task, completed=done,
                                                                total=total))
        typer.echo(f"wrote {count} rows" + (f" to {out}" if out else ""))
        return
    for line in run_single(settings, product, kind, tone, lang, n, campaign):
        typer.echo(line)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
