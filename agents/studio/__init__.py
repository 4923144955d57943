"""The studio: merchants' requests turned into jobs."""

from agents.studio.jobs import Job, JobRunner
from agents.studio.request import BannerRequest, parse_request

__all__ = ["BannerRequest", "Job", "JobRunner", "parse_request"]
