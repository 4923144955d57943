"""Banner sizes: the presets merchants ask for, and parsing ``WIDTHxHEIGHT``."""

from __future__ import annotations

from shopmind.errors import InvalidInput

MAX_SIDE = 4096
MIN_SIDE = 16

PRESETS: dict[str, tuple[int, int]] = {
    "marketplace": (800, 800),       # marketplace main image
    "square": (1080, 1080),          # social feed
    "link": (1200, 628),             # link preview, landscape ad
    "story": (1080, 1920),           # stories and reels
    "hero": (1950, 550),             # shop hero banner
    "leaderboard": (728, 90),        # IAB leaderboard
    "rectangle": (300, 250),         # IAB medium rectangle
}


def parse_size(size: str) -> tuple[int, int]:
    """``"1200x628"`` or a preset name (``"story"``) as (width, height)."""
    text = size.strip().lower()
    if text in PRESETS:
        return PRESETS[text]
    width, _, height = text.replace("×", "x").partition("x")
    if not (width.isdigit() and height.isdigit()):
        names = ", ".join(PRESETS)
        raise InvalidInput(f"size {size!r} is not WIDTHxHEIGHT or a preset ({names})")
    w, h = int(width), int(height)
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise InvalidInput(f"size {size!r} must be between {MIN_SIDE} and {MAX_SIDE} px a side")
    return w, h
