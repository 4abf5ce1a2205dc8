"""Articles by URL: fetch the page with httpx and extract its main text and metadata with trafilatura.

The only I/O of the extractor. trafilatura is an optional dependency (``pip install 'claimcheck[extract]'``)
and is imported only when a page has to be read.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass

import httpx

from checker import __version__
from checker.errors import ClaimcheckError
from checker.httpbody import BodyTooLarge, BodyTooSlow, read_body

USER_AGENT = f"claimcheck/{__version__} (article extraction; +https://pypi.org/project/claimcheck/)"
MAX_BYTES = 5_000_000      # a news page is far smaller; anything larger is not an article
TIMEOUT = 20.0
INSTALL_HINT = "pip install 'claimcheck[extract]'"


class FetchError(ClaimcheckError):
    """The page could not be fetched or read."""


class MissingDependency(ClaimcheckError):
    """trafilatura is not installed."""


@dataclass(frozen=True)
class Article:
    """An article's main text and what is known about it."""

    text: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
          transport: httpx.BaseTransport | None = None) -> tuple[bytes, str, str | None, str]:
    """GET ``url`` (redirects followed): (body, final URL, charset from the headers or None, content type)."""
    if not re.match(r"^https?://", url, re.I):
        raise FetchError(f"{url}: only http(s) URLs can be fetched")
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8"}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5, headers=headers,
                          transport=transport) as client, client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"{url}: HTTP {resp.status_code}")
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url}: the page is {int(declared)} bytes, more than the {max_bytes} allowed")
            ctype = resp.headers.get("content-type", "")
            if ctype and not re.match(r"\s*(?:text/|application/xhtml)", ctype, re.I):
                raise FetchError(f"{url}: not a web page (Content-Type {ctype})")
            try:
                body = read_body(resp.iter_bytes(), limit=max_bytes, deadline=deadline)
            except BodyTooSlow:
                raise FetchError(f"{url}: no complete page within {timeout:g} s") from None
            except BodyTooLarge:
                raise FetchError(f"{url}: the page is larger than the {max_bytes} bytes allowed") from None
            return body, str(resp.url), resp.charset_encoding, ctype.split(";")[0].strip().lower()
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None


def extract(html: bytes | str, url: str | None = None) -> Article:
    """The main text, title and publication date of a page (trafilatura)."""
    try:
        import trafilatura
    except ImportError:
        raise MissingDependency(f"reading web pages needs trafilatura: {INSTALL_HINT}") from None
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    # trafilatura 2 returns a Document, 1.x a dict.
    fields = doc if isinstance(doc, dict) else {k: getattr(doc, k, None) for k in ("text", "title", "date")}
    text = fields.get("text")
    if not text or not text.strip():
        raise FetchError(f"{url or 'the page'}: no article text found")
    published = None
    raw_date = fields.get("date")
    if raw_date:
        try:
            published = dt.date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            published = None
    return Article(text=text, url=url, title=fields.get("title") or None, published=published)


def fetch_article(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
                  transport: httpx.BaseTransport | None = None) -> Article:
    """Fetch ``url`` and extract its article (raises FetchError, MissingDependency)."""
    try:  # fail on the missing dependency before any request is made
        import trafilatura  # noqa: F401
    except ImportError:
        raise MissingDependency(f"reading web pages needs trafilatura: {INSTALL_HINT}") from None
    body, final_url, charset, ctype = fetch(url, timeout=timeout, max_bytes=max_bytes, transport=transport)
    page: bytes | str = body
    if charset:
        try:
            page = body.decode(charset, errors="replace")
        except LookupError:
            page = body  # an unknown charset name: let trafilatura detect the encoding
    if ctype == "text/plain":  # already the text: nothing to extract
        text = page if isinstance(page, str) else body.decode("utf-8", errors="replace")
        return Article(text=text, url=final_url)
    # The URL after redirects: short links and http->https hops lead to the article's own address.
    return extract(page, final_url)
