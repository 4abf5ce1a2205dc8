"""The pure engine: registry x evidence -> findings. No I/O.

API CONTRACT (implementation in progress):
- ``Options(tolerance=Decimal("0.005"), approximate=Decimal("0.10"), mode="offline")``
- ``verify(registry, evidence, options=Options()) -> Report`` where ``evidence`` maps every repo id of
  ``registry.repo_ids()`` to a ``RepoEvidence`` or an ``Unavailable``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from checker.engine.findings import Report
from checker.evidence.facts import RepoEvidence, Unavailable
from checker.registry.types import Registry


@dataclass(frozen=True)
class Options:
    """Judgement settings: the supported tolerance and the approximate bound, as fractions."""

    tolerance: Decimal = Decimal("0.005")
    approximate: Decimal = Decimal("0.10")
    mode: Literal["offline", "live"] = "offline"


def verify(registry: Registry, evidence: Mapping[str, RepoEvidence | Unavailable],
           options: Options = Options()) -> Report:  # pragma: no cover - being implemented
    raise NotImplementedError
