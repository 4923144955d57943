"""Banner layout: a library of designer templates, a solver, a scorer learned from designer
examples, and the content-aware layout metrics of PosterLayout and RALF."""

from tools.layout.content import product_shape
from tools.layout.engine import LayoutEngine, RenderedBanner
from tools.layout.model import BannerCopy, BrandStyle, Element, Layout, LayoutRequest
from tools.layout.presets import PRESETS, parse_size
from tools.layout.templates import Template, load_templates, templates_for
from tools.layout.text import FittedText, fit_text

__all__ = ["PRESETS", "BannerCopy", "BrandStyle", "Element", "FittedText", "Layout",
           "LayoutEngine", "LayoutRequest", "RenderedBanner", "Template", "fit_text",
           "load_templates", "parse_size", "product_shape", "templates_for"]
