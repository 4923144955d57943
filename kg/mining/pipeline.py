"""Mining the catalogue into relations: per product (values from text, concepts) when a
product is written, and across the catalogue (related tags, complements, similar products,
aliases) as ``ingest`` writes a catalogue."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from kg.facts import Edge, NodeData, ProductFacts, product_node_data, value_node
from kg.graph import ProductGraph, long_lived_objects
from kg.kinds import KINDS, kind_of, lineage
from kg.lexicon import COLOUR_ZH, MATERIAL_ZH
from kg.mining.complements import complements
from kg.mining.concepts import CONCEPTS, concepts_for
from kg.mining.resolve import group_variants
from kg.mining.tags import related_tags
from kg.mining.values import HasAttributes, ValueLexicon
from kg.schema import OrderRow, ProductRow

SIMILAR_PER_PRODUCT = 3
MIN_SIMILARITY = 0.25


@dataclass
class Miner:
    """Per-product mining with a value lexicon learned from the catalogue."""

    lexicon: ValueLexicon = field(default_factory=ValueLexicon)

    @classmethod
    def learn(cls, rows: Iterable[HasAttributes]) -> Miner:
        return cls(ValueLexicon.learn(rows))

    def local_edges(self, row: ProductRow) -> list[tuple[Edge, NodeData]]:
        source = f"product:{row.id}"
        edges: list[tuple[Edge, NodeData]] = []
        text = " ".join(filter(None, (row.name.en, row.description.en, row.name.zh,
                                      row.description.zh)))
        seen = {value_node(a, v) for a, vs in row.attributes.items()
                for v in (vs if isinstance(vs, list) else [vs])}
        for mention in self.lexicon.extract(text):
            node = value_node(mention.attribute, mention.value)
            if node not in seen:
                seen.add(node)
                data = {"source": "text", "quote": text[mention.span[0]:mention.span[1]]}
                edges.append(((source, node, "has_value", data),
                              {"label_en": str(mention.value), "attribute": mention.attribute}))
        edges += kind_edges(row)
        facts = ProductFacts.from_node(row.id, product_node_data(row))
        concepts = {c.id: c for c in CONCEPTS}
        for concept_id, why in concepts_for(facts).items():
            concept = concepts[concept_id]
            edges.append(((source, f"concept:{concept_id}", "suits", {"evidence": why}),
                          {"label_en": concept.label_en, "label_zh": concept.label_zh}))
        return edges


def kind_edges(row: ProductRow) -> list[tuple[Edge, NodeData]]:
    """``product -is_kind-> kind:<id>`` for the kind its name says (``kg.kinds``), and the
    kind's chain of ``is_a`` edges up the kind tree."""
    kind = kind_of(row.name.en, row.name.zh)
    if kind is None:
        return []
    chain = lineage(kind)
    edges: list[tuple[Edge, NodeData]] = [
        ((f"product:{row.id}", f"kind:{kind}", "is_kind", {}), _kind_data(kind))]
    for child, parent in pairwise(chain):
        edges.append(((f"kind:{child}", f"kind:{parent}", "is_a", {}), _kind_data(parent)))
    return edges


def _kind_data(kind_id: str) -> NodeData:
    kind = KINDS[kind_id]
    return {"label_en": kind.label_en, "label_zh": kind.label_zh}


@dataclass
class MiningReport:
    products: int = 0
    related_tag: int = 0
    complements: int = 0
    similar_to: int = 0
    alias_of: int = 0


def ingest(graph: ProductGraph, batches: Iterable[list[ProductRow]], orders: list[OrderRow],
           miner: Miner | None = None) -> MiningReport:
    """Writes products batch by batch with their local relations, then the catalogue-wide
    ones. Similar products are found within a batch (one batch for ordinary catalogues);
    the value lexicon is learned from the first batch unless a miner is given."""
    with long_lived_objects():
        return _ingest(graph, batches, orders, miner)


def _ingest(graph: ProductGraph, batches: Iterable[list[ProductRow]], orders: list[OrderRow],
            miner: Miner | None) -> MiningReport:
    report = MiningReport()
    for edge_type in ("similar_to", "alias_of"):
        graph.replace_edges(edge_type, [])
    tag_lists: list[tuple[str, ...]] = []
    for batch in batches:
        miner = miner or Miner.learn(batch)
        graph.upsert_products(batch, miner.local_edges)
        tag_lists += [tuple(sys.intern(t) for t in row.tags) for row in batch]
        similar, aliases = similar_products(batch), alias_edges(batch)
        graph.add_edges(similar + aliases)
        report.products += len(batch)
        report.similar_to += len(similar)
        report.alias_of += len(aliases)
    tag_edges = [((f"tag:{r.a}", f"tag:{r.b}", "related_tag",
                   {"weight": r.npmi, "evidence": r.evidence}), None)
                 for r in related_tags(tag_lists)]
    graph.replace_edges("related_tag", tag_edges)
    baskets = [[line.product_id for line in order.lines] for order in orders]
    bought = [((f"product:{c.a}", f"product:{c.b}", "complements",
                {"weight": c.lift, "evidence": c.evidence}), None) for c in complements(baskets)]
    graph.replace_edges("complements", bought)
    report.related_tag, report.complements = len(tag_edges), len(bought)
    return report


def _features(row: ProductRow) -> set[str]:
    features = {f"tag:{t}" for t in row.tags}
    for attribute, value in row.attributes.items():
        for item in value if isinstance(value, list) else [value]:
            features.add(value_node(attribute, item))
    return features


def similar_products(rows: list[ProductRow]) -> list[tuple[Edge, NodeData | None]]:
    """Top products of the same category by Jaccard similarity of tags and values.
    Candidates come from shared rare features (at most 200 per product), so this stays
    near-linear on large catalogues."""
    by_category: dict[str, list[ProductRow]] = defaultdict(list)
    for row in rows:
        by_category[row.category].append(row)
    edges: list[tuple[Edge, NodeData | None]] = []
    for members in by_category.values():
        features = {r.id: _features(r) for r in members}
        postings: dict[str, list[str]] = defaultdict(list)
        for product_id, items in features.items():
            for item in items:
                postings[item].append(product_id)
        for product_id, items in features.items():
            edges += _nearest(product_id, items, features, postings)
    return edges


def _nearest(product_id: str, items: set[str], features: dict[str, set[str]],
             postings: dict[str, list[str]]) -> list[tuple[Edge, NodeData | None]]:
    candidates: set[str] = set()
    for item in sorted(items, key=lambda f: len(postings[f])):
        candidates.update(postings[item][:200])
        if len(candidates) >= 200:
            break
    candidates.discard(product_id)
    scored = sorted(((len(items & features[c]) / len(items | features[c]), c)
                     for c in candidates), reverse=True)[:SIMILAR_PER_PRODUCT]
    return [((f"product:{product_id}", f"product:{c}", "similar_to",
              {"weight": round(score, 3)}), None) for score, c in scored if score >= MIN_SIMILARITY]


def alias_edges(rows: list[ProductRow]) -> list[tuple[Edge, NodeData | None]]:
    """Alias nodes for every surface form of a brand or value that differs from its
    canonical node name, and for Chinese names of colours and materials."""
    edges: list[tuple[Edge, NodeData | None]] = []
    brands = group_variants(row.brand for row in rows)
    for key, forms in brands.items():
        edges += _aliases("brand", forms, f"brand:{key}", key)
    values: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for attribute, value in row.attributes.items():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    values[attribute].add(item)
    for attribute, surfaces in values.items():
        for key, forms in group_variants(surfaces).items():
            zh = (COLOUR_ZH if attribute == "colour" else MATERIAL_ZH).get(key)
            edges += _aliases(attribute, forms + ([zh] if zh else []),
                              f"value:{attribute}={key}", key)
    return edges


def _aliases(kind: str, forms: list[str], target: str, key: str
             ) -> list[tuple[Edge, NodeData | None]]:
    data: dict[str, Any] = {}
    return [((f"alias:{kind}={form}", target, "alias_of", data),
             {"label_en": form, "canonical": key})
            for form in forms if form != key]
