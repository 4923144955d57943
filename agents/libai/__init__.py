"""Li Bai, the copywriting robot."""

from agents.libai.writer import headlines, selling_points, subline

__all__ = ["headlines", "selling_points", "subline"]
