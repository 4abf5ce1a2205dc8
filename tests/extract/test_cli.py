"""``claimcheck extract``: a text file or a URL in, a valid claim file of proposals out."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.cli import cli
from checker.extract.fetch import FetchError, fetch
from checker.registry.models import SourceFile
from checker.registry.quotes import SourceText, normalise

ARTICLE = """ date 2026-02-10 아크미랩스는 작년 3월 설립된 스타트업이다.
회사는 지난달 1200억 파라미터 규모의 '베타 LLM'을 오픈소스로 공개했다.

정부는 국가 AI 사업에 총 2500억 원을 투입한다. 국가 AI 사업의 접수는 이달 20일 마감된다.
"""

ENTITIES = """entities:
  - id: acme-labs
    kind: organisation
    names: [아크미랩스, Acme Labs]
  - id: beta-llm
    kind: model
    names: [베타 LLM, Beta LLM]
  - id: national-ai
    kind: programme
    names: [국가 AI 사업]
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no ./claims here: no registry unless --registry is given
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    reg = tmp_path / "reg"
    reg.mkdir()
    (reg / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    # The seed registry's vocabulary: the properties the extractor proposes.
    (reg / "properties.yaml").write_bytes((Path(__file__).parents[2] / "claims" / "properties.yaml").read_bytes())
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, ["extract", *args], catch_exceptions=False)


def load(text: str) -> SourceFile:
    return SourceFile.model_validate(yaml.safe_load(text))


def test_text_file(workdir: Path):
    result = run("article.txt", "--registry", "reg")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Claims proposed by `claimcheck extract` from article.txt.")
    assert "proposals to review" in result.stdout
    parsed = load(result.stdout)
    src = parsed.source
    assert (src.id, str(src.published), src.language, src.text) == ("2026-02-10-article", "2026-02-10", "ko",
                                                                       "article.txt")
    claims = {(c.subject, c.property): c for c in parsed.claims}
    assert set(claims) == {("acme-labs", "founded"), ("beta-llm", "parameters.total"), ("beta-llm", "release_date"),
                           ("beta-llm", "open_source"), ("national-ai", "budget.total"),
                           ("national-ai", "event.deadline")}
    assert claims["acme-labs", "founded"].value == "2025-03"
    assert claims["acme-labs", "founded"].note == "작년 3월 resolved against 2026-02-10"
    assert claims["beta-llm", "parameters.total"].value == "1200억"
    assert claims["beta-llm", "release_date"].value == "2026-01"
    assert claims["beta-llm", "open_source"].value is True
    assert claims["national-ai", "budget.total"].value == "1936억 원".replace("1936", "2500")
    assert claims["national-ai", "event.deadline"].value == "2026-02-20"
    assert all(c.expect is None for c in parsed.claims)
    text = SourceText(workdir / "article.txt")
    assert all(text.find(c.quote).offset is not None for c in parsed.claims)
    assert "6 claim(s) proposed" in result.stderr


def test_the_written_file_validates_in_a_registry(workdir: Path):
    from checker.registry.loader import load_registry

    (workdir / "reg" / "sources").mkdir()
    result = run("article.txt", "--registry", "reg", "--output", "reg/sources/article.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    registry = load_registry(workdir / "reg", texts=[workdir])  # every quote is checked against the text
    assert len(registry.claims) == 6
    assert all(c.quote_offset is not None for c in registry.claims)


def test_without_a_registry_subjects_are_literal_or_todo(workdir: Path):
    result = run("article.txt", "--source-id", "my-article")
    assert result.exit_code == 0, result.output
    parsed = load(result.stdout)
    assert parsed.source.id == "my-article"
    subjects = {c.subject for c in parsed.claims}
    assert "TODO" in subjects and "TODO: 아크미랩스" in subjects  # a placeholder keeps the name as written
    assert "without a subject (TODO)" in result.stderr


def test_an_invalid_entities_file_exits_2(workdir: Path):
    (workdir / "reg" / "entities.yaml").write_text("entities:\n  - id: Not Kebab\n", encoding="utf-8")
    result = run("article.txt", "--registry", "reg")
    assert result.exit_code == 2
    assert "not a valid entities file" in result.stderr


def test_published_is_required_without_a_date_line(workdir: Path):
    (workdir / "plain.txt").write_text("아크미랩스는 작년 3월 설립됐다.\n", encoding="utf-8")
    result = run("plain.txt")
    assert result.exit_code == 2
    assert "--published" in result.stderr
    result = run("plain.txt", "--published", "2024-05-01")
    assert result.exit_code == 0, result.output
    parsed = load(result.stdout)
    assert [c.value for c in parsed.claims] == ["2023-03"]
    assert parsed.source.id == "2024-05-01-plain"


def test_published_option_wins_over_the_date_line(workdir: Path):
    result = run("article.txt", "--published", "2027-01-15")
    assert result.exit_code == 0, result.output
    founded = next(c for c in load(result.stdout).claims if c.property == "founded")
    assert founded.value == "2026-03"


def test_output_is_not_overwritten_without_force(workdir: Path):
    out = workdir / "out.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    result = run("article.txt", "--output", "out.yaml")
    assert result.exit_code == 2 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"
    result = run("article.txt", "--output", "out.yaml", "--force")
    assert result.exit_code == 0, result.output
    load(out.read_text(encoding="utf-8"))
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".out.yaml")] == []  # no temporary left


@pytest.mark.parametrize("args, message", [
    (["missing.txt"], "no such file"),
    (["ftp://example.org/a"], "only http(s) URLs"),
    (["article.txt", "--published", "12/02/2026"], "not a date"),
    (["article.txt", "--source-id", "Not Kebab"], "kebab-case"),
    (["article.txt", "--registry", "nowhere"], "no entities.yaml"),
    (["article.txt", "--output", "nodir/out.yaml"], "does not exist"),
])
def test_invalid_input_exits_2(workdir: Path, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


# -------------------------------------------------------------------------------------------------
# URLs, against a local server on 127.0.0.1

PAGE = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8">
<title>아크미랩스, 베타 LLM 공개</title>
<meta property="og:title" content="아크미랩스, 베타 LLM 공개">
<meta property="article:published_time" content="2026-02-10T09:00:00+09:00">
</head><body>
<nav><a href="/">홈</a> <a href="/news">뉴스</a></nav>
<article>
<h1>아크미랩스, 베타 LLM 공개</h1>
<p>아크미랩스는 작년 3월 설립된 스타트업이다. 회사는 지난달 1200억 파라미터 규모의 '베타 LLM'을 오픈소스로 공개했다.
업계에서는 이번 공개가 국내 생태계에 긍정적인 영향을 줄 것으로 보고 있다.</p>
<p>정부는 국가 AI 사업에 총 2500억 원을 투입한다. 국가 AI 사업의 접수는 이달 20일 마감된다.
관계자는 앞으로도 지원을 이어가겠다고 밝혔다.</p>
</article>
<footer>Copyright 테스트 뉴스</footer>
</body></html>
"""


class _Handler(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def do_GET(self):  # noqa: N802 - the http.server API
        type(self).seen.append(dict(self.headers))
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/news/acme-beta-llm")
            self.end_headers()
            return
        if self.path == "/news/acme-beta-llm":
            body, ctype = PAGE.encode("utf-8"), "text/html; charset=utf-8"
        elif self.path == "/big":
            body, ctype = b"<html><body>" + b"x" * 200_000 + b"</body></html>", "text/html"
        elif self.path == "/image":
            body, ctype = b"\x89PNG", "image/png"
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture
def server():
    _Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_url(workdir: Path, server: str):
    pytest.importorskip("trafilatura")
    url = f"{server}/old"
    result = run(url, "--registry", "reg")
    assert result.exit_code == 0, result.output
    parsed = load(result.stdout)
    src = parsed.source
    assert src.url == f"{server}/news/acme-beta-llm" and src.text is None  # where the redirect led
    assert str(src.published) == "2026-02-10"  # from the page's metadata
    assert src.title == "아크미랩스, 베타 LLM 공개"
    assert src.id == "2026-02-10-acme-beta-llm"  # a Hangul title gives no slug: the URL path does
    assert {(c.subject, c.property) for c in parsed.claims} >= {
        ("acme-labs", "founded"), ("beta-llm", "parameters.total"), ("national-ai", "event.deadline")}
    body = normalise(PAGE)
    assert all(normalise(c.quote) in body for c in parsed.claims)
    assert all("claimcheck/" in h.get("User-Agent", "") for h in _Handler.seen)
    # --published wins over the page's date
    result = run(url, "--registry", "reg", "--published", "2026-03-05")
    assert str(load(result.stdout).source.published) == "2026-03-05"


def test_url_errors_exit_3(workdir: Path, server: str):
    pytest.importorskip("trafilatura")
    result = run(f"{server}/gone")
    assert result.exit_code == 3
    assert "HTTP 404" in result.stderr
    result = run(f"{server}/image")
    assert result.exit_code == 3
    assert "not a web page" in result.stderr


def test_fetch_limits_the_size(server: str):
    with pytest.raises(FetchError, match="more than the 1000 allowed"):
        fetch(f"{server}/big", max_bytes=1000)
    body, final, charset, ctype = fetch(f"{server}/old")
    assert final.endswith("/news/acme-beta-llm") and charset == "utf-8" and ctype == "text/html"
    assert body.decode("utf-8") == PAGE


def test_missing_trafilatura_exits_2_with_the_install_hint(workdir: Path, server: str,
                                                            monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes `import trafilatura` fail
    result = run(f"{server}/news/acme-beta-llm")
    assert result.exit_code == 2
    assert "pip install 'claimcheck[extract]'" in result.stderr
    assert _Handler.seen == []  # it fails before any request
