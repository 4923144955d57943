"""Product cutout: locate, segment, matte, decontaminate, trim; in batch; offline.

Example::

    from tools.cutout import CutoutPipeline
    result = CutoutPipeline().run(Image.open("mug.jpg"))
    result.cutout.save("mug.png")
"""

from tools.cutout.classic import ClassicSegmenter, cut_out, estimate_mask
from tools.cutout.pipeline import CutoutOptions, CutoutPipeline, CutoutResult

__all__ = ["ClassicSegmenter", "CutoutOptions", "CutoutPipeline", "CutoutResult", "cut_out",
           "estimate_mask"]
