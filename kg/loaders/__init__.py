"""Catalogue loaders: the project's JSON lines, Saleor fixtures, Online Boutique."""

from kg.loaders.boutique import load_boutique
from kg.loaders.saleor import editorjs_text, load_saleor

__all__ = ["editorjs_text", "load_boutique", "load_saleor"]
