"""The studio's plan: exact keys, what is missing, confirmation in numbers, edits in place."""

from __future__ import annotations

import pytest

from agents.studio.plan import PLAN_KEYS, StudioPlan


def test_a_plan_has_exactly_the_plan_keys_with_nulls_where_unsaid() -> None:
    plan = StudioPlan(task="banners", count=12, sizes=("1080x1080",))
    body = plan.to_dict()
    assert tuple(body) == PLAN_KEYS
    assert body["sizes"] == ["1080x1080"] and body["campaign"] is None and body["n"] is None


@pytest.mark.parametrize(("plan", "needs"), [
    (StudioPlan(), ["task"]),
    (StudioPlan(task="banners"), ["count"]),  # sizes default to square and story
    (StudioPlan(task="banners", count=10, sizes=("800x800",)), []),
    (StudioPlan(task="copy", kind="title"), ["products"]),
    (StudioPlan(task="copy", kind="title", source="tag:summer"), []),
    (StudioPlan(task="translate", source="last_job"), ["languages"]),
    (StudioPlan(task="cutout"), ["source"]),
    (StudioPlan(task="job_list"), []),
])
def test_needs_names_what_the_form_must_ask(plan: StudioPlan, needs: list[str]) -> None:
    assert plan.needs() == needs


def test_a_detail_changes_in_place_and_the_rest_stays() -> None:
    plan = StudioPlan(task="banners", count=12, campaign="summer sale", sizes=("800x800",))
    edited = plan.changed(sizes=("1080x1080",))
    assert edited.sizes == ("1080x1080",) and edited.count == 12
    assert edited.campaign == "summer sale"
    assert plan.changed(sizes=()) == plan  # saying nothing changes nothing
    with pytest.raises(KeyError, match="colour"):
        plan.changed(colour="red")
