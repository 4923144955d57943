"""Banner layout: templates and text fitting."""

from tools.layout.templates import TEMPLATES, Template, template_for
from tools.layout.text import FittedText, fit_text

__all__ = ["TEMPLATES", "FittedText", "Template", "fit_text", "template_for"]
