"""The one settings object: environment variables with the prefix ``SHOPMIND_`` and ``.env``."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Everything configurable. Build it once at the edge and pass it in."""

    model_config = SettingsConfigDict(env_prefix="SHOPMIND_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=REPO_ROOT / "var", description="catalogue, graph, vectors, jobs")
    cache_dir: Path = Field(default=Path.home() / ".cache" / "shopmind")
    shared_data: Path = Field(default=REPO_ROOT.parent / "shared" / "data")

    host: str = "127.0.0.1"
    app_port: int = 8000
    rasa_port: int = 5005
    rasa_url: str | None = Field(default=None, description="defaults to http://host:rasa_port")
    studio_rasa_port: int = Field(default=5006, description="the studio's NLU model (Rasa)")
    studio_rasa_url: str | None = Field(default=None,
                                        description="defaults to http://host:studio_rasa_port")
    rasa_timeout_s: float = 10.0  # a queue of shoppers waits; a hung Rasa is given up on
    rasa_venv: Path = Field(default=REPO_ROOT / ".venv-rasa", description="Rasa 3.6 on Python 3.10")
    rasa_start_timeout_s: float = 180.0
    rasa_hang_restart_s: float = Field(
        default=30.0, gt=0, description="a Rasa silent this long is killed and restarted")

    chroma_mode: Literal["embedded", "server"] = "embedded"
    chroma_url: str | None = Field(default=None, description="http://host:port in server mode")

    executor: Literal["local", "dask"] = "local"
    dask_scheduler: str | None = Field(default=None, description="tcp://host:port for dask")
    workers: int = Field(default=2, ge=1)

    # limits: each refusal is a 413, 422 or 429 that names the limit
    max_body_bytes: int = Field(default=1_000_000, ge=1024, description="JSON request bodies")
    max_upload_bytes: int = Field(default=20_000_000, ge=1024, description="one uploaded file")
    max_job_banners: int = Field(default=20_000, ge=1)
    max_job_megapixels: float = Field(default=25_000.0, gt=0, description="banners x pixels")
    max_jobs_per_merchant: int = Field(default=2, ge=1, description="jobs running at once")
    studio_confirm_above: int = Field(default=50, ge=0,
                                      description="studio jobs with more items wait for a yes")
    rate_limit: str = Field(default="20/second;600/minute",
                            description="per token, in the `limits` package's notation")
    rasa_auth_token: str | None = Field(
        default=None, description="Rasa's HTTP API token; random per start when unset")
    action_secret: str | None = Field(
        default=None, description="what Rasa sends the action endpoint; random when unset")
    tracker_store_url: str | None = Field(
        default=None, description="postgresql://user:pass@host/db for Rasa's trackers; "
                                  "SQLite under data_dir when unset")
    currency_rates: dict[str, float] = Field(
        default={"CNY": 0.14, "EUR": 1.08, "GBP": 1.27, "JPY": 0.0067},
        description="what one unit of another currency is worth in the catalogue's currency "
                    "(JSON, e.g. SHOPMIND_CURRENCY_RATES='{\"CNY\": 0.14}'); JIMI converts "
                    "a shopper's budget with it and says so")
    chat_model: str | None = Field(default=None, description="e.g. 'ollama:qwen2.5'; none by default")

    @property
    def rasa_base_url(self) -> str:
        return self.rasa_url or f"http://{self.host}:{self.rasa_port}"

    @property
    def studio_rasa_base_url(self) -> str:
        return self.studio_rasa_url or f"http://{self.host}:{self.studio_rasa_port}"

    @property
    def app_base_url(self) -> str:
        return f"http://{self.host}:{self.app_port}"

    @property
    def studio_path(self) -> Path:
        """Merchants' studio conversations (the plan under discussion)."""
        return self.data_dir / "studio.sqlite"

    @property
    def catalog_dir(self) -> Path:
        return self.data_dir / "catalog"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def graph_path(self) -> Path:
        return self.data_dir / "graph.sqlite"

    @property
    def product_owners_path(self) -> Path:
        """Which merchant uploaded which product (the platform catalogue's have no owner)."""
        return self.data_dir / "product_owners.sqlite"

    @property
    def conversations_path(self) -> Path:
        return self.data_dir / "conversations.sqlite"

    @property
    def principals_path(self) -> Path:
        return self.data_dir / "principals.sqlite"

    @property
    def demo_credentials_path(self) -> Path:
        return self.data_dir / "demo-credentials.json"

    @property
    def jobs_path(self) -> Path:
        return self.data_dir / "jobs.sqlite"

    @property
    def trackers_path(self) -> Path:
        return self.data_dir / "trackers.sqlite"

    @property
    def jobs_dir(self) -> Path:
        return self.data_dir / "jobs"
