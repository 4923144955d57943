"""Batch work through the configured executor: the local pool and a real Dask cluster."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from shopmind.errors import InvalidInput
from tests.testing import settings_for
from tools.base import ToolContext
from tools.registry import ToolRegistry
from tools.synth.executors import create_executor, probe_executor
from ui.platform import Platform


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                      host="127.0.0.1", dashboard_address=None) as cluster:
        yield str(cluster.scheduler_address)


def test_banners_render_on_a_dask_cluster(synced_platform: Platform, dask_scheduler: str,
                                          tmp_path: Path) -> None:
    settings = synced_platform.settings.model_copy(
        update={"executor": "dask", "dask_scheduler": dask_scheduler})
    assert probe_executor(settings).up
    assert "1 workers" in probe_executor(settings).detail
    context = ToolContext(settings, catalogue=synced_platform.knowledge)
    product = synced_platform.knowledge.graph.products()[0]
    try:
        result = ToolRegistry.from_entry_points(context).call("make_banners", {
            "items": [{"product_id": product.id, "headline": "Dask sale"}],
            "sizes": ["300x250", "728x90"], "out_dir": str(tmp_path)})
    finally:
        context.close()
    sizes = sorted(Image.open(p).size for p in result.files if p.suffix == ".jpg")
    assert sizes == [(300, 250), (728, 90)]


def test_local_pool_is_the_default(tmp_path: Path) -> None:
    executor = create_executor(settings_for(tmp_path))
    try:
        assert list(executor.map(abs, [-1, -2])) == [1, 2]
    finally:
        executor.shutdown()


def test_dask_without_a_scheduler_is_explained(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, executor="dask")
    with pytest.raises(InvalidInput, match="SHOPMIND_DASK_SCHEDULER"):
        create_executor(settings)
    assert probe_executor(settings).up is False


def test_unreachable_scheduler_is_reported_down(tmp_path: Path) -> None:
    from tests.testing import free_port

    settings = settings_for(tmp_path, executor="dask",
                            dask_scheduler=f"tcp://127.0.0.1:{free_port()}")
    health = probe_executor(settings)
    assert health.up is False and "dask scheduler" in health.detail
