"""Li Bai for the command line and for whole catalogues.

    writer = writer_for(settings)                    # products from the knowledge graph
    for row in catalogue_rows(writer, kinds=["title"], tones=["playful"], languages=["zh"], n=3):
        print(row["product_id"], row["texts"])

``catalogue_rows`` is the batch mode: every product, kind, tone and language asked for, one
row each, ready to be written as JSON lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from agents.libai.catalogue import graph_products
from agents.libai.kinds import Kind, Language, Tone, check_kind, check_language, check_tone
from agents.libai.pipeline import CopyRequest, CopyWriter
from agents.llm import chat_model
from kg.catalog import read_jsonl
from kg.graph import ProductGraph
from kg.schema import ProductRow
from shopmind.errors import NotFound
from shopmind.settings import Settings

Progress = Callable[[int, int, str], None]


def writer_for(settings: Settings) -> CopyWriter:
    """A writer over the knowledge graph's products (loading the catalogue files into the
    graph first when the graph is empty), with the configured chat model if there is one."""
    graph = ProductGraph(settings.graph_path)
    graph.warm_up()
    products = graph_products(graph)
    catalogue = settings.catalog_dir / "products.jsonl"
    if not products and catalogue.is_file():
        graph.upsert_products(read_jsonl(catalogue, ProductRow).rows)
        products = graph_products(graph)
    if not products:
        raise NotFound(f"the knowledge graph has no products ({settings.graph_path}); "
                       "run `shopmind demo-data` and then `shopmind serve` once, or load a "
                       "catalogue")
    return CopyWriter(products, model=chat_model(settings))


def parse_list(text: str, check: Callable[[str], Any]) -> list[Any]:
    """``"en,zh"`` -> ``["en", "zh"]``, each item checked (a clear error for a bad one)."""
    return [check(item.strip()) for item in text.split(",") if item.strip()]


def parse_choices(kinds: str, tones: str, languages: str
                  ) -> tuple[list[Kind], list[Tone], list[Language]]:
    return (parse_list(kinds, check_kind), parse_list(tones, check_tone),
            parse_list(languages, check_language))


def catalogue_rows(writer: CopyWriter, kinds: Sequence[Kind], tones: Sequence[Tone],
                   languages: Sequence[Language], n: int, campaign: str | None = None,
                   progress: Progress | None = None) -> Iterator[dict[str, Any]]:
    """One row per product x kind x tone x language, in catalogue order."""
    products = writer.products()
    total = len(products) * len(kinds) * len(tones) * len(languages)
    done = 0
    for product in products:
        for kind in kinds:
            for tone in tones:
                for language in languages:
                    result = writer.write(CopyRequest(product.id, kind, tone, language, n,
                                                      campaign))
                    done += 1
                    if progress is not None:
                        progress(done, total, product.id)
                    yield {"product_id": product.id, "kind": kind, "tone": tone,
                           "language": language, "texts": result.texts,
                           "sources": [c.source for c in result.candidates]}
