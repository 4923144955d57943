"""The vector index against a real Chroma server (`chroma run`) on 127.0.0.1."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg.schema import FaqRow, LocalisedText
from kg.vectors import VectorIndex
from tests.testing import free_port, product_row, settings_for
from ui.platform import Platform

pytestmark = pytest.mark.integration
CHROMA = Path(sys.executable).with_name("chroma")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMA.exists():
        pytest.fail(f"{CHROMA} is missing: the chromadb package installs it")
    port, path = free_port(), tmp_path_factory.mktemp("chroma-server")
    log = (path / "server.log").open("wb")
    server = subprocess.Popen([str(CHROMA), "run", "--path", str(path / "db"), "--host",
                               "127.0.0.1", "--port", str(port)], stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail(f"chroma run did not start: {(path / 'server.log').read_text()[-500:]}")
    yield url
    server.terminate()
    server.wait(timeout=15)
    shutil.rmtree(path / "db", ignore_errors=True)


def test_index_and_search_through_a_chroma_server(chroma_url: str, tmp_path: Path,
                                                  synced_platform: Platform) -> None:
    settings = settings_for(tmp_path, chroma_mode="server", chroma_url=chroma_url)
    embedding = synced_platform.knowledge.vectors.embedding
    index = VectorIndex(settings, embedding)
    assert index.heartbeat() == f"server {chroma_url}"
    index.index_products([
        product_row("rain-boot", name=LocalisedText(en="Rubber Rain Boot"),
                    description=LocalisedText(en="Waterproof boots for puddles.")),
        product_row("espresso", name=LocalisedText(en="Espresso Beans"),
                    description=LocalisedText(en="Dark roast coffee beans."),
                    attributes={"colour": ["brown"]}, tags=["coffee"]),
    ])
    index.index_faqs([FaqRow(id="f1", topic="refunds",
                             question=LocalisedText(en="When do I get my refund?"),
                             answer=LocalisedText(en="Within 5 working days."))])
    assert index.search("products", "something for wet weather", 1)[0].id == "rain-boot"
    assert index.search("products", "morning coffee", 1)[0].id == "espresso"
    again = VectorIndex(settings, embedding)  # a new client sees the server's data
    assert again.count("products") == 2 and again.count("faq") == 1
    again.delete("products", ["espresso"])
    assert index.count("products") == 1


def test_unreachable_server_is_reported(tmp_path: Path, synced_platform: Platform) -> None:
    from shopmind.errors import DependencyUnavailable

    settings = settings_for(tmp_path, chroma_mode="server",
                            chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(DependencyUnavailable, match="chroma"):
        VectorIndex(settings, synced_platform.knowledge.vectors.embedding).heartbeat()
