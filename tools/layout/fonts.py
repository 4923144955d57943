"""Fonts from a registry package: Noto Sans CJK (``manimgx-fonts-cjk``, SIL OFL 1.1).

One variable OpenType collection covers Latin and CJK in every weight (100-900); no system
font is assumed and nothing is downloaded. Faces load lazily and are cached per process.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from PIL import ImageFont

from shopmind.errors import DependencyUnavailable

FONT_PACKAGE = "manimgx_fonts_cjk"
FONT_FILE = "NotoSansCJK-VF.otf.ttc"
# faces in the collection: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK; Latin text uses the SC face too
FACE_INDEX = {"en": 2, "zh": 2, "zh-hant": 3, "ja": 0, "ko": 1}
REGULAR, MEDIUM, BOLD, BLACK = 400, 500, 700, 900
# an open face of this collection (its variation set) holds about 2 MB (the file itself is
# mapped and shared); opening one takes about 0.4 ms. Layout measures text at many sizes:
# 32 faces (about 60 MB) keep half of a batch's look-ups open. Drawn text is cached as
# masks by tools.layout.textlayers, so painting rarely needs a face at all.
FACES_KEPT = 32


@lru_cache(maxsize=1)
def font_path() -> Path:
    try:
        path = Path(str(resources.files(FONT_PACKAGE).joinpath(FONT_FILE)))
    except ModuleNotFoundError as exc:
        raise DependencyUnavailable("fonts", f"install {FONT_PACKAGE!r}: {exc}") from exc
    if not path.is_file():
        raise DependencyUnavailable("fonts", f"{path} is missing")
    return path


@lru_cache(maxsize=FACES_KEPT)
def font(size: int, weight: int = REGULAR, language: str = "en") -> ImageFont.FreeTypeFont:
    """The font at ``size`` px and ``weight`` (100-900) for ``language``."""
    face = ImageFont.truetype(str(font_path()), max(1, int(size)),
                              index=FACE_INDEX.get(language, 2),
                              layout_engine=ImageFont.Layout.BASIC)
    face.set_variation_by_axes([weight])
    return face
