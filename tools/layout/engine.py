"""The layout engine: every template made for the canvas, solved and scored; the best wins.

Example::

    engine = LayoutEngine()
    shape = product_shape(cutout)                   # an RGBA cutout of the product
    request = LayoutRequest(1200, 628, BannerCopy("Summer Sale", price="$59", cta="Shop now"),
                            (shape,), BrandStyle("Northpeak"))
    banner = engine.render(request, [cutout])
    banner.image.save("banner.png"); print(banner.layout.template, banner.metrics)
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from tools.layout.metrics import rendered_metrics
from tools.layout.model import LayoutRequest
from tools.layout.painter import ProductLayer, paint_base, paint_overlay
from tools.layout.scorer import ScorerModel, load_scorer
from tools.layout.solver import Solved, solve
from tools.layout.templates import Template, template_named, templates_for

UNFITTED_PENALTY = 1000.0
DROPPED_PENALTY = 1.0


@dataclass
class Choice:
    solved: Solved
    cost: float


@dataclass
class RenderedBanner:
    image: Image.Image
    solved: Solved
    cost: float
    metrics: dict[str, float]

    @property
    def layout(self):  # type: ignore[no-untyped-def]
        return self.solved.layout


class LayoutEngine:
    """Chooses and renders layouts. Cheap to build; the scorer loads on first use."""

    def __init__(self, scorer: ScorerModel | None = None) -> None:
        self._scorer = scorer

    @property
    def scorer(self) -> ScorerModel:
        if self._scorer is None:
            self._scorer = load_scorer()
        return self._scorer

    def candidates(self, request: LayoutRequest, template: str | None = None) -> list[Choice]:
        """Every template for the canvas (or the one named), solved and costed, best first."""
        chosen: list[Template] = ([template_named(template)] if template
                                  else templates_for(request.width, request.height))
        choices = [self._costed(solve(request, t)) for t in chosen]
        return sorted(choices, key=lambda c: c.cost)

    def choose(self, request: LayoutRequest, template: str | None = None) -> Choice:
        return self.candidates(request, template)[0]

    def _costed(self, solved: Solved) -> Choice:
        layout = solved.layout
        cost = self.scorer.cost(layout, solved.saliency)
        cost += (0.0 if layout.fitted else UNFITTED_PENALTY) + DROPPED_PENALTY * len(layout.dropped)
        layout.scores["cost"] = round(cost, 4)
        return Choice(solved, cost)

    def render(self, request: LayoutRequest, cutouts: list[Image.Image],
               logo: Image.Image | None = None, template: str | None = None) -> RenderedBanner:
        choice = self.choose(request, template)

        def layer(index: int, size: tuple[int, int]) -> Image.Image:
            return cutouts[index].resize(size, Image.Resampling.LANCZOS)

        return finish(choice, paint_base(choice.solved.layout, layer), logo)


def finish(choice: Choice, base: Image.Image, logo: Image.Image | None = None
           ) -> RenderedBanner:
    """Overlay text on a painted base and measure the result."""
    image, without_text = paint_overlay(base, choice.solved.layout, logo)
    metrics = rendered_metrics(choice.solved.layout, choice.solved.saliency, without_text)
    return RenderedBanner(image, choice.solved, choice.cost, metrics)


__all__ = ["Choice", "LayoutEngine", "ProductLayer", "RenderedBanner", "finish"]
