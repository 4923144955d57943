"""The studio's understanding of merchants' requests, scored on the team's held-out sets.

``bench/data/studio_dev.yml`` is the set to improve against; ``studio_test.yml`` is only
ever reported (both written blind to the training data). This first version scores the
value readers of ``agents.studio.values`` on the whole request text, key by key: how often
``count`` (banners), ``n`` (texts), ``sizes``, ``languages``, ``tone`` and ``kind`` come out
exactly as the gold plan says, ``null`` included. Intents, campaigns, products and sources
need the merchant NLU (issue 14) and are not scored yet.

    python bench/studio.py --set dev --json bench/results/studio.json
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import json
from collections import defaultdict
from typing import Any

import yaml

from agents.studio import values

DATA = Path(__file__).resolve().parent / "data"
KEYS = ("count", "n", "sizes", "languages", "tone", "kind")


def predicted(text: str, key: str, gold_plan: dict[str, Any]) -> Any:
    """The value reader's answer for one key (counts go to ``count`` or ``n`` by task)."""
    if key in ("count", "n"):
        number = values.count(text)
        is_copy = gold_plan.get("task") == "copy" or gold_plan.get("n") is not None
        wanted = "n" if is_copy else "count"
        return number if key == wanted else None
    if key in ("sizes", "languages"):
        found = getattr(values, key)(text)
        return list(found) or None
    return values.tone(text) if key == "tone" else values.copy_kind(text)


def score(requests: list[dict[str, Any]]) -> dict[str, Any]:
    right: dict[str, list[bool]] = defaultdict(list)
    misses: dict[str, list[str]] = defaultdict(list)
    exact = 0
    for request in requests:
        plan = request["plan"]
        all_right = True
        for key in KEYS:
            got, want = predicted(request["text"], key, plan), plan.get(key)
            ok = got == want
            all_right &= ok
            right[key].append(ok)
            right[f"{key}_{request['language']}"].append(ok)
            if not ok and len(misses[key]) < 3:
                misses[key].append(f"{request['text'][:60]!r}: {got!r} != {want!r}")
        exact += all_right
    result: dict[str, Any] = {"requests": len(requests)}
    for key, oks in sorted(right.items()):
        result[f"{key}_accuracy"] = round(sum(oks) / len(oks), 4)
    result["values_exact_rate"] = round(exact / len(requests), 4)
    result["misses"] = dict(misses)
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=("dev", "test"), default="dev")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    data = yaml.safe_load((DATA / f"studio_{args.set}.yml").read_text(encoding="utf-8"))
    result = {"set": args.set, **score(data["requests"])}
    print(f"\nStudio value readers on the {args.set} set ({result['requests']} requests)")
    for key, value in result.items():
        if key != "misses":
            print(f"{key:<24}{value!s:>10}")
    if args.set == "dev":
        for key, lines in result["misses"].items():
            print(f"misses {key}: {lines}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
