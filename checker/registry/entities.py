"""Resolving subjects and entity references: ids, aliases (any language, case-insensitive) and ``hf:`` ids."""

from __future__ import annotations

import unicodedata

from checker.errors import closest
from checker.registry.models import Entity, check_repo_id
from checker.registry.types import Subject


def fold(name: str) -> str:
    """The form names are compared in: NFC, case-folded, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


class EntityIndex:
    """Looks entities up by id, by any of their names, or by their Hub repo."""

    def __init__(self, entities: dict[str, Entity]):
        self.entities = entities
        self.by_name: dict[str, str] = {}
        # Claims name the same few subjects over and over: each is resolved once, and shared.
        self._subjects: dict[str, Subject] = {}
        self._resolved: dict[str, Subject | str] = {}
        self.by_repo: dict[str, str] = {}
        for ent in entities.values():
            for name in [ent.id, *ent.names]:
                self.by_name.setdefault(fold(name), ent.id)
        # A Hub organisation name ("LGAI-EXAONE") names its organisation too, unless a name already took it.
        for ent in entities.values():
            for org in ent.hub_orgs:
                self.by_name.setdefault(fold(org), ent.id)
            if ent.hub_repo:
                self.by_repo.setdefault(ent.hub_repo.casefold(), ent.id)

    def subject(self, ent: Entity) -> Subject:
        subject = self._subjects.get(ent.id)
        if subject is None or subject.entity is not ent:
            subject = self._subjects[ent.id] = Subject(id=ent.id, name=ent.names[0], repo_id=ent.hub_repo,
                                                       entity=ent)
        return subject

    def resolve(self, ref: str) -> Subject:
        """The subject ``ref`` names: an entity id or alias, or ``hf:<owner>/<name>``.

        An ``hf:`` id that belongs to a registry entity resolves to that entity, so claims about the
        same model group together whichever way they name it. Raises ``LookupError`` with a hint.
        """
        found = self._resolved.get(ref)
        if found is None:
            try:
                found = self._resolve(ref)
            except LookupError as exc:
                found = str(exc)
            self._resolved[ref] = found
        if isinstance(found, str):
            raise LookupError(found)
        return found

    def _resolve(self, ref: str) -> Subject:
        ref = ref.strip()
        if ref.startswith("hf:"):
            repo = ref[3:]
            try:
                check_repo_id(repo)
            except ValueError as exc:
                raise LookupError(f"invalid Hub repo id in {ref!r}: {exc}") from None
            owned = self.by_repo.get(repo.casefold())
            if owned:
                return self.subject(self.entities[owned])
            return Subject(id=f"hf:{repo}", name=repo, repo_id=repo)
        ent_id = self.by_name.get(fold(ref))
        if ent_id is None:
            raise LookupError(f"unknown entity {ref!r}{self.suggest(ref)}")
        return self.subject(self.entities[ent_id])

    def suggest(self, ref: str) -> str:
        """A ``; did you mean ...?`` hint, or an empty string."""
        # Closest first; several names of one entity count once, as its id.
        close = closest(fold(ref), self.by_name, n=6)
        names = list(dict.fromkeys(self.entities[self.by_name[c]].id for c in close))[:3]
        return f"; did you mean {', '.join(names)}?" if names else ""
