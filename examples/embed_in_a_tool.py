"""Embed coopframe's scores in your own monitoring tool.

A monitoring tool reads which scores to show from its own configuration, evaluates each roadmap
it follows, and hands the numbers on as JSON (to a dashboard, a database, a report). This script
does that for the bundled Bolivia–Peru roadmaps:

1. the tool's configuration names the scores it wants, by their registry names, and a profile;
2. each name is checked against the registry (an unknown name fails early, with the list of
   known ones);
3. each roadmap is evaluated once, and the chosen scores are picked from the evaluation;
4. the result is printed as JSON: undefined scores (``nan``) become ``null``.

Run it with::

    python examples/embed_in_a_tool.py
"""

from __future__ import annotations

import json
import math
from typing import Any

import coopframe as cf
from coopframe.scoring import get_scorer

# What a tool's configuration file might hold (read from YAML or TOML in a real tool).
CONFIG: dict[str, Any] = {
    "roadmaps": ["bolivia-peru-2021-2022", "bolivia-peru-2025-2026"],
    "profile": "balanced",
    "scores": ["compliance", "implementation_rate", "joint_share", "cross_border", "specificity"],
}


def check_config(config: dict[str, Any]) -> list[cf.scoring.Scorer]:
    """The registered scorers the configuration names; UnknownNameError for a typo."""
    return [get_scorer(name) for name in config["scores"]]


def json_number(value: float) -> float | None:
    """A score for JSON: ``nan`` (undefined) becomes ``None``, written ``null``."""
    return None if math.isnan(value) else round(value, 4)


def snapshot(roadmap: cf.Roadmap, config: dict[str, Any]) -> dict[str, Any]:
    """The tool's record of one roadmap: the chosen scores, the composite, the check."""
    evaluation = cf.evaluate(roadmap, profile=config["profile"])
    check = evaluation.reported
    return {
        "roadmap": roadmap.id,
        "title": roadmap.title,
        "as_of": None if evaluation.as_of is None else evaluation.as_of.isoformat(),
        "scores": {name: json_number(evaluation.score(name)) for name in config["scores"]},
        "composite": {
            "profile": evaluation.composite.profile,
            "value": json_number(evaluation.composite.value),
            "band": evaluation.composite.band,
        },
        "reported_agrees": None if check is None else check.agrees,
    }


def run(config: dict[str, Any]) -> list[dict[str, Any]]:
    """Every roadmap of the configuration, as the tool would store it."""
    check_config(config)
    records = []
    for name in config["roadmaps"]:
        roadmap = cf.datasets.load(name)
        assert isinstance(roadmap, cf.Roadmap)
        records.append(snapshot(roadmap, config))
    return records


def main() -> None:
    records = run(CONFIG)
    print(json.dumps(records, indent=2, ensure_ascii=False, allow_nan=False))
    try:
        check_config({"scores": ["complience"]})
    except cf.UnknownNameError as error:
        print(f"A typo in the configuration is caught early: {error}")


if __name__ == "__main__":
    main()
