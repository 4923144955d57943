"""The platform's services, built once from settings and handed to each adapter."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from agents.jimi import Jimi
from agents.studio import JobRunner
from agents.studio.catalogue_upload import CatalogueUploads
from agents.studio.dialogue import Studio
from agents.studio.sessions import StudioSessions
from agents.studio.understanding import Parse, Understanding
from agents.studio.uploads import UploadStore
from agents.studio.work import OrderLimits
from dialog.actions import ActionExecutor
from dialog.chat import AgentDesk, ChatService
from dialog.client import RasaClient
from dialog.conversations import ConversationStore
from dialog.secrets import RasaSecrets
from dialog.studio_nlu import StudioRequests
from kg.knowledge import KnowledgeBase
from shopmind.errors import DependencyUnavailable
from shopmind.identity import PrincipalStore
from shopmind.settings import Settings
from tools.base import ToolContext
from tools.registry import ToolRegistry
from tools.synth.executors import probe_executor


@dataclass
class Platform:
    """Knowledge, tools, dialogue and jobs over one ``Settings``. Parts build lazily."""

    settings: Settings

    @cached_property
    def knowledge(self) -> KnowledgeBase:
        return KnowledgeBase(self.settings)

    @cached_property
    def tool_context(self) -> ToolContext:
        return ToolContext(self.settings, catalogue=self.knowledge)

    @cached_property
    def registry(self) -> ToolRegistry:
        return ToolRegistry.from_entry_points(self.tool_context)

    @cached_property
    def jobs(self) -> JobRunner:
        return JobRunner(self.settings.jobs_path, self.settings.jobs_dir, self.registry,
                         self.knowledge.graph)

    @cached_property
    def uploads(self) -> UploadStore:
        return UploadStore(self.settings.data_dir / "uploads", self.settings.max_upload_bytes)

    @cached_property
    def chat_photos(self) -> UploadStore:
        """Photos shoppers attach in chat (a damaged item), kept per shopper."""
        return UploadStore(self.settings.data_dir / "chat_photos", self.settings.max_upload_bytes)

    @cached_property
    def catalogue_uploads(self) -> CatalogueUploads:
        """Merchants' catalogue files into the knowledge base, each product owned by one."""
        return CatalogueUploads(self.knowledge, self.settings.product_owners_path,
                                max_bytes=self.settings.max_upload_bytes)

    @cached_property
    def studio(self) -> Studio:
        """The merchant studio: conversations over Rasa's NLU, the catalogue and the jobs."""
        settings = self.settings

        async def parse(text: str) -> Parse:
            return Parse.of_symbols(text) or Parse.from_rasa(await self.studio_rasa.parse(text))

        knowledge = self.knowledge
        return Studio(parse, Understanding(knowledge.products, lambda: knowledge.version),
                      self.jobs, self.uploads, StudioSessions(settings.studio_path),
                      knowledge.products,
                      OrderLimits(settings.max_job_banners, settings.max_job_megapixels),
                      image_root=settings.catalog_dir,
                      confirm_above=settings.studio_confirm_above,
                      not_theirs=self.catalogue_uploads.owners.of_others)

    @cached_property
    def principals(self) -> PrincipalStore:
        return PrincipalStore(self.settings.principals_path)

    @cached_property
    def rasa_secrets(self) -> RasaSecrets:
        return RasaSecrets.create(self.settings)

    @cached_property
    def rasa(self) -> RasaClient:
        return RasaClient(self.settings.rasa_base_url, self.settings.rasa_timeout_s,
                          bearer=self.rasa_secrets.app_token())

    @cached_property
    def studio_rasa(self) -> RasaClient:
        """The studio's NLU model (``RasaServer.for_studio``): ``/model/parse`` only."""
        return RasaClient(self.settings.studio_rasa_base_url, self.settings.rasa_timeout_s,
                          bearer=self.rasa_secrets.app_token())

    @cached_property
    def conversations(self) -> ConversationStore:
        return ConversationStore(self.settings.conversations_path)

    @cached_property
    def chat(self) -> ChatService:
        return ChatService(self.rasa, self.conversations, self.knowledge.accounts)

    @cached_property
    def desk(self) -> AgentDesk:
        return AgentDesk(self.conversations)

    @cached_property
    def actions(self) -> ActionExecutor:
        return ActionExecutor(Jimi(self.knowledge, self.studio_requests), self.conversations)

    @cached_property
    def studio_requests(self) -> StudioRequests:
        """Whether a shopper asks JIMI for studio work, read by the studio's model."""
        return StudioRequests(self.settings.studio_rasa_base_url, self.rasa_secrets.app_token())

    def warm_up(self) -> None:
        """Loads the catalogue into graph and vectors (only if it changed) and the accounts,
        then resumes the jobs a stopped or killed app left unfinished."""
        self.knowledge.sync()
        self.knowledge.warm_up()
        self.jobs.resume_unfinished()

    async def health(self) -> dict[str, dict[str, Any]]:
        return {
            "rasa": await self._rasa_health(self.rasa),
            "studio_nlu": await self._rasa_health(self.studio_rasa),
            "chroma": await asyncio.to_thread(_probe, self.knowledge.vectors.heartbeat),
            "graph": await asyncio.to_thread(_probe, lambda: _graph_detail(self.knowledge)),
            "executor": await asyncio.to_thread(_executor_health, self.settings),
        }

    @staticmethod
    async def _rasa_health(rasa: RasaClient) -> dict[str, Any]:
        try:
            status = await rasa.status()
        except DependencyUnavailable as exc:
            return {"up": False, "detail": exc.message}
        model = Path(str(status.get("model_file") or "")).name
        return {"up": bool(model), "detail": f"model {model}" if model else "no model loaded"}

    def close(self) -> None:
        if "jobs" in self.__dict__:
            self.jobs.close()
        self.tool_context.close()
        if "conversations" in self.__dict__:
            self.conversations.close()
        if "studio_requests" in self.__dict__:
            self.studio_requests.close()
        if "studio" in self.__dict__:
            self.studio.sessions.close()
        if "catalogue_uploads" in self.__dict__:
            self.catalogue_uploads.close()


def _probe(check: Callable[[], str]) -> dict[str, Any]:
    try:
        return {"up": True, "detail": str(check())}
    except DependencyUnavailable as exc:
        return {"up": False, "detail": exc.message}


def _graph_detail(knowledge: KnowledgeBase) -> str:
    stats = knowledge.graph.stats()
    products = stats.get("product", 0)
    if not products:
        raise DependencyUnavailable("graph store", "the graph has no products; run `shopmind demo-data`")
    return f"{products} products, {stats['edges']} edges"


def _executor_health(settings: Settings) -> dict[str, Any]:
    health = probe_executor(settings)
    return {"up": health.up, "detail": health.detail}
