"""``claimcheck extract`` on the seed articles: a valid claim file whose quotes are all found, proposing
at least every parameter count the hand-written registry has for that article."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.cli import cli
from checker.registry.models import SourceFile
from checker.registry.quotes import SourceText
from checker.values import parse_date, parse_quantity
from tests.engine.factory import kind_of


def hand_written(repo_root: Path) -> dict[str, SourceFile]:
    """The registry's claim files, by the name of the text they were made from."""
    out = {}
    for path in sorted((repo_root / "claims" / "sources").glob("*.yaml")):
        parsed = SourceFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        if parsed.source.text:
            out[parsed.source.text] = parsed
    return out


def parameter_values(claims, names: dict[str, list[str]] | None = None) -> set[float]:
    """Parameter counts, except sizes written only inside a model's name ("'트리-21B'", "하이퍼클로바X 시드 32B
    씽크"): as the dev set's rules say, a size in a name is not a claim."""
    def in_name(c) -> bool:
        return any(str(c.value) in n and n in c.quote for n in (names or {}).get(c.subject, []))
    return {parse_quantity(str(c.value)).value for c in claims if c.property == "parameters.total"
            and f"-{c.value}" not in c.quote and not in_name(c)}


@pytest.mark.seeds
def test_extract_on_every_seed_article(seeds_dir: Path, repo_root: Path, tmp_path: Path):
    registry = hand_written(repo_root)
    articles = sorted(seeds_dir.glob("*.txt"))
    assert articles
    for article in articles:
        args = ["extract", str(article), "--registry", str(repo_root / "claims")]
        known = registry.get(article.name)
        if not article.read_text(encoding="utf-8").lstrip().startswith("date "):
            if known is None:
                continue  # no date line and no registry entry: nothing to anchor relative dates on
            args += ["--published", known.source.published.isoformat()]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, (article.name, result.output)
        proposed = SourceFile.model_validate(yaml.safe_load(result.stdout))
        assert proposed.source.text == article.name and proposed.source.language == "ko"
        assert proposed.claims, article.name
        text = SourceText(article)
        missing = [c.quote for c in proposed.claims if text.find(c.quote).offset is None]
        assert not missing, (article.name, missing)
        for c in proposed.claims:  # every value parses as its property's kind
            kind = kind_of(c.property).name
            if kind == "quantity":
                parse_quantity(c.value)
            elif kind == "date":
                parse_date(c.value)
        if known is not None:
            assert proposed.source.published == known.source.published
            names = {e["id"]: e["names"] for e in yaml.safe_load(
                (repo_root / "claims" / "entities.yaml").read_text(encoding="utf-8"))["entities"]}
            want, got = parameter_values(known.claims, names), parameter_values(proposed.claims)
            assert want <= got, (article.name, sorted(want - got))
