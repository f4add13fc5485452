"""Hypothesis settings profiles for the test suite.

``COOPFRAME_HYPOTHESIS_PROFILE`` picks a profile by name; without it, ``CI=true`` picks ``ci``
and anything else ``dev``.

- ``ci``: many examples, no deadline (shared runners are slow and uneven), print the blob to
  reproduce a failure.
- ``dev`` (default): enough examples to catch most bugs while keeping the suite quick.
- ``fast``: a smoke run while editing.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile("fast", max_examples=10, deadline=None)


def _profile_name() -> str:
    chosen = os.environ.get("COOPFRAME_HYPOTHESIS_PROFILE")
    if chosen:
        return chosen
    return "ci" if os.environ.get("CI", "").lower() in {"1", "true", "yes"} else "dev"


settings.load_profile(_profile_name())
