"""The property table: every built-in claim property, declared once.

A :class:`PropertySpec` says everything the layers need about one property: its value kind (how the loader
parses it, how the engine and the reports write it, how sources are compared), the checker that judges it
against Hub evidence, the Hub files a live fetch needs for it, the fact kinds the checker reads, and one
line on what it means. The evidence layer asks :func:`files_for` what to fetch; the engine asks
:func:`builtin` for the checker. Every other property is one a registry declares in its own
``properties.yaml`` (:class:`Vocabulary`): compared across articles only.

To add a property (``context_length`` is the worked example): in one module under ``checker/engine/``, write its
checker ``(claim, evidence, context) -> Judgement`` and, when its facts come from config.json fields no other
property reads, a :data:`ConfigReader`; add the fact kinds it reads to ``FactKind``; add one ``PropertySpec``
to ``BUILTIN`` below (and a value kind of its own when none of ``checker.kinds`` fits).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.engine.context import Checker, NoteMaker
from checker.engine.context_length import TOKENS, check_context_length, read_config
from checker.engine.dates import check_release_date
from checker.engine.developer import check_developer
from checker.engine.downloads import check_downloads
from checker.engine.lineage import check_base_model, check_from_scratch, check_vision_encoder
from checker.engine.openness import (
    check_commercial_use,
    check_gated,
    check_license,
    check_open_source,
    check_open_weights,
)
from checker.engine.parameters import check_parameters, parameter_notes, settled_by_api
from checker.engine.relations import check_relation_size
from checker.errors import did_you_mean
from checker.evidence.facts import FactKind, HubFile, RepoEvidence
from checker.kinds import KINDS, ValueKind
from checker.registry.models import Kind
from checker.registry.types import Claim

F = FactKind
CARD, CONFIG = frozenset({HubFile.MODEL_CARD}), frozenset({HubFile.CONFIG})
_PARAMETER_FACTS = frozenset({F.PARAMETERS_TOTAL, F.PARAMETERS_ACTIVE, F.PARAMETERS_NON_EMBEDDING})
_LICENCE_FACTS = frozenset({F.LICENSE, F.LICENSE_NAME, F.LICENSE_LINK})
_ACCESS_FACTS = frozenset({F.EXISTS, F.PRIVATE, F.DISABLED, F.GATED})
#: Reads a property's own facts from a repo's config.json: (fact kind, value, note) triples.
ConfigReader = Callable[[Mapping[str, Any]], list[tuple[FactKind, Any, str | None]]]
#: ``(claim, evidence holding the Hub API's facts only) -> bool``: True when those facts decide the claim's
#: verdict whatever the property's ``files`` would add, so a live fetch skips the files for this claim.
SettleRule = Callable[[Claim, RepoEvidence], bool]


@dataclass(frozen=True)
class PropertySpec:
    """One property: name, value kind, meaning, and (built-in ones) checker, Hub files and facts read."""

    name: str
    kind: ValueKind
    meaning: str
    check: Checker | None = None                           # None: compared across articles only
    files: frozenset[HubFile] = frozenset()                 # beyond the API fields, fetched live
    reads: frozenset[FactKind] = frozenset()
    prefix: bool = False                                    # a declared dotted family (``event.*``)
    from_config: ConfigReader | None = None                 # facts of its own in config.json (HubFile.CONFIG)
    settled: SettleRule | None = None                       # None: the files are read whenever it is claimed

    @property
    def hub_checkable(self) -> bool:
        """True when Hub evidence can bear on the property."""
        return self.check is not None


def _spec(name: str, kind: Kind | ValueKind, meaning: str, check: Checker, files: frozenset[HubFile],
          reads: Iterable[FactKind], from_config: ConfigReader | None = None,
          settled: SettleRule | None = None) -> PropertySpec:
    value_kind = KINDS[kind] if isinstance(kind, str) else kind
    return PropertySpec(name, value_kind, meaning, check, files, frozenset(reads), from_config=from_config,
                        settled=settled)


#: The built-in properties: those Hub evidence can check.
BUILTIN: dict[str, PropertySpec] = {s.name: s for s in (
    # The card decides only what the API's exact total does not (settled_by_api). The other card and
    # config properties have no API fact that decides them: an active count, a release statement
    # (created_at never decides), a relation (the card's headline total comes first), a vision tower
    # and a context window are not in the API's answer.
    _spec("parameters.total", "quantity", "total parameter count", check_parameters, CARD,
          _PARAMETER_FACTS | {F.PARAMETERS_BY_DTYPE}, settled=settled_by_api),
    _spec("parameters.active", "quantity", "parameters active per token (mixture of experts)", check_parameters,
          CARD | CONFIG, _PARAMETER_FACTS | {F.MOE}),
    _spec("open_source", "bool", "weights downloadable under an OSI-approved licence without use restrictions",
          check_open_source, frozenset(), _ACCESS_FACTS | _LICENCE_FACTS),
    _spec("open_weights", "bool", "weights downloadable (public, not disabled)", check_open_weights, frozenset(),
          _ACCESS_FACTS),
    _spec("license", "license", "the licence the weights are published under", check_license, frozenset(),
          _LICENCE_FACTS),
    _spec("commercial_use", "bool", "the licence allows commercial use", check_commercial_use, frozenset(),
          _LICENCE_FACTS),
    _spec("gated", "bool", "access needs approval (automatic or manual)", check_gated, frozenset(), {F.GATED}),
    _spec("release_date", "date", "when the model was first released", check_release_date, CARD,
          {F.RELEASE_DATE, F.CREATED_AT}),
    _spec("developer", "entity", "the organisation that built the model", check_developer, frozenset(),
          {F.AUTHOR, F.RENAMED_TO}),
    _spec("base_model", "repo", "the model it was fine-tuned or derived from (or none)", check_base_model,
          frozenset(), {F.BASE_MODEL, F.BASE_MODEL_RELATION}),
    _spec("from_scratch", "bool", "trained from scratch, not from another model", check_from_scratch, frozenset(),
          {F.BASE_MODEL, F.BASE_MODEL_RELATION, F.TRAINING_FROM_SCRATCH_STATEMENT}),
    _spec("vision_encoder", "text", "the family of the vision tower", check_vision_encoder, CONFIG,
          {F.VISION_ENCODER, F.VISION_CONFIG}),
    _spec("downloads", "quantity", "download count (usually a milestone, >=N)", check_downloads, frozenset(),
          {F.DOWNLOADS, F.DOWNLOADS_ALL_TIME}),
    _spec("relation.size", "relation", "size relative to another model (smaller_by, larger_by, fraction_of)",
          check_relation_size, CARD, _PARAMETER_FACTS),
    _spec("context_length", TOKENS, "the context window in tokens (K = 1,024)", check_context_length, CONFIG,
          {F.CONTEXT_LENGTH}, from_config=read_config),
)}

#: Note makers look at one repo's evidence for differences inside it, whatever the claims say.
NOTE_MAKERS: tuple[NoteMaker, ...] = (parameter_notes,)


def builtin(prop: str) -> PropertySpec | None:
    """The built-in spec of ``prop``, or None."""
    return BUILTIN.get(prop)


def hub_checkable(prop: str) -> bool:
    """True when Hub evidence can bear on ``prop``."""
    spec = BUILTIN.get(prop)
    return spec is not None and spec.hub_checkable


def config_readers() -> list[ConfigReader]:
    """The config.json readers of the built-in properties (the evidence layer runs them on every config)."""
    return [s.from_config for s in BUILTIN.values() if s.from_config is not None]


def files_for(props: Iterable[str]) -> frozenset[HubFile]:
    """The Hub files (beyond the API fields) that checking ``props`` needs."""
    out: set[HubFile] = set()
    for prop in props:
        spec = BUILTIN.get(prop)
        if spec is not None:
            out |= spec.files
    return frozenset(out)


def files_wanted(claims: Iterable[Claim], api: RepoEvidence) -> frozenset[HubFile]:
    """The Hub files that checking ``claims`` still needs once ``api`` (the API's facts) is in hand: those of
    every claim whose property's ``settled`` rule does not say the API facts decide it."""
    out: set[HubFile] = set()
    for claim in claims:
        spec = BUILTIN.get(claim.property)
        if spec is not None and spec.files - out and not (spec.settled is not None and spec.settled(claim, api)):
            out |= spec.files
    return frozenset(out)


def files_regardless(claims: Iterable[Claim]) -> frozenset[HubFile]:
    """The Hub files that checking ``claims`` needs whatever the API's facts say: those of every claim whose
    property has no ``settled`` rule (a live fetch may read them before the API has answered)."""
    out: set[HubFile] = set()
    for claim in claims:
        spec = BUILTIN.get(claim.property)
        if spec is not None and spec.settled is None:
            out |= spec.files
    return frozenset(out)


@dataclass
class Vocabulary:
    """The properties a registry may use: the built-in ones and those its ``properties.yaml`` declares
    (a name, or a dotted prefix ``event.*`` standing for every ``event.<name>``)."""

    declared: Mapping[str, PropertySpec] = field(default_factory=dict)
    prefixes: tuple[PropertySpec, ...] = ()          # longest first

    @classmethod
    def of(cls, specs: Iterable[PropertySpec]) -> Vocabulary:
        """A vocabulary from declared specs (a prefix spec's name ends with ``.``)."""
        specs = list(specs)
        return cls({s.name: s for s in specs if not s.prefix},
                   tuple(sorted((s for s in specs if s.prefix), key=lambda s: len(s.name), reverse=True)))

    def lookup(self, prop: str) -> PropertySpec | None:
        """The spec ``prop`` falls under: built in, declared by name, or by its longest declared prefix."""
        spec = BUILTIN.get(prop) or self.declared.get(prop)
        if spec is not None:
            return spec
        return next((p for p in self.prefixes if prop.startswith(p.name)), None)

    def names(self) -> list[str]:
        """Every property name and prefix (``event.*``), for suggestions."""
        return [*BUILTIN, *self.declared, *(p.name + "*" for p in self.prefixes)]

    def suggest(self, prop: str) -> str:
        """A ``; did you mean …?`` hint with the known names closest to ``prop``, closest first."""
        return did_you_mean(prop, self.names())
