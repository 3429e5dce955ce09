"""Hypothesis profiles for the whole test suite.

Pick one with the environment variable HYPOTHESIS_PROFILE (default "ci"):

* ci — deterministic (derandomize: the same examples on every run, so CI never
  fails by chance), a bounded number of examples so the property suite takes a
  couple of minutes on two cores, no deadline (a slow CI machine is not a bug),
  and print_blob so any failure can be replayed with @reproduce_failure.
* dev — random and long, for local bug hunting:
  HYPOTHESIS_PROFILE=dev pytest tests/properties
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=150,
    deadline=None,
    print_blob=True,
    database=None,  # derandomized runs need no example database
    suppress_health_check=_SLOW_OK,
    phases=[Phase.explicit, Phase.generate, Phase.target],  # see below: no shrinking on CI
)
settings.register_profile(
    "dev",
    max_examples=2000,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_OK,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
