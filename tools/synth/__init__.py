"""Batch banner synthesis: plans, rendering in workers, executors, manifests, export."""

from tools.synth.batch import BatchReport, render_batch, run_batch
from tools.synth.executors import create_executor, probe_executor
from tools.synth.export import export_zip
from tools.synth.plan import CopyVariant, ProductInput, plan_batch
from tools.synth.render import BannerSpec, render_banner

__all__ = ["BannerSpec", "BatchReport", "CopyVariant", "ProductInput", "create_executor",
           "export_zip", "plan_batch", "probe_executor", "render_banner", "render_batch",
           "run_batch"]
