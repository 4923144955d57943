"""Product cutout."""

from tools.cutout.classic import cut_out, estimate_mask

__all__ = ["cut_out", "estimate_mask"]
