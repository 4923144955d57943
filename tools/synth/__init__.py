"""Batch banner synthesis: rendering, executors, manifests."""

from tools.synth.batch import render_batch
from tools.synth.executors import create_executor, probe_executor
from tools.synth.render import BannerSpec, render_banner

__all__ = ["BannerSpec", "create_executor", "probe_executor", "render_banner", "render_batch"]
