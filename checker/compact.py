"""Pydantic instances built without validation in about a third of the memory, for values a run holds by
the thousand (recorded facts, related claims) that were validated already or are made by the engine.

:func:`construct` is ``model_construct`` with every field given: the fields are set one by one in model
order, so the instance's dictionary shares its keys with every other instance of the class (Python's
key-sharing dictionaries: it holds only the values), and the set of given fields is passed in, so equal
sets can be one object (pydantic only reads it; only assigning to a field changes it, and ``model_copy``
copies it). :func:`share_keys` must run for a class before pydantic validates any instance of it: once
pydantic has built an instance's dictionary, Python no longer shares the keys of later ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def construct(cls: type[M], fields: Iterable[tuple[str, object]], given: set[str],
              extra: dict[str, Any] | None = None, private: dict[str, Any] | None = None) -> M:
    """An instance of ``cls`` holding ``fields`` (every field, in model order), unvalidated."""
    new = cls.__new__(cls)
    for key, value in fields:
        object.__setattr__(new, key, value)
    object.__setattr__(new, "__pydantic_fields_set__", given)
    object.__setattr__(new, "__pydantic_extra__", extra)
    object.__setattr__(new, "__pydantic_private__", private)
    return new


def share_keys(*classes: type[BaseModel]) -> None:
    """Give each class's key-sharing dictionary its fields, in model order (see the module's note)."""
    for cls in classes:
        probe = cls.__new__(cls)
        for key in cls.model_fields:
            object.__setattr__(probe, key, None)
