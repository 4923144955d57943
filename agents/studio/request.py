"""Understanding a merchant's request: "make 20 banners for the summer sale"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shopmind.errors import InvalidInput, TooLarge

MAX_BANNERS = 20000  # the default; jobs pass settings.max_job_banners
DEFAULT_SIZES = ("1200x628", "800x800")
_COUNT = re.compile(r"(\d[\d,]*)\s*(?:banners?|images?|ads?|张)", re.IGNORECASE)
_SIZE = re.compile(r"\b(\d{2,4})\s*[x×]\s*(\d{2,4})\b")
_CAMPAIGN = re.compile(r"\bfor (?:the |our |a |an )?(.+?)(?: in \d|\s+at \d|[.!?]|$)",
                       re.IGNORECASE)
_BANNER_WORDS = ("banner", "banners", "横幅", "海报")


@dataclass(frozen=True)
class BannerRequest:
    count: int
    campaign: str | None
    sizes: tuple[str, ...] = field(default=DEFAULT_SIZES)
    language: str = "en"


def parse_request(text: str, max_banners: int = MAX_BANNERS) -> BannerRequest:
    """A banner request, or ``InvalidInput`` explaining what was not understood
    (``TooLarge`` naming the limit when it asks for more than ``max_banners``)."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidInput("the request is empty; try: make 20 banners for the summer sale")
    if not any(word in cleaned.lower() for word in _BANNER_WORDS):
        raise InvalidInput(
            f"I can only make banners so far; try: make 20 banners for the summer sale "
            f"(got {cleaned[:80]!r})")
    match = _COUNT.search(cleaned)
    count = int(match.group(1).replace(",", "")) if match else 10
    if count < 1:
        raise InvalidInput(f"banner count must be at least 1, got {count}")
    if count > max_banners:
        raise TooLarge(f"a job may make at most {max_banners} banners "
                       f"(max_job_banners); this one asks for {count}")
    sizes = tuple(f"{w}x{h}" for w, h in _SIZE.findall(cleaned)) or DEFAULT_SIZES
    campaign_match = _CAMPAIGN.search(_SIZE.sub("", cleaned))
    campaign = campaign_match.group(1).strip(" ,") if campaign_match else None
    language = "zh" if re.search(r"[\u4e00-\u9fff]|in chinese", cleaned, re.IGNORECASE) else "en"
    return BannerRequest(count, campaign or None, sizes, language)
