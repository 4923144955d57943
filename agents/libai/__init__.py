"""Li Bai, the copywriting robot: product facts -> selling points -> wording -> guards ->
ranking, in English and Chinese.

    writer = CopyWriter(products)
    writer.write(CopyRequest("fw-trail-runner", kind="title", tone="playful", language="zh",
                             n=10)).texts
"""

from agents.libai.kinds import KINDS, LANGUAGES, TONES, Kind, Language, Tone
from agents.libai.pipeline import Candidate, CopyRequest, CopyResult, CopyWriter, Rejection
from agents.libai.points import SellingPoint, SellingPoints

__all__ = [
    "KINDS", "LANGUAGES", "TONES", "Candidate", "CopyRequest", "CopyResult", "CopyWriter",
    "Kind", "Language", "Rejection", "SellingPoint", "SellingPoints", "Tone",
]
