"""The studio's plan: what a merchant asked for, the same for the API, the CLI and the UI.

A plan has exactly the keys of ``PLAN_KEYS`` (``None`` where the merchant did not say).
``needs()`` names what is still missing for its task (the form asks for those), and
``changed()`` edits a detail in place ("change the sizes to square"). A job of more than
``CONFIRM_ABOVE`` items waits for a yes, shown in numbers by ``work.Order.describe``.

Example::

    plan = StudioPlan(task="banners", count=200, campaign="summer sale",
                      sizes=("1080x1080", "1080x1920"), languages=("en",))
    plan.needs()                      # []
    plan.changed(sizes=("1080x1080",)).sizes   # ("1080x1080",)
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Literal

Task = Literal["banners", "copy", "cutout", "translate", "job_status", "job_cancel",
               "job_list"]
PLAN_KEYS = ("task", "count", "campaign", "products", "sizes", "languages", "tone", "kind",
             "n", "source")
CONFIRM_ABOVE = 50
# what each task cannot start without; "products|source" means either will do
REQUIRED: dict[str, tuple[str, ...]] = {
    "banners": ("count",),  # sizes default to square and story (agents.studio.work)
    "copy": ("kind", "products|source"),
    "cutout": ("source",),
    "translate": ("languages", "source"),
    "job_status": (), "job_cancel": (), "job_list": (),
}
LANGUAGE_LABELS = {
    "en": ("English", "英文"), "zh": ("Chinese", "中文"), "es": ("Spanish", "西班牙语"),
    "de": ("German", "德语"), "fr": ("French", "法语"), "ja": ("Japanese", "日语"),
}


@dataclass(frozen=True)
class StudioPlan:
    task: Task | None = None
    count: int | None = None
    campaign: str | None = None
    products: tuple[str, ...] | None = None
    sizes: tuple[str, ...] | None = None
    languages: tuple[str, ...] | None = None
    tone: str | None = None
    kind: str | None = None
    n: int | None = None
    source: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StudioPlan:
        """The plan of ``to_dict()`` (lists back to tuples; other keys are ignored)."""
        values: dict[str, Any] = {key: tuple(value) if isinstance(value, list) else value
                                  for key, value in data.items() if key in PLAN_KEYS}
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """Exactly the plan keys; tuples as lists (JSON)."""
        return {key: list(value) if isinstance(value, tuple) else value
                for key, value in ((k, getattr(self, k)) for k in PLAN_KEYS)}

    def needs(self) -> list[str]:
        """The slots still missing for this plan's task (``task`` itself when unknown)."""
        if self.task is None:
            return ["task"]
        missing = []
        for slot in REQUIRED[self.task]:
            options = slot.split("|")
            if all(getattr(self, option) in (None, ()) for option in options):
                missing.append(options[0])
        return missing

    def changed(self, **updates: Any) -> StudioPlan:
        """The same plan with the given details replaced (unknown keys are an error)."""
        known = {f.name for f in fields(self)}
        unknown = set(updates) - known
        if unknown:
            raise KeyError(f"not plan keys: {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in updates.items() if v not in (None, ())})
