"""Every value kind parses into the claim value tagged with its own name (the discriminated union)."""

from __future__ import annotations

from typing import get_args

import pytest

from checker.kinds import KINDS
from checker.registry.models import Kind
from checker.registry.types import Relation, Subject

_SUBJECT = Subject(id="other-70b", name="Other-70B", repo_id="example-org/other-70b")
_RAW: dict[str, object] = {"quantity": "70B", "date": "2025-08", "bool": True, "text": "Seoul",
                           "entity": "other-70b", "license": "apache-2.0", "repo": "none",
                           "relation": {"object": "other-70b", "smaller_by": "5%"}}


class _Names:
    def entity(self, text: str) -> Subject:
        return _SUBJECT

    def known_license(self, text: str) -> bool:
        return True


@pytest.mark.parametrize("name", get_args(Kind))
def test_parse_tags_the_value_with_its_kind(name):
    value = KINDS[name].parse(_RAW[name], _Names())
    assert value.kind == name


def test_relation_value_carries_the_relation():
    value = KINDS["relation"].parse(_RAW["relation"], _Names())
    assert isinstance(value.relation, Relation) and value.relation.object is _SUBJECT
    assert KINDS["repo"].to_json(KINDS["repo"].parse("none", _Names())) is None
