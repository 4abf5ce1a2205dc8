"""``--only`` selectors: which findings a report keeps.

A selector is ``key:value``:

- ``subject:<entity id or alias>`` (any language, case-insensitive) or ``subject:hf:<owner>/<name>``;
- ``property:<name>`` or ``property:<prefix>.*`` (``parameters.*`` keeps ``parameters.total``, ``parameters.active``);
- ``source:<source id>``; ``claim:<source id>/<claim id>``; ``verdict:<verdict>``.

Selectors with the same key are OR-ed, different keys AND-ed. Selection happens on the findings, *after*
verification of the whole registry, so cross-article comparison still sees every claim about a subject and
property. A selector naming an unknown subject, source or claim is an error (a typo would otherwise silently
select nothing); a property pattern may match nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from checker.engine.findings import Finding, Report
from checker.errors import ClaimcheckError, did_you_mean
from checker.registry.entities import EntityIndex
from checker.registry.models import VERDICTS
from checker.registry.types import Claim, Registry
from checker.report.common import summarise

KEYS = ("subject", "property", "source", "claim", "verdict")
_PROPERTY = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9][a-z0-9_-]*)*$")


class SelectorError(ClaimcheckError):
    """An ``--only`` selector is malformed or names nothing in the registry (exit code 2)."""


@dataclass(frozen=True)
class Selection:
    """Parsed ``--only`` selectors; an empty selection keeps everything."""

    subjects: frozenset[str] = frozenset()        # subject ids (entity id or hf:owner/name)
    properties: frozenset[str] = frozenset()      # exact names
    prefixes: tuple[str, ...] = ()                # "parameters." for "parameters.*"
    sources: frozenset[str] = frozenset()
    claims: frozenset[str] = frozenset()
    verdicts: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.subjects or self.properties or self.prefixes or self.sources or self.claims or self.verdicts)

    def _keeps(self, subject_id: str, prop: str, source_id: str, claim_id: str) -> bool:
        return ((not self.subjects or subject_id in self.subjects)
                and (not (self.properties or self.prefixes)
                     or prop in self.properties or prop.startswith(self.prefixes))
                and (not self.sources or source_id in self.sources)
                and (not self.claims or claim_id in self.claims))

    def selects_claim(self, claim: Claim) -> bool:
        """Whether ``claim`` can have a selected finding (every key but ``verdict``, which needs the verdict)."""
        return self._keeps(claim.subject.id, claim.property, claim.source.id, claim.global_id)

    def selects(self, finding: Finding) -> bool:
        """Whether the report keeps ``finding``."""
        return (self._keeps(finding.subject.id, finding.property, finding.source_id, finding.claim_id)
                and (not self.verdicts or finding.verdict in self.verdicts))

    def apply(self, report: Report) -> Report:
        """``report`` with only the selected findings, the evidence notes on their repos, and a new summary."""
        if not self:
            return report
        findings = [f for f in report.findings if self.selects(f)]
        repos = {f.subject.repo_id for f in findings if f.subject.repo_id}
        notes = [n for n in report.evidence_notes if n.repo_id in repos]
        return report.model_copy(update={"findings": findings, "evidence_notes": notes,
                                         "summary": summarise(findings)})


def parse_selectors(texts: Iterable[str], registry: Registry) -> Selection:
    """Parse ``--only`` values against ``registry``; raises :class:`SelectorError` naming the bad one."""
    sel = Selection()
    index: EntityIndex | None = None
    for text in texts:
        key, sep, value = text.partition(":")
        key, value = key.strip().lower(), value.strip()
        if not sep or key not in KEYS:
            raise SelectorError(f"invalid --only {text!r}: expected KEY:VALUE with KEY one of {', '.join(KEYS)}"
                                f"{_hint(key, KEYS) if sep else ''}")
        if not value:
            raise SelectorError(f"invalid --only {text!r}: empty {key}")
        if key == "subject":
            index = index or EntityIndex(registry.entities)
            try:
                subject = index.resolve(value)
            except LookupError as exc:
                raise SelectorError(f"invalid --only {text!r}: {exc}") from None
            sel = replace(sel, subjects=sel.subjects | {subject.id})
        elif key == "property":
            if value.endswith(".*") and _PROPERTY.match(value[:-2]):
                sel = replace(sel, prefixes=sel.prefixes + (value[:-1],))
            elif _PROPERTY.match(value):
                sel = replace(sel, properties=sel.properties | {value})
            else:
                raise SelectorError(f"invalid --only {text!r}: expected a property name like parameters.total "
                                    "or a prefix like parameters.*")
        elif key == "source":
            if value not in registry.sources:
                raise SelectorError(f"invalid --only {text!r}: no source {value!r} in the registry"
                                    f"{_hint(value, registry.sources)}")
            sel = replace(sel, sources=sel.sources | {value})
        elif key == "claim":
            ids = {c.global_id for c in registry.claims}
            if value not in ids:
                raise SelectorError(f"invalid --only {text!r}: no claim {value!r} in the registry (claim ids are "
                                    f"<source id>/<claim id>){_hint(value, ids)}")
            sel = replace(sel, claims=sel.claims | {value})
        else:
            if value.lower() not in VERDICTS:
                raise SelectorError(f"invalid --only {text!r}: verdict must be one of {', '.join(VERDICTS)}")
            sel = replace(sel, verdicts=sel.verdicts | {value.lower()})
    return sel


def _hint(value: str, choices: Iterable[str]) -> str:
    return did_you_mean(value, sorted(choices))  # sorted first: ties keep a stable order
