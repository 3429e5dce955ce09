"""Hypothesis profiles for the whole test suite.

Pick one with the environment variable HYPOTHESIS_PROFILE (default "ci"):

* ci — deterministic (derandomize: the same examples on every run, so CI never
  fails by chance), 150 examples a test so that tests/properties takes about 75 s
  on one core, no deadline (a slow CI machine is not a bug), no example database,
  and print_blob so any failure can be replayed with @reproduce_failure. It does not
  shrink: replay a CI failure with the @reproduce_failure blob it prints, and hunt
  for a smaller one with `dev`.
* dev — random, 2000 examples a test, shrinking, with the example database in
  .hypothesis/ (failures found are replayed first next time), for bug hunting:
  HYPOTHESIS_PROFILE=dev pytest tests/properties   (about 30 minutes)
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
    phases=[Phase.explicit, Phase.generate, Phase.target],  # no shrinking on CI: see above
)
settings.register_profile(
    "dev",
    max_examples=2000,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_OK,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
