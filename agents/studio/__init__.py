"""The studio: merchants' requests turned into jobs that survive a restart."""

from agents.studio.jobs import Job, JobLimits, JobRunner
from agents.studio.request import BannerRequest, parse_request

__all__ = ["BannerRequest", "Job", "JobLimits", "JobRunner", "parse_request"]
