"""The live evidence source: the Hugging Face Hub, through huggingface_hub (imported lazily).

Requests per repo: the API fields come from one ``GET /api/models/{id}?expand=…`` or, for owners with
several wanted repos, from one ``GET /api/models?author=…&expand=…`` listing page shared by all of them;
``config.json`` and the model card (README.md, at the recorded revision) are fetched only when a claim
needs them (the property table says which: :func:`checker.properties.files_for`); those no API fact can
settle are asked for at ``main`` from the start and kept when the Hub says they are the files at the API's
sha (:meth:`HubSource._file`).

The requests are those ``HfApi.model_info`` / ``HfApi.list_models`` make (the library's session, headers,
``hf_raise_for_status``, ``paginate`` and ``ModelInfo`` parsing), issued one level down because in 2.4.0
neither call keeps the raw JSON we record, ``list_models`` takes no timeout, and ``model_info`` has no
retry: this module adds timeouts everywhere, retries with back-off that honours ``RateLimit`` and
``Retry-After``, and bounded concurrency.

Outcomes besides ordinary evidence:

* a repo the Hub says is disabled (403 "Access to this resource is disabled.") is evidence: a record with
  the single fact ``disabled: true``;
* a repo whose metadata the Hub refuses as gated (``GatedRepoError`` from the API) is ``Unavailable``
  with reason ``gated``: it exists and is gated, but whether approval is automatic or manual is unknown,
  and a thin record must not replace fuller evidence recorded with a token;
* a renamed repo (the API redirects to a new id) is recorded under the requested id with a
  ``renamed_to`` fact, its facts describing the new id;
* a needed file that is gated or absent leaves the API facts in place and is mentioned in ``note``; any
  other failure makes the repo ``Unavailable``, so a refresh never swaps good evidence for a partial one.

The token (argument, else ``HF_TOKEN``) is sent as ``Authorization`` to the endpoint's own origin and
nowhere else (not to a listing page or a redirect on another host): it is never recorded, and it is
scrubbed from every error detail and every recorded response. Every request has a whole-request deadline
and a size bound; an API call redirected to another host is refused; an answer about another repo than
the one asked for, without the Hub's own redirect to it, fails with ``wrong-repo``; a value no real repo
can have (:mod:`checker.evidence.plausible`) fails with ``implausible``.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import math
import os
import random
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from types import SimpleNamespace
from typing import Any, TypeVar
from urllib.parse import quote, urljoin, urlsplit

from checker import __version__
from checker.evidence.facts import Fact, HubFile, Method, RawResponses, RepoEvidence, Unavailable, UnavailableReason
from checker.evidence.hub_facts import api_facts, card_facts, config_facts
from checker.evidence.interface import ClaimNeeds, Needs, needs_of
from checker.evidence.plausible import first_implausible
from checker.httpbody import BodyTooLarge, BodyTooSlow, read_body
from checker.properties import files_for, files_regardless, files_wanted
from checker.registry.models import check_repo_id

T = TypeVar("T")

DEFAULT_ENDPOINT = "https://huggingface.co"
#: Every API field a verifier uses; the Hub returns only ``_id``, ``id`` and these.
API_EXPAND = ("author", "sha", "createdAt", "lastModified", "private", "gated", "disabled", "downloads",
              "downloadsAllTime", "likes", "library_name", "pipeline_tag", "tags", "cardData", "config",
              "safetensors", "baseModels")
#: The listing endpoint rejects ``baseModels``; ``cardData.base_model`` still carries the declared base.
LIST_EXPAND = tuple(k for k in API_EXPAND if k != "baseModels")
#: Items per listing page: what the Hub's own JavaScript client asks for (``@huggingface/hub`` listModels sends
#: ``limit=min(total, 500)`` with its expanded fields), so an owner of up to 500 models is one page.
LIST_PAGE_SIZE = 500
#: An owner is listed when at least this many of its repos are wanted (see :class:`_Listing`): two wanted
#: repos of an owner with at most LIST_PAGE_SIZE models cost one page instead of two requests; of a larger
#: one, at worst one request more (a first page holding neither).
LIST_MIN_WANTED = 2
#: How ``note`` says that a needed file was gated to the current token (refresh keeps older copies then).
GATED_FILE_NOTE = "{}: gated, not readable with the current token"
RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
#: Redirect statuses that say a repo moved (a rename); 303 ("see other") does not.
RENAME_STATUS = frozenset({301, 302, 307, 308})
MAX_REDIRECTS = 5
#: The largest answer read for one repo (its model info, config.json or model card); real ones are far smaller.
MAX_RESPONSE_BYTES = 4 * 1024 * 1024
#: The largest listing page (500 models with their card data, about 1 KB each on the local Hub).
MAX_LIST_BYTES = 32 * 1024 * 1024
_TOKEN_LIKE = re.compile(r"\bhf_[A-Za-z0-9]{30,}")


def _import_hub() -> SimpleNamespace:
    """huggingface_hub's pieces, imported on first use with its telemetry side request switched off.

    The environment variable covers a first import (constants are read then); the constant covers a
    library imported earlier by someone else (it is read at call time).
    """
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    from huggingface_hub import ModelInfo, constants, errors
    from huggingface_hub.utils import (
        build_hf_headers,
        get_session,
        hf_raise_for_status,
        parse_ratelimit_headers,
    )
    from huggingface_hub.utils import httpx as hf_httpx  # httpx2: its errors are not plain httpx's

    constants.HF_HUB_DISABLE_TELEMETRY = True
    return SimpleNamespace(ModelInfo=ModelInfo, errors=errors,
                           build_hf_headers=build_hf_headers, get_session=get_session,
                           hf_raise_for_status=hf_raise_for_status,
                           parse_ratelimit_headers=parse_ratelimit_headers, httpx=hf_httpx)


class _Failure(Exception):
    """A repo's evidence could not be obtained, with its Unavailable reason."""

    def __init__(self, reason: UnavailableReason, detail: str):
        super().__init__(detail)
        self.reason, self.detail = reason, detail


class HubSource:
    """Evidence fetched live from the Hub (``endpoint``: argument, else ``HF_ENDPOINT``, else huggingface.co).

    ``timeout`` bounds every request (seconds); ``retries`` is the number of retries after a 429, 408,
    5xx, timeout or connection error, waiting ``backoff``·2^n seconds with jitter, or what ``RateLimit`` /
    ``Retry-After`` ask (up to ``max_wait``); ``concurrency`` bounds requests in flight; ``progress`` is
    called with each repo id as its evidence is complete. ``retry_count`` counts the retries made.
    """

    name = "hub"

    def __init__(self, endpoint: str | None = None, token: str | None = None, timeout: float = 10.0,
                 retries: int = 4, concurrency: int = 8, progress: Callable[[str], None] | None = None,
                 *, backoff: float = 1.0, max_wait: float = 300.0):
        self.endpoint = (endpoint or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")
        self._token = token or os.environ.get("HF_TOKEN") or None
        self.timeout = timeout
        self.retries = retries
        self.concurrency = max(1, concurrency)
        self.progress = progress
        self.backoff = backoff
        self.max_wait = max_wait
        self.retry_count = 0
        self._lock = threading.Lock()
        self._hf: Any = None  # huggingface_hub's pieces (a SimpleNamespace), imported on first fetch
        self._headers: dict[str, str] = {}
        self._pacer = _Pacer(max_wait)

    def __repr__(self) -> str:  # the token stays out of reprs and tracebacks
        return f"HubSource(endpoint={self.endpoint!r}, token={'set' if self._token else 'none'})"

    # -- the EvidenceSource interface -------------------------------------------------------------------

    def evidence(self, repo_ids: Iterable[str], *, needs: Needs = frozenset()) -> dict[str, RepoEvidence | Unavailable]:
        """Evidence per repo id; ``needs`` is a set of claim properties for every repo, or one set per repo.

        Never raises for one repo's failure. See :meth:`iter_evidence` for how requests are planned.
        """
        ids = list(dict.fromkeys(repo_ids))
        results = dict(self.iter_evidence(ids, needs=needs))
        return {repo_id: results[repo_id] for repo_id in ids}

    def iter_evidence(self, repo_ids: Iterable[str], *,
                      needs: Needs = frozenset()) -> Iterator[tuple[str, RepoEvidence | Unavailable]]:
        """(repo id, evidence) pairs in the order the repos complete, so a caller can store while fetching.

        Owners with :data:`LIST_MIN_WANTED` or more wanted repos are listed, each page's repos going on
        as soon as it arrives (see :class:`_Listing` for when the listing stops); a repo the listing does
        not return (renamed, moved, private, or not reached) gets its own request. A file is read only
        when a claim still needs it once the API's facts are in (``needs`` given as :class:`ClaimNeeds`),
        else when a needed property calls for it; a file needed whatever the API says is asked for at once
        (:meth:`_file`). An id that is not a Hub repo id is refused unrequested.
        """
        by_owner: dict[str, list[str]] = {}
        for repo_id in dict.fromkeys(repo_ids):
            try:
                check_repo_id(repo_id)
            except ValueError as exc:
                yield repo_id, Unavailable(repo_id=repo_id, reason="error", detail=str(exc))
                continue
            by_owner.setdefault(repo_id.split("/")[0], []).append(repo_id)
        if not by_owner:
            return

        self._hf = _import_hub()
        self._headers = self._hf.build_hf_headers(token=self._token or False, library_name="claimcheck",
                                                  library_version=__version__)
        self._pacer = _Pacer(self.max_wait)
        self._hf.get_session()      # built once here, not by the first requests racing under their deadlines

        pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="hub")
        try:
            pending: dict[Future, tuple[str, Any]] = {}

            # Files the claims need whatever the API says, asked for at ``main`` from the start: their requests
            # overlap the listings instead of waiting for them (see :meth:`_file`). Their futures exist before
            # any repo's task, which finds them whenever it runs; they are queued after the API requests.
            early = {repo_id: {f: Future[tuple[str, str | None]]() for f in sorted(_early_files(needs, repo_id))}
                     for repos in by_owner.values() for repo_id in repos}

            def fetch(repo_id: str, listed: dict[str, Any] | None = None) -> None:
                pending[pool.submit(self._repo, repo_id, listed, _wanted_files(needs, repo_id),
                                    early.get(repo_id, {}))] = ("repo", repo_id)

            def read_page(listing: _Listing, url: str, params: dict[str, Any] | None) -> None:
                pending[pool.submit(self._list_page, url, params)] = ("page", listing)

            # Listings and single requests first (each unlocks files), the early files interleaved with them
            # one for one: a listing page is large, and several read at once slow each other down (the
            # client's CPU), while a file request mostly waits on the Hub.
            first: list[Callable[[], Any]] = [
                functools.partial(read_page, _Listing(set(repos)), f"{self.endpoint}/api/models",
                                  {"author": owner, "expand": list(LIST_EXPAND), "limit": LIST_PAGE_SIZE})
                for owner, repos in by_owner.items() if len(repos) >= LIST_MIN_WANTED]
            first += [functools.partial(fetch, repo_id)
                      for repos in by_owner.values() if len(repos) < LIST_MIN_WANTED for repo_id in repos]
            leaves: list[Callable[[], Any]] = [
                functools.partial(pool.submit, _run_into, slot, self._early_file, repo_id, file.value)
                for repo_id, files in early.items() for file, slot in files.items()]
            for pair in itertools.zip_longest(first, leaves):
                for submit in pair:
                    if submit is not None:
                        submit()
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    kind, what = pending.pop(future)
                    if kind == "page":
                        listing: _Listing = what
                        try:
                            items, next_url = future.result()
                        except Exception:  # noqa: BLE001 - the repos not listed yet get their own requests
                            items, next_url = [], None
                        for repo_id, item in listing.take(items):
                            fetch(repo_id, item)
                        if next_url is not None and listing.next_page_pays():
                            read_page(listing, next_url, None)
                        else:
                            for repo_id in listing.missing():
                                fetch(repo_id)
                    else:
                        if self.progress is not None:
                            self.progress(what)
                        yield what, future.result()
        finally:
            # A consumer that stops early (an error while storing) must not wait for the queued repos.
            pool.shutdown(wait=True, cancel_futures=True)

    # -- requests ---------------------------------------------------------------------------------------

    def _list_page(self, url: str, params: dict[str, Any] | None) -> tuple[list[Any], str | None]:
        """(the items, the next page's URL or None) of one listing page: one retried, bounded request. A next
        page on another origin than the endpoint's is not followed (the token would go with it)."""
        response, _ = self._retrying(lambda: self._get(url, params=params, limit=MAX_LIST_BYTES))
        page = response.json()
        if not isinstance(page, list):
            raise _Failure("bad-response", "a listing page is not a JSON list")
        next_url = response.links.get("next", {}).get("url")
        if next_url is not None and _origin(next_url) != _origin(self.endpoint):
            next_url = None
        return page, next_url

    def _model_info(self, repo_id: str) -> tuple[Any, list[tuple[int, str]]]:
        """The raw JSON of ``GET /api/models/{repo_id}?expand=…`` and the redirects that led to it."""
        response, redirects = self._get(f"{self.endpoint}/api/models/{repo_id}",
                                        params={"expand": list(API_EXPAND)}, limit=MAX_RESPONSE_BYTES)
        return response.json(), redirects

    def _get(self, url: str, *, params: dict[str, Any] | None = None, limit: int,
             api: bool = True, commit: list[str] | None = None) -> tuple[Any, list[tuple[int, str]]]:
        """One GET under a whole-request deadline (``timeout``, however slowly the body trickles) and a body
        of at most ``limit`` bytes; returns (the response, read in full, and [(status, path)] of the redirects
        followed). The token goes only to the endpoint's origin; an API call is never redirected to another
        host, a file may be (without the token). ``commit`` receives the first ``X-Repo-Commit`` the endpoint's
        origin sends (a file's commit; a CDN's answer is not the Hub's word). Errors are huggingface_hub's, from
        its ``hf_raise_for_status``."""
        hf = self._hf
        session = hf.get_session()     # building the client (its TLS context) is not the Hub being slow
        deadline = time.monotonic() + self.timeout
        home = _origin(self.endpoint)
        redirects: list[tuple[int, str]] = []
        for _ in range(MAX_REDIRECTS + 1):
            if _origin(url) == home:
                headers = self._headers
            else:
                headers = {k: v for k, v in self._headers.items() if k.lower() != "authorization"}
            bucket = "resolvers" if "/resolve/" in urlsplit(url).path else "api"
            deadline += self._pacer.acquire(bucket)    # waiting for a quota window is not the Hub being slow
            quota = None
            try:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise _Failure("timeout", f"no complete answer within {self.timeout:g} s")
                with session.stream("GET", url, params=params, headers=headers, timeout=remaining,
                                    follow_redirects=False) as streamed:
                    quota = hf.parse_ratelimit_headers(streamed.headers)
                    sha = streamed.headers.get("x-repo-commit", "").strip()
                    if commit is not None and not commit and sha and _origin(url) == home:
                        commit.append(sha)
                    location = streamed.headers.get("location")
                    if streamed.status_code in REDIRECT_STATUS and location:
                        target = urljoin(str(streamed.url), location)
                        if not re.match(r"^https?://", target, re.I):
                            raise _Failure("bad-response", "the Hub redirected to a non-http(s) URL; not followed")
                        if api and _origin(target) != home:
                            raise _Failure("bad-response", f"the Hub redirected an API call to another host "
                                                           f"({_origin(target)}); not followed")
                        redirects.append((streamed.status_code, urlsplit(target).path))
                        url, params = target, None
                        continue
                    try:
                        body = read_body(streamed.iter_bytes(), limit=limit, deadline=deadline)
                    except BodyTooLarge:
                        raise _Failure("bad-response", f"the answer is larger than the {limit} bytes allowed") from None
                    except BodyTooSlow:
                        raise _Failure("timeout", f"the answer did not complete within {self.timeout:g} s") from None
                    kept = [(k, v) for k, v in streamed.headers.multi_items()
                            if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")]
                    response = hf.httpx.Response(streamed.status_code, headers=kept, content=body,
                                                 request=streamed.request)
            finally:
                self._pacer.release(bucket, quota)
            hf.hf_raise_for_status(response)
            return response, redirects
        raise _Failure("bad-response", f"more than {MAX_REDIRECTS} redirects")

    def _early_file(self, repo_id: str, filename: str) -> tuple[str, str | None]:
        """(text, the commit the Hub says it is from) of one repo file at ``main``, asked for before the API
        answered; any failure raises, and :meth:`_file` then asks again the ordinary way."""
        commit: list[str] = []
        response, _ = self._get(resolve_url(self.endpoint, repo_id, filename, None), limit=MAX_RESPONSE_BYTES,
                                api=False, commit=commit)
        return self._scrub(bytes(response.content).decode("utf-8")), (commit[0] if commit else None)

    def _file(self, repo_id: str, filename: str, revision: str | None,
              early: Future[tuple[str, str | None]] | None = None) -> tuple[str | None, str, str | None, bool]:
        """(text or None, resolve URL, why it is missing, whether it is gated) for one repo file at ``revision``.

        An ``early`` answer (:meth:`_early_file`) is used when the Hub said it is the file at ``revision``: a
        commit's files never change. One not yet started is cancelled (no thread waits on a queued task);
        a failed one, or one from another commit (the repo changed in between, or ``main`` is not the
        default branch), is asked for again at ``revision``, so the outcome is the ordinary one."""
        hf = self._hf
        url = resolve_url(self.endpoint, repo_id, filename, revision)
        if early is not None and revision and not early.cancel():
            try:
                text, commit = early.result()
            except Exception:  # noqa: BLE001 - asked for again below, where its error counts
                text, commit = None, None
            if text is not None and commit == revision:
                return text, url, None, False

        def get() -> bytes:
            response, _ = self._get(url, limit=MAX_RESPONSE_BYTES, api=False)
            return bytes(response.content)

        try:
            content = self._retrying(get)
        except hf.errors.GatedRepoError:
            return None, url, GATED_FILE_NOTE.format(filename), True
        except hf.errors.EntryNotFoundError:
            return None, url, f"{filename}: not in the repo", False
        return self._scrub(content.decode("utf-8")), url, None, False

    def _retrying(self, call: Callable[[], T]) -> T:
        """``call()`` (one request), retried on 429/408/5xx, timeouts and connection errors."""
        hf = self._hf
        attempt = 0
        while True:
            response = None
            try:
                return call()
            except hf.errors.HfHubHTTPError as exc:
                response = exc.response
                if attempt >= self.retries or (response.status_code if response is not None else 0) not in RETRY_STATUS:
                    raise
            except hf.httpx.TransportError:
                if attempt >= self.retries:
                    raise
            except RuntimeError as exc:
                # huggingface_hub closes the shared client after a ConnectError in any thread; the next
                # get_session() builds a fresh one, so the request is worth repeating.
                if attempt >= self.retries or "closed" not in str(exc):
                    raise
            delay = self._delay(response, attempt)
            if delay > self.max_wait:
                raise _Failure("rate-limited", f"the Hub asks to wait {delay:.0f} s (more than {self.max_wait:.0f} s)")
            with self._lock:
                self.retry_count += 1
            time.sleep(delay)
            attempt += 1

    def _delay(self, response: Any, attempt: int) -> float:
        """Seconds to wait before retry ``attempt + 1``: what the Hub asks, else exponential with jitter."""
        if response is not None:
            if response.status_code == 429:
                limit = self._hf.parse_ratelimit_headers(response.headers)
                if limit is not None and limit.remaining == 0:
                    return limit.reset_in_seconds + random.uniform(0, self.backoff)
            retry_after = response.headers.get("retry-after", "").strip()
            if retry_after.isdigit():
                return int(retry_after) + random.uniform(0, self.backoff)
        return self.backoff * 2 ** attempt * random.uniform(0.5, 1.0)

    # -- one repo ---------------------------------------------------------------------------------------

    def _repo(self, repo_id: str, listed: dict[str, Any] | None, want: _Want,
              early: dict[HubFile, Future[tuple[str, str | None]]]) -> RepoEvidence | Unavailable:
        try:
            return self._record(repo_id, listed, want, early)
        except Exception as exc:  # noqa: BLE001 - one repo's failure is a result, never an exception
            reason, detail = self._classify(exc)
            return Unavailable(repo_id=repo_id, reason=reason, detail=detail)

    def _record(self, repo_id: str, listed: dict[str, Any] | None, want: _Want,
                early: dict[HubFile, Future[tuple[str, str | None]]]) -> RepoEvidence:
        hf = self._hf
        raw = listed
        redirects: list[tuple[int, str]] = []
        if raw is None:
            try:
                raw, redirects = self._retrying(lambda: self._model_info(repo_id))
            except hf.errors.DisabledRepoError:
                return self._disabled(repo_id)
        observed = dt.datetime.now(dt.timezone.utc)
        if not isinstance(raw, dict):
            raise _Failure("bad-response", f"the Hub's model info for {repo_id} is not a JSON object")
        # Text the Hub echoes back (a card, a description) may hold the token: it is never recorded.
        raw = _scrub_json(raw, self._scrub)
        encoded = json.dumps(raw)
        if len(encoded) > MAX_RESPONSE_BYTES:
            raise _Failure("bad-response", f"the Hub's model info for {repo_id} is larger than "
                                           f"{MAX_RESPONSE_BYTES} bytes")
        try:
            info = hf.ModelInfo(**json.loads(encoded))     # a copy (ModelInfo keeps what it is given), in C
        except (KeyError, TypeError, ValueError) as exc:
            raise _Failure("bad-response", f"the Hub's model info for {repo_id} does not parse "
                                           f"({type(exc).__name__}: {exc})") from exc

        current = info.id
        if current != repo_id and not _renamed_by_redirect(redirects, current):
            # Only a redirect from the Hub itself says that a repo was renamed; an answer about another repo
            # served under this id is a confused or lying server, and its facts would overwrite good evidence.
            raise _Failure("wrong-repo", f"asked for {repo_id}, the answer describes {str(current)[:100]!r} "
                                         "(no redirect to it)")
        api_url = f"{self.endpoint}/api/models/{current}"
        facts: list[Fact] = []
        notes: list[str] = []
        if current != repo_id:
            facts.append(Fact(property="renamed_to", value=current, method=Method.HUB_API, source_url=api_url,
                              revision=info.sha, observed_at=observed,
                              note=f"the Hub redirects {repo_id} to {current}; the facts describe {current}"))
            notes.append(f"renamed on the Hub: {repo_id} -> {current}")
        facts += api_facts(raw, info, source_url=api_url, observed_at=observed)
        if listed is not None:
            notes.append(f"API fields from the owner listing /api/models?author={repo_id.split('/')[0]}")

        config_json: dict[str, Any] | None = None
        card: str | None = None
        gated: list[HubFile] = []   # needed files the current token may not read
        files = want(RepoEvidence(repo_id=repo_id, retrieved_at=observed, revision=info.sha, origin="live",
                                  facts=facts))
        if HubFile.CONFIG in files:
            text, url, missing, is_gated = self._file(current, HubFile.CONFIG.value, info.sha,
                                                         early.get(HubFile.CONFIG))
            if text is not None:
                try:
                    config_json = json.loads(text)
                except ValueError as exc:
                    raise _Failure("bad-response", f"config.json of {current} is not JSON ({exc})") from exc
                if not isinstance(config_json, dict):
                    raise _Failure("bad-response", f"config.json of {current} is not a JSON object")
                facts += config_facts(config_json, source_url=url, revision=info.sha, observed_at=observed)
            elif missing:
                notes.append(missing)
                gated += [HubFile.CONFIG] if is_gated else []
        if HubFile.MODEL_CARD in files:
            card, url, missing, is_gated = self._file(current, HubFile.MODEL_CARD.value, info.sha,
                                                         early.get(HubFile.MODEL_CARD))
            if card is not None:
                facts += card_facts(card, source_url=url, revision=info.sha, observed_at=observed,
                                    names=(repo_id, current))
            elif missing:
                notes.append(missing)
                gated += [HubFile.MODEL_CARD] if is_gated else []
        if config_json is not None:
            config_json = _scrub_json(config_json, self._scrub)
        implausible = first_implausible(facts, observed)
        if implausible is not None:
            raise _Failure("implausible", f"the Hub's answer for {repo_id} has {implausible}")
        return RepoEvidence(repo_id=repo_id, retrieved_at=observed, revision=info.sha, origin="live", facts=facts,
                            raw=RawResponses(model_info=raw, config_json=config_json, model_card=card),
                            gated_files=gated, note="; ".join(notes) or None)

    def _disabled(self, repo_id: str) -> RepoEvidence:
        observed = dt.datetime.now(dt.timezone.utc)
        fact = Fact(property="disabled", value=True, method=Method.HUB_API,
                    source_url=f"{self.endpoint}/api/models/{repo_id}", observed_at=observed,
                    note="the Hub answered 403 'Access to this resource is disabled.'")
        return RepoEvidence(repo_id=repo_id, retrieved_at=observed, origin="live", facts=[fact],
                            note="disabled on the Hub: it serves no metadata or files for this repo")

    def _classify(self, exc: BaseException) -> tuple[UnavailableReason, str]:
        """(Unavailable reason, token-free detail) for an exception raised while fetching one repo."""
        if isinstance(exc, _Failure):
            return exc.reason, self._scrub(exc.detail)
        errors, httpx = self._hf.errors, self._hf.httpx
        message = (str(exc).strip().splitlines() or [""])[0]
        if isinstance(exc, errors.HfHubHTTPError) and exc.response is not None:
            message = f"HTTP {exc.response.status_code} for {exc.response.request.url.path}" + (
                f": {exc.server_message.strip()}" if exc.server_message else "")
        detail = self._scrub(f"{type(exc).__name__}: {message}")[:300]
        if isinstance(exc, errors.GatedRepoError):
            return "gated", detail
        if isinstance(exc, (errors.RepositoryNotFoundError, errors.RevisionNotFoundError)):
            return "not-found", detail
        if isinstance(exc, errors.DisabledRepoError):
            return "disabled", detail
        if isinstance(exc, errors.HfHubHTTPError):
            status = exc.response.status_code if exc.response is not None else 0
            if status == 429:
                return "rate-limited", detail
            if status in (401, 403):
                return "unauthorized", detail
            if status == 408:
                return "timeout", detail
            return ("server-error" if status >= 500 else "error"), detail
        if isinstance(exc, httpx.TimeoutException):
            return "timeout", detail
        if isinstance(exc, (httpx.TransportError, OSError)):
            return "connection-error", detail
        if isinstance(exc, (ValueError, KeyError, TypeError)):  # JSON decoding, ModelInfo, text decoding
            return "bad-response", detail
        return "error", detail

    def _scrub(self, text: str) -> str:
        if self._token:
            text = text.replace(self._token, "***")
        return _TOKEN_LIKE.sub("hf_***", text)


#: The files a repo's evidence needs, given the API's facts about it.
_Want = Callable[[RepoEvidence], frozenset[HubFile]]


def _run_into(future: Future[T], call: Callable[..., T], *args: Any) -> None:
    """Run ``call(*args)`` into ``future`` unless it was cancelled first (a pool's own work item, for a future
    made before its task was queued)."""
    if not future.set_running_or_notify_cancel():
        return
    try:
        future.set_result(call(*args))
    except BaseException as exc:  # noqa: BLE001 - handed to whoever reads the future
        future.set_exception(exc)


def _early_files(needs: Needs, repo_id: str) -> frozenset[HubFile]:
    """The files ``repo_id``'s evidence needs whatever the API's facts say."""
    if isinstance(needs, ClaimNeeds) and repo_id in needs.claims:
        return files_regardless(needs.claims[repo_id])
    return files_for(needs_of(needs, repo_id))


def _wanted_files(needs: Needs, repo_id: str) -> _Want:
    """What to read for ``repo_id``: per its claims once the API answered, else per its needed properties."""
    if isinstance(needs, ClaimNeeds) and repo_id in needs.claims:
        claims = needs.claims[repo_id]
        return lambda api: files_wanted(claims, api)
    files = files_for(needs_of(needs, repo_id))
    return lambda api: files


class _Listing:
    """One owner's listing as its pages arrive: the wanted repos found so far, and whether to read on.

    An owner's size is unknown until its listing ends (the Hub sends no total), so the rule learns from
    the pages read so far. The first page alone holds the whole of a small owner: one request for all its
    wanted repos, where :data:`LIST_MIN_WANTED` or more would cost as many requests (a single wanted repo
    is asked for on its own: a page can only cost as much or more). When a next
    page exists, the wanted share of the items seen estimates how many more items hold the ``r`` repos
    still missing (``r / share``); another page is read only when those items fit in fewer than ``r``
    pages, the cost of asking for them one by one. A large owner with few wanted repos (none seen on the
    first page, or a thin share) costs one page and then single requests; a dense one is read as far as
    its wanted repos go.
    """

    def __init__(self, wanted: set[str]):
        self.wanted = wanted
        self.found: set[str] = set()
        self.seen = 0
        self.page = 1           # the most items a page has held: the Hub may send fewer than were asked for

    def take(self, items: list[Any]) -> list[tuple[str, dict[str, Any]]]:
        """The wanted (repo id, listing item) pairs on a page just read."""
        out = []
        self.page = max(self.page, len(items))
        for item in items:
            self.seen += 1
            repo_id = item.get("id") if isinstance(item, dict) else None
            if isinstance(repo_id, str) and repo_id in self.wanted and repo_id not in self.found:
                self.found.add(repo_id)
                out.append((repo_id, item))
        return out

    def missing(self) -> list[str]:
        return sorted(self.wanted - self.found)

    def next_page_pays(self) -> bool:
        """Whether another page is expected to cost fewer requests than the missing repos one by one."""
        missing = len(self.wanted) - len(self.found)
        if missing <= 0 or not self.found:
            return False
        return math.ceil(missing * self.seen / len(self.found) / self.page) < missing


class _Pacer:
    """Holds requests back while the Hub's ``RateLimit`` header says a bucket's quota is spent.

    Each answer's ``"<bucket>";r=<remaining>;t=<seconds>`` is remembered; a request waits when the
    remaining quota is no more than the requests already in flight in its bucket, until the window resets
    (a reset further than ``max_wait`` away is not waited for: a 429 then ends the retries). Without the
    header (or once a window has reset) requests go freely, so a Hub without quotas costs nothing.
    """

    def __init__(self, max_wait: float):
        self.max_wait = max_wait
        self._cond = threading.Condition()
        self._remaining: dict[str, int] = {}
        self._reset_at: dict[str, float] = {}
        self._in_flight: dict[str, int] = {}

    def acquire(self, bucket: str) -> float:
        """Wait until a request in ``bucket`` may go; returns the seconds waited."""
        with self._cond:
            started = time.monotonic()
            while True:
                now = time.monotonic()
                reset_at = self._reset_at.get(bucket, 0.0)
                if now >= reset_at:
                    self._remaining.pop(bucket, None)
                remaining = self._remaining.get(bucket)
                if remaining is None or remaining > self._in_flight.get(bucket, 0):
                    break
                self._cond.wait(reset_at - now)
            self._in_flight[bucket] = self._in_flight.get(bucket, 0) + 1
            return time.monotonic() - started

    def release(self, bucket: str, quota: Any) -> None:
        """A request in ``bucket`` ended; ``quota`` is its answer's parsed ``RateLimit`` header (or None)."""
        with self._cond:
            self._in_flight[bucket] = max(0, self._in_flight.get(bucket, 0) - 1)
            # A reset further away than max_wait is not waited for here: the request goes, and a 429 makes
            # the retries give up at once (a hostile header cannot stall every request).
            if quota is not None and quota.reset_in_seconds <= self.max_wait:
                bucket, now = quota.resource_type, time.monotonic()
                # ``t`` is whole seconds, so each answer bounds the reset from above; within one window the
                # earliest bound is the closest (an answer just after a second's turn is off by little), and
                # the least remaining the latest (answers overtake each other).
                reset_at = now + quota.reset_in_seconds + 0.05
                earlier = self._reset_at.get(bucket, 0.0)
                if earlier > now:
                    self._reset_at[bucket] = min(earlier, reset_at)
                    self._remaining[bucket] = min(self._remaining.get(bucket, quota.remaining), quota.remaining)
                else:
                    self._reset_at[bucket], self._remaining[bucket] = reset_at, quota.remaining
            self._cond.notify_all()


def resolve_url(endpoint: str, repo_id: str, filename: str, revision: str | None) -> str:
    """``{endpoint}/{repo_id}/resolve/{revision}/{filename}``, quoted as ``huggingface_hub.hf_hub_url`` quotes it
    (the revision wholly, the filename but its slashes), without importing ``file_download`` (tqdm, asyncio)."""
    return f"{endpoint}/{repo_id}/resolve/{quote(revision or 'main', safe='')}/{quote(filename)}"


def _origin(url: str) -> str:
    """scheme://host:port of ``url``, lower-cased, with the default port made explicit."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or {"http": 80, "https": 443}.get(scheme, 0)
    return f"{scheme}://{(parts.hostname or '').lower()}:{port}"


def _renamed_by_redirect(redirects: list[tuple[int, str]], current: Any) -> bool:
    """Whether a same-origin rename redirect (301/302/307/308) led to ``/api/models/{current}``."""
    target = f"/api/models/{current}"
    return any(status in RENAME_STATUS and (path == target or path.startswith(target + "/"))
               for status, path in redirects)


def _scrub_json(value: Any, scrub: Callable[[str], str]) -> Any:
    """``value`` with ``scrub`` applied to every string in it, keys included."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {scrub(k) if isinstance(k, str) else k: _scrub_json(v, scrub) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_json(v, scrub) for v in value]
    return value
