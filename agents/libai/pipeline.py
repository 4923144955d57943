"""Li Bai's pipeline: product facts -> selling points -> wording -> guards -> ranking.

    writer = CopyWriter(graph.products())                    # or CopyWriter.from_graph(graph)
    result = writer.write(CopyRequest("fw-trail-runner", kind="headline", language="zh", n=3))
    result.texts          # the best 3 texts that passed every guard
    result.rejected       # what the guards threw out, and why

With a chat model (``CopyWriter(products, model=chat_model(settings))``) the model drafts
first and the grammar fills whatever the guards reject.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from agents.libai.catalogue import product_concepts
from agents.libai.compliance import compliance_problems
from agents.libai.compose import Context, Draft
from agents.libai.factcheck import Evidence
from agents.libai.grammar_en import write_english
from agents.libai.grammar_zh import write_chinese
from agents.libai.guards import Guard, near_duplicate_limit
from agents.libai.kinds import Kind, Language, Tone, check_kind, check_language, check_tone
from agents.libai.model import ModelDrafter
from agents.libai.nouns import Subject
from agents.libai.points import SellingPoint, SellingPoints
from agents.libai.ranking import Scored, pick, quality
from kg.facts import ProductFacts
from shopmind.errors import InvalidInput, NotFound

MAX_N = 50
_CACHE_SIZE = 4096


@dataclass(frozen=True)
class CopyRequest:
    product_id: str
    kind: Kind = "copy"
    tone: Tone = "professional"
    language: Language = "en"
    n: int = 1
    campaign: str | None = None
    seed: int = 0


@dataclass(frozen=True)
class Candidate:
    text: str
    source: str
    score: float
    grounded: tuple[str, ...]


@dataclass(frozen=True)
class Rejection:
    text: str
    source: str
    problems: tuple[str, ...]


@dataclass
class CopyResult:
    request: CopyRequest
    candidates: list[Candidate]
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.candidates]


class CopyWriter:
    """Writes copy for the products of one catalogue (their siblings rank the points).

    ``concepts`` names a product's shopping concepts ("rainy-days"); by default the knowledge
    graph's concept rules (:mod:`kg.mining.concepts`)."""

    def __init__(self, products: Iterable[ProductFacts], model: Any | None = None,
                 concepts: Callable[[ProductFacts], Sequence[str]] | None = None) -> None:
        self._products = {p.id: p for p in products}
        self._points = SellingPoints(self._products.values())
        self._drafter = ModelDrafter(model) if model is not None else None
        self._concepts = concepts or product_concepts
        self._cache: dict[tuple[str, str | None], tuple[ProductFacts, list[SellingPoint],
                                                         Evidence]] = {}

    def product(self, product_id: str) -> ProductFacts:
        try:
            return self._products[product_id]
        except KeyError:
            raise NotFound(f"unknown product {product_id!r}") from None

    def products(self) -> list[ProductFacts]:
        return list(self._products.values())

    def write(self, request: CopyRequest) -> CopyResult:
        return self.write_for(self.product(request.product_id), request)

    def write_for(self, product: ProductFacts, request: CopyRequest) -> CopyResult:
        """Copy for ``product`` (which need not be in the catalogue)."""
        request = _checked(request)
        points, evidence = self._prepared(product, request.campaign)
        context = Context(product, Subject.of(product), points, request.kind, request.tone,
                          request.language, request.campaign, sale="sale" in evidence.keys,
                          low_stock="limited_stock" in evidence.keys, seed=request.seed)
        guard = Guard(evidence, request.kind, request.language)
        result = CopyResult(request, [])
        accepted: list[Scored] = []
        if self._drafter is not None:
            texts, result.notes = self._drafter.drafts(context, request.n + 2)
            self._review(texts, "model", guard, points, accepted, result)
        self._write_grammar(context, guard, points, accepted, result)
        duplicates = near_duplicate_limit(request.kind)
        for scored, score in pick(accepted, request.n, request.language, duplicates):
            result.candidates.append(
                Candidate(scored.text, scored.source, score, tuple(sorted(scored.grounded))))
        if len(result.candidates) < request.n:
            result.notes.append(f"only {len(result.candidates)} distinct texts passed the guards")
        return result

    def _prepared(self, product: ProductFacts, campaign: str | None
                  ) -> tuple[list[SellingPoint], Evidence]:
        key = (product.id, campaign)
        cached = self._cache.get(key)
        if cached is not None and (cached[0] is product or cached[0] == product):
            return cached[1], cached[2]
        concepts = self._concepts(product)
        points = self._points.of(product, campaign, concepts)
        evidence = Evidence.of(product, campaign)
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.clear()
        self._cache[key] = (product, points, evidence)
        return points, evidence

    def _write_grammar(self, context: Context, guard: Guard, points: list[SellingPoint],
                       accepted: list[Scored], result: CopyResult) -> None:
        wanted = context_target(len(accepted), result.request.n)
        write = write_chinese if context.language == "zh" else write_english
        seen = {s.text for s in accepted}
        budget = 4 * wanted + 8
        index = 0
        while len(accepted) < wanted and index < budget:
            draft: Draft | None = write(context, index)
            index += 1
            if draft is None or draft.text in seen:
                continue
            seen.add(draft.text)
            self._review([draft.text], "grammar", guard, points, accepted, result)

    def _review(self, texts: Sequence[str], source: str, guard: Guard,
                points: list[SellingPoint], accepted: list[Scored], result: CopyResult) -> None:
        scores = {p.attribute: p.score for p in points}
        for text in texts:
            verdict = guard.review(text)
            if verdict.ok:
                accepted.append(Scored(text, source, verdict.grounded,
                                       quality(text, source, verdict.grounded, scores,
                                               guard.limit)))
            else:
                result.rejected.append(Rejection(text, source, verdict.problems))


def context_target(model_accepted: int, n: int) -> int:
    """How many clean candidates to collect: a third more than ``n`` for a small request,
    over three times ``n`` for a large one (the picking needs room to find varied wording)."""
    return model_accepted + n + max(1, n // 3) + (2 * n if n >= 10 else 0)


def _checked(request: CopyRequest) -> CopyRequest:
    check_kind(request.kind)
    check_language(request.language)
    tone = check_tone(request.tone)
    if not 1 <= request.n <= MAX_N:
        raise InvalidInput(f"n must be between 1 and {MAX_N}, not {request.n}")
    if request.campaign:
        problems = compliance_problems(request.campaign, "zh")  # both lists
        if problems:
            raise InvalidInput(f"campaign {request.campaign!r} is not compliant: "
                               f"{'; '.join(problems)}")
    if tone != request.tone:
        request = CopyRequest(request.product_id, request.kind, tone, request.language,
                              request.n, request.campaign, request.seed)
    return request
