"""What ``shopmind copy`` does (the command itself only parses options).

    shopmind copy --product fw-trail-runner --kind title --tone playful --lang zh --n 10
    shopmind copy --all --kind headline,subline --lang en,zh --n 3 --out copy.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from agents.libai.batch import Progress, catalogue_rows, parse_choices, writer_for
from agents.libai.kinds import check_kind, check_language, check_tone
from agents.libai.pipeline import CopyRequest
from shopmind.errors import InvalidInput
from shopmind.settings import Settings


def run_single(settings: Settings, product: str | None, kind: str, tone: str, language: str,
               n: int, campaign: str | None) -> list[str]:
    """The texts for one product, best first."""
    if not product:
        raise InvalidInput("say which product (--product ID), or --all for the whole catalogue")
    request = CopyRequest(product, check_kind(kind), check_tone(tone), check_language(language),
                          n, campaign)
    return writer_for(settings).write(request).texts


def run_batch(settings: Settings, kinds: str, tones: str, languages: str, n: int,
              campaign: str | None, out: Path | None, progress: Progress | None = None) -> int:
    """Copy for every product as JSON lines (to ``out``, else standard output); rows written."""
    chosen = parse_choices(kinds, tones, languages)
    writer = writer_for(settings)
    stream = out.open("w", encoding="utf-8") if out is not None else sys.stdout
    count = 0
    try:
        for row in catalogue_rows(writer, *chosen, n=n, campaign=campaign, progress=progress):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    finally:
        if out is not None:
            stream.close()
    return count
