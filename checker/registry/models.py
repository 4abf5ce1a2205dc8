"""Pydantic models of the registry files: the single source of truth for their formats.

``claims/sources/*.yaml`` -> :class:`SourceFile`; ``claims/entities.yaml`` -> :class:`EntitiesFile`;
``claims/licenses.yaml`` -> :class:`LicensesFile`. The JSON Schemas are generated from these classes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

#: The value kinds a claim's ``kind:`` or ``properties.yaml`` may name (``checker.kinds`` implements them).
Kind = Literal["quantity", "date", "bool", "text", "entity", "license", "repo", "relation"]

Verdict = Literal["supported", "approximate", "contradicted", "corroborated", "disputed", "unverifiable"]
#: Every verdict, in the order of :data:`Verdict` (derived from it, so the two cannot drift apart).
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)

KEBAB = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"
KebabId = Annotated[str, StringConstraints(pattern=KEBAB)]
PropertyName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(?:\.[a-z0-9][a-z0-9_-]*)*$")]
# Hub syntax: owner and name of letters, digits, '-', '_', '.', no leading/trailing '-' or '.', no '--' or '..'.
HUB_REPO_RE = re.compile(r"^(?!.*(?:--|\.\.))[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?/"
                         r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$")


def check_repo_id(repo_id: str) -> str:
    """Return ``repo_id`` when it has the Hub's syntax (so it is safe as a path), else raise ValueError."""
    if not isinstance(repo_id, str) or not HUB_REPO_RE.match(repo_id):
        raise ValueError(f"{repo_id!r} is not a Hub repo id (owner/name of letters, digits, '-', '_', '.')")
    return repo_id


HubRepoId = Annotated[str, AfterValidator(check_repo_id)]


def _date_text(value: Any) -> Any:
    """A date comes from a date (YAML ``2026-02-08``) or a date string, never from a number (Unix time)."""
    if isinstance(value, (int, float)):  # bool included
        raise ValueError(f"a date is written YYYY-MM-DD, not {value!r}")
    return value


DateField = Annotated[dt.date, BeforeValidator(_date_text)]
DateTimeField = Annotated[dt.datetime, BeforeValidator(_date_text)]


def empty_list() -> list[Any]:
    """``default_factory`` for list fields: a Python function, where ``list`` would make pydantic read the
    builtin's text signature at class creation (importing ``tokenize``, about 10 ms of start-up)."""
    return []


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


SourceKind = Literal["press", "primary"]


class SourceMeta(_Strict):
    """One article or press release."""

    id: KebabId = Field(description="Unique, kebab-case.")
    title: str | None = None
    publisher: str | None = Field(default=None, description="The outlet; for a primary source, the entity id "
                                  "of the developer or organiser that published it.")
    kind: SourceKind = Field(default="press", description=(
        "press: an outlet's report; primary: the developer's or organiser's own document (model card, tech "
        "report, announcement, official notice)."))
    url: str | None = Field(default=None, pattern=r"^https?://")
    published: DateField = Field(description="Anchor for relative dates and the as-of date of every claim.")
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
    text: str | None = Field(default=None, description="File name of the full text, looked up in --texts DIRs.")
    note: str | None = None


ClaimValue = str | int | float | bool | dt.date | list[Any] | dict[str, Any]


class ClaimEntry(_Strict):
    """One declared fact: a subject, a property and a value, with the words that declare it."""

    id: KebabId = Field(description="Unique within the file; the global id is <source id>/<claim id>.")
    subject: str = Field(min_length=1, description="An entity id or alias from entities.yaml, or hf:<owner>/<name>.")
    property: PropertyName
    value: ClaimValue
    quote: str = Field(min_length=1, max_length=400, description="Verbatim from the source text: a clause.")
    kind: Kind | None = Field(default=None, description="Overrides the value kind the property implies.")
    tolerance: str | None = Field(default=None, pattern=r"^\d+(\.\d+)?\s*%$", description="e.g. 1%")
    expect: Verdict | None = Field(default=None, description="The curator's accepted verdict (CI baseline).")
    note: str | None = None


class SourceFile(_Strict):
    """A file in ``claims/sources/``: one source and the claims it makes."""

    source: SourceMeta
    claims: list[ClaimEntry] = Field(default_factory=empty_list)


EntityKind = Literal["organisation", "model", "event", "programme", "person", "team"]


class Entity(_Strict):
    """An organisation, model, event, programme, person or team that claims are about."""

    id: KebabId
    kind: EntityKind
    names: list[str] = Field(min_length=1, description="Display name first; aliases in any language.")
    hub_orgs: list[str] = Field(default_factory=empty_list, description="Organisation: Hub namespaces it publishes under.")
    hub_repo: HubRepoId | None = Field(default=None, description="Model: its Hub repo id, when it is on the Hub.")
    developer: str | None = Field(default=None, description="Model: the entity id of the organisation that built it.")
    parent: str | None = Field(default=None, description="Organisation: its parent company's entity id.")
    organiser: str | None = Field(default=None, description="Event or programme: the entity id of its organiser "
                                  "(whose primary sources decide claims about it).")
    url: str | None = Field(default=None, pattern=r"^https?://")
    note: str | None = None


class EntitiesFile(_Strict):
    """``claims/entities.yaml``."""

    entities: list[Entity]


class LicenseEntry(_Strict):
    """A model licence the SPDX list does not know."""

    id: KebabId = Field(description="Our id; also matched against the Hub's license id and license_name.")
    name: str
    aliases: list[str] = Field(default_factory=empty_list, description="Hub license ids / license_name values meaning this.")
    family: KebabId | None = Field(default=None, description=(
        "The family this licence is a version of (e.g. exaone): a claim naming the family matches any version "
        "of it; a claim naming a version must match that version."))
    osi_approved: bool = False
    commercial_use: bool | None = Field(description="null when the licence text leaves it open.")
    restrictions: list[str] = Field(default_factory=empty_list, description="Use restrictions, in short words.")
    url: str = Field(pattern=r"^https?://", description="Where the licence text was read.")
    note: str | None = None


class LicensesFile(_Strict):
    """``claims/licenses.yaml``."""

    licenses: list[LicenseEntry]


class Reviewer(_Strict):
    """The organisation that publishes the fact checks (ClaimReview ``author``)."""

    name: str = Field(min_length=1, description="As readers know it, e.g. the newsroom's name.")
    url: str = Field(pattern=r"^https?://", description="Its home page.")
    logo: str | None = Field(default=None, pattern=r"^https?://")


class ConfigFile(_Strict):
    """``claims/claimcheck.yaml``: settings of the registry (all optional)."""

    reviewer: Reviewer | None = Field(default=None, description="Who publishes the reviews (ClaimReview author).")
    review_url: str | None = Field(
        default=None, pattern=r"^https?://",
        description="Where the reviews are published (e.g. the HTML report's address); each ClaimReview's url is "
                    "this plus #<claim id>.")


PROPERTY_OR_PREFIX = r"^[a-z][a-z0-9_]*(?:\.[a-z0-9][a-z0-9_-]*)*(?:\.\*)?$"


class PropertyDecl(_Strict):
    """A property the registry declares (compared across articles only): a name, or a dotted family."""

    name: Annotated[str, StringConstraints(pattern=PROPERTY_OR_PREFIX)] = Field(
        description="A property name (ceo), or a dotted prefix ending in .* (event.*) for every property under it.")
    kind: Kind = Field(description="The kind of value its claims take.")
    meaning: str = Field(min_length=1, description="One line on what the property means.")


class PropertiesFile(_Strict):
    """``claims/properties.yaml``: the registry's own property vocabulary, beside the built-in properties."""

    properties: list[PropertyDecl]
