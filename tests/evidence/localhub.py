"""A local Hugging Face Hub on 127.0.0.1: real HTTP in the Hub's real shapes, with switchable faults.

Used by the tests in this folder and by ``benchmarks/hub_refresh.py``. It serves

* ``GET /api/models/{owner}/{name}[/revision/{rev}]`` honouring ``expand``/``expand[]`` (only ``_id``, ``id``
  and the expanded keys come back, as on the Hub);
* ``GET /api/models?author=…&expand=…&limit=…`` with ``Link: <…&cursor=N>; rel="next"`` pagination on its
  own origin (``baseModels``, ``childrenModelCount`` and ``usedStorage`` are rejected there, as on the Hub);
* ``GET``/``HEAD /{owner}/{name}/resolve/{rev}/{file}`` (HEAD without a body; ``X-Repo-Commit``, ``ETag``,
  ``Content-Length``; ``Range`` → 206; a missing file → 404 ``X-Error-Code: EntryNotFound``; a gated repo
  without an authorised token → 401/403 ``X-Error-Code: GatedRepo``);
* ``/api/agent-harnesses`` (huggingface_hub's hidden telemetry request; tests assert it never comes).

Errors carry the headers huggingface_hub keys its exception classes on (``X-Error-Code``,
``X-Error-Message``). Every request is recorded, so tests and the benchmark can count them.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

DATA = Path(__file__).parent / "data"
#: Keys the list endpoint refuses to expand (huggingface_hub PR #3182).
LIST_REJECTED_EXPAND = {"baseModels", "childrenModelCount", "usedStorage"}
#: Keys of a listing item when no ``expand`` is given.
LIST_DEFAULT_KEYS = ("_id", "id", "likes", "downloads", "tags", "pipeline_tag", "library_name", "createdAt",
                     "private", "modelId")
#: Keys only an explicit ``expand`` returns from ``/api/models/{id}``.
EXPAND_ONLY_KEYS = {"downloadsAllTime", "baseModels"}

FAULT_KINDS = {"ratelimit", "retry-after", "status", "reset", "slow", "truncated", "gated", "disabled",
               "unauthorized", "wrong-id", "cross-host", "link-other-host", "field", "trickle", "oversized"}
#: The other host of the cross-host faults: the same server under another name (still loopback).
OTHER_HOST = "localhost"


@dataclass
class Fault:
    """A misbehaviour of the Hub for matching requests.

    ``kind``: ``ratelimit`` (429 + ``RateLimit: "api";r=0;t=<seconds>``), ``retry-after`` (429 +
    ``Retry-After: <seconds>``), ``status`` (``status``, e.g. 500/503; ``message`` becomes
    ``X-Error-Message``, with ``{authorization}`` replaced by the request's header), ``reset`` (the socket is
    reset without a response), ``slow`` (answers after ``seconds``: a timeout when above the client's, else
    per-repo latency), ``truncated`` (the JSON body cut in
    half), ``gated`` (``status`` 401/403 + ``X-Error-Code: GatedRepo``), ``disabled`` (403 + "Access to
    this resource is disabled."), ``unauthorized`` (401, invalid credentials), ``wrong-id`` (the answer's
    ``id`` is ``value``, served without any redirect), ``cross-host`` (a 307 to the same path on
    :data:`OTHER_HOST`), ``link-other-host`` (a listing whose ``Link: rel="next"`` points at
    :data:`OTHER_HOST`), ``field`` (the answer's top-level ``field`` is ``value``, e.g. an implausible
    ``safetensors``), ``trickle`` (the body is sent one byte every ``seconds``), ``oversized`` (the JSON
    answer padded to ``size`` bytes).
    ``repo`` limits it to one repo (None: all, including listings); ``route`` to ``info``, ``list`` or
    ``resolve``; ``times`` to the first N matching requests (None: always).
    """

    kind: str
    repo: str | None = None
    route: str | None = None
    times: int | None = None
    status: int = 500
    seconds: float = 1.0
    message: str = "Internal Error"
    value: Any = None
    field: str = ""
    size: int = 0
    hits: int = 0

    def matches(self, route: str, repo: str | None) -> bool:
        return ((self.repo is None or self.repo == repo) and (self.route is None or self.route == route)
                and (self.times is None or self.hits < self.times))


@dataclass
class Request:
    """One request the local Hub received."""

    method: str
    path: str
    route: str                      # info | list | resolve | harness | other
    repo: str | None
    query: dict[str, list[str]]
    headers: dict[str, str]         # lower-case names
    status: int | None = None       # None: no response was sent (reset, or the client gave up)


@dataclass
class Repo:
    """A repo the local Hub serves: its full ``/api/models/{id}`` JSON (every expandable key) and files."""

    info: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)


class LocalHub:
    """A Hub on ``http://127.0.0.1:<random port>``; use as a context manager or ``start()``/``stop()``."""

    def __init__(self, *, latency_ms: float = 0, page_size: int = 50, quota: tuple[int, float] | None = None,
                 authorized_tokens: tuple[str, ...] = ()):
        self.repos: dict[str, Repo] = {}
        self.renames: dict[str, str] = {}
        self.faults: list[Fault] = []
        self.requests: list[Request] = []
        self.latency_ms = latency_ms
        self.page_size = page_size               # items per page when the request names no ``limit``
        self.max_page = 1000                     # the most items a page holds, whatever ``limit`` asks
        self.quota = quota                       # (requests, window seconds) per client and bucket
        self.authorized_tokens = set(authorized_tokens)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._windows: dict[tuple[str, str, int], int] = {}
        self._epoch = time.monotonic()
        self._server: ThreadingHTTPServer | None = None
        self._frozen: dict[str, list[dict[str, Any]]] | None = None   # owner -> infos, once frozen
        self._encoded: dict[tuple[str, tuple[str, ...]], bytes] = {}

    # -- data -------------------------------------------------------------------------------------------

    def add(self, info: dict[str, Any], files: dict[str, bytes | str | dict] | None = None) -> Repo:
        """Serve a repo: ``info`` is its full model_info JSON; ``files`` name -> bytes, text or JSON."""
        encoded = {name: content if isinstance(content, bytes)
                   else (content if isinstance(content, str) else json.dumps(content, indent=2)).encode()
                   for name, content in (files or {}).items()}
        repo = Repo(info=copy.deepcopy(info), files=encoded)
        self.repos[info["id"]] = repo
        return repo

    def freeze(self, expand: tuple[str, ...] = ()) -> None:
        """Promise that the repos no longer change, so listing pages are served from an index by owner and
        each item's JSON is encoded once, for ``expand`` (in the order the client sends it) right away (a
        large Hub's listing then costs its latency, not this server's CPU). The answers stay the same."""
        owners: dict[str, list[dict[str, Any]]] = {}
        for repo in self.repos.values():
            owners.setdefault(repo.info["id"].split("/")[0], []).append(repo.info)
            if expand:
                self._encoded[repo.info["id"], expand] = json.dumps(_listed(repo.info, list(expand))).encode()
        self._frozen = owners

    def rename(self, old: str, new: str) -> None:
        """Rename ``old`` to ``new``: requests for ``old`` are redirected (307), as the Hub does."""
        repo = self.repos.pop(old)
        repo.info["id"] = new
        repo.info["author"] = new.split("/")[0]
        self.repos[new] = repo
        self.renames[old] = new

    def fault(self, kind: str, **kwargs: Any) -> Fault:
        """Switch a fault on (see :class:`Fault`); returns it (``.hits`` counts its uses)."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}")
        f = Fault(kind, **kwargs)
        with self._lock:
            self.faults.append(f)
        return f

    def clear(self) -> None:
        """Forget faults and recorded requests; the quota's windows start afresh from now."""
        with self._lock:
            self.faults.clear()
            self.requests.clear()
            self._windows.clear()
            self._epoch = time.monotonic()

    def count(self, route: str | None = None, *, repo: str | None = None, method: str | None = None,
              status: int | None = None) -> int:
        """How many requests matched (every argument optional)."""
        with self._lock:
            return sum(1 for r in self.requests
                       if (route is None or r.route == route) and (repo is None or r.repo == repo)
                       and (method is None or r.method == method) and (status is None or r.status == status))

    # -- lifecycle --------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "the local Hub is not running"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> LocalHub:
        hub = self

        class Handler(_Handler):
            pass

        Handler.hub = hub
        server = _Server(("127.0.0.1", 0), Handler)
        self._server = server
        self._stopping.clear()
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                         name="localhub", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._stopping.set()
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LocalHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- helpers for the handler ------------------------------------------------------------------------

    def _take_fault(self, route: str, repo: str | None) -> Fault | None:
        with self._lock:
            for f in self.faults:
                if f.matches(route, repo):
                    f.hits += 1
                    return f
        return None

    def _charge_quota(self, client: str, bucket: str) -> tuple[bool, dict[str, str]]:
        """Count one request against the client's fixed window; (allowed, RateLimit headers)."""
        if self.quota is None:
            return True, {}
        limit, window = self.quota
        elapsed = time.monotonic() - self._epoch
        index = int(elapsed // window)
        reset = max(1, math.ceil((index + 1) * window - elapsed))
        with self._lock:
            used = self._windows.get((client, bucket, index), 0)
            allowed = used < limit
            if allowed:
                used += 1
                self._windows[(client, bucket, index)] = used
        headers = {"RateLimit": f'"{bucket}";r={limit - used};t={reset}',
                   "RateLimit-Policy": f'"fixed window";"{bucket}";q={limit};w={int(window)}'}
        return allowed, headers

    def _record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)


def _expanded(info: dict[str, Any], expand: list[str]) -> dict[str, Any]:
    """What the Hub returns for ``expand``: ``_id``, ``id`` and the expanded keys the repo has."""
    keep = {"_id", "id", *expand}
    return {k: v for k, v in info.items() if k in keep}


def _listed(info: dict[str, Any], expand: list[str]) -> dict[str, Any]:
    """One listing item: the expanded keys, or the listing's default keys without ``expand``."""
    return _expanded(info, expand) if expand else {k: info[k] for k in LIST_DEFAULT_KEYS if k in info}


class _Encoded(bytes):
    """A JSON body already encoded."""


def _route(path: str) -> tuple[str, str | None, list[str]]:
    """(route kind, repo id, the rest of the path's segments)."""
    parts = [unquote(p) for p in path.strip("/").split("/")]
    if parts == ["api", "agent-harnesses"]:
        return "harness", None, []
    if parts == ["api", "models"]:
        return "list", None, []
    if len(parts) >= 4 and parts[:2] == ["api", "models"]:
        return "info", f"{parts[2]}/{parts[3]}", parts[4:]
    if len(parts) >= 5 and parts[2] == "resolve":
        return "resolve", f"{parts[0]}/{parts[1]}", parts[3:]
    return "other", None, parts


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass                          # clients that gave up (timeouts, resets) are part of the tests


class _Handler(BaseHTTPRequestHandler):
    hub: LocalHub
    protocol_version = "HTTP/1.1"      # keep-alive, as the Hub; every response carries Content-Length

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle + delayed ACK add ~40 ms a response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    # -- dispatch ---------------------------------------------------------------------------------------

    def _handle(self) -> None:
        hub = self.hub
        self._shape = None
        split = urlsplit(self.path)
        route, repo, rest = _route(split.path)
        query = parse_qs(split.query, keep_blank_values=True)
        record = Request(self.command, split.path, route, repo, query,
                         {k.lower(): v for k, v in self.headers.items()})
        hub._record(record)
        if hub.latency_ms:
            time.sleep(hub.latency_ms / 1000)

        bucket = "resolvers" if route == "resolve" else "api"
        allowed, self._ratelimit = hub._charge_quota(self.client_address[0], bucket)
        if not allowed:
            record.status = self._error(429, "You have exceeded the rate limit for the API.",
                                        extra=self._ratelimit)
            return

        fault = hub._take_fault(route, repo) if route in ("info", "list", "resolve") else None
        if fault is not None and fault.kind == "slow":
            if hub._stopping.wait(fault.seconds):
                return
            fault = None              # then answer normally: the client has usually given up by now
        if fault is not None and fault.kind == "cross-host":
            port = self.server.server_address[1]
            record.status = self._send(307, b"", {"Location": f"http://{OTHER_HOST}:{port}{self.path}"})
            return
        self._shape = fault if fault is not None and fault.kind in BODY_FAULTS else None
        if fault is not None and fault.kind in BODY_FAULTS:
            fault = None
        if fault is not None and fault.kind != "truncated":
            record.status = self._fault(fault, repo)
            return
        if route == "harness":
            record.status = self._json(200, {"standardEnvVars": [], "harnesses": {}})
        elif route == "list":
            record.status = self._list(split, query, truncate=fault is not None)
        elif route == "info":
            record.status = self._info(split, repo, rest, query, truncate=fault is not None)
        elif route == "resolve":
            record.status = self._resolve(repo, rest)
        else:
            record.status = self._error(404, "Not Found")

    def _fault(self, fault: Fault, repo: str | None) -> int | None:
        kind = fault.kind
        if kind == "ratelimit":
            return self._error(429, "You have exceeded the rate limit for the API.", extra={
                "RateLimit": f'"api";r=0;t={int(fault.seconds)}',
                "RateLimit-Policy": '"fixed window";"api";q=500;w=300'})
        if kind == "retry-after":
            return self._error(429, "Too Many Requests", extra={"Retry-After": str(int(fault.seconds))})
        if kind == "status":
            message = fault.message.replace("{authorization}", self.headers.get("authorization", ""))
            return self._error(fault.status, message)
        if kind == "reset":
            # SO_LINGER 0: close() sends RST, so the client sees a connection reset, not a clean EOF.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return None
        if kind == "gated":
            return self._error(fault.status, f"Access to model {repo} is restricted and you are not in the "
                                             "authorized list.", code="GatedRepo")
        if kind == "disabled":
            return self._error(403, "Access to this resource is disabled.")
        return self._error(401, "Invalid credentials in Authorization header")

    # -- routes -----------------------------------------------------------------------------------------

    def _info(self, split: Any, repo_id: str | None, rest: list[str], query: dict[str, list[str]],
              truncate: bool) -> int:
        if repo_id in self.hub.renames:
            target = f"/api/models/{self.hub.renames[repo_id]}" + "".join(f"/{quote(p, safe='')}" for p in rest)
            return self._redirect(target + (f"?{split.query}" if split.query else ""))
        repo = self.hub.repos.get(repo_id or "")
        if repo is None or rest not in ([], ["revision", "main"], ["revision", repo.info.get("sha", "")]):
            if repo is not None and rest[:1] == ["revision"]:
                return self._error(404, f"Invalid rev id: {'/'.join(rest[1:])}", code="RevisionNotFound")
            return self._error(404, "Repository not found", code="RepoNotFound")
        expand = query.get("expand", []) + query.get("expand[]", [])
        body = (_expanded(repo.info, expand) if expand
                else {k: v for k, v in repo.info.items() if k not in EXPAND_ONLY_KEYS})
        return self._json(200, body, truncate=truncate)

    def _list(self, split: Any, query: dict[str, list[str]], truncate: bool) -> int:
        expand = query.get("expand", []) + query.get("expand[]", [])
        rejected = sorted(set(expand) & LIST_REJECTED_EXPAND)
        if rejected:
            return self._error(400, f'"expand" must be one of the allowed values; got {rejected}')
        author = (query.get("author") or [None])[0]
        frozen = self.hub._frozen
        if frozen is not None and author is not None:
            items = frozen.get(author, [])
        else:
            items = [r.info for r in self.hub.repos.values()
                     if author is None or r.info["id"].split("/")[0] == author]
        limit = int((query.get("limit") or [self.hub.page_size])[0])
        start = int((query.get("cursor") or ["0"])[0])
        page = items[start:start + min(limit, self.hub.max_page)]
        body: Any
        if frozen is not None:
            key, cache = tuple(expand), self.hub._encoded
            for i in page:
                if (i["id"], key) not in cache:
                    cache[i["id"], key] = json.dumps(_listed(i, expand)).encode()
            body = _Encoded(b"[" + b", ".join(cache[i["id"], key] for i in page) + b"]")
        else:
            body = [_listed(i, expand) for i in page]
        extra = {}
        if start + len(page) < len(items):
            # The Link points at this server's own origin: a recorded huggingface.co Link would leave the sandbox.
            params = [(k, v) for k, vs in query.items() if k != "cursor" for v in vs] + [("cursor", str(start + len(page)))]
            host, port = self.server.server_address[:2]
            shape = getattr(self, "_shape", None)
            if shape is not None and shape.kind == "link-other-host":
                host = OTHER_HOST
            extra["Link"] = f'<http://{host}:{port}/api/models?{urlencode(params)}>; rel="next"'
        return self._json(200, body, truncate=truncate, extra=extra)

    def _resolve(self, repo_id: str | None, rest: list[str]) -> int:
        if repo_id in self.hub.renames:
            target = f"/{self.hub.renames[repo_id]}/resolve/" + "/".join(quote(p, safe="") for p in rest)
            return self._redirect(target)
        repo = self.hub.repos.get(repo_id or "")
        if repo is None:
            return self._error(404, "Repository not found", code="RepoNotFound")
        revision, filename = rest[0], "/".join(rest[1:])
        sha = repo.info.get("sha", "")
        if revision not in ("main", sha):
            return self._error(404, f"Invalid rev id: {revision}", code="RevisionNotFound")
        if repo.info.get("gated"):
            auth = self.headers.get("authorization", "")
            if auth.removeprefix("Bearer ") not in self.hub.authorized_tokens:
                return self._error(403 if auth else 401, f"Access to model {repo_id} is restricted. You must have "
                                   "access to it and be authenticated to access it.", code="GatedRepo")
        if filename not in repo.files:
            return self._error(404, "Entry not found", code="EntryNotFound")
        content = repo.files[filename]
        headers = {"X-Repo-Commit": sha, "ETag": f'"{hashlib.sha256(content).hexdigest()}"',
                   "Content-Type": "application/octet-stream", "Accept-Ranges": "bytes"}
        status = 200
        rng = self.headers.get("range", "")
        if rng.startswith("bytes="):
            first, _, last = rng[len("bytes="):].partition("-")
            a = int(first or 0)
            b = min(int(last) if last else len(content) - 1, len(content) - 1)
            headers["Content-Range"] = f"bytes {a}-{b}/{len(content)}"
            content, status = content[a:b + 1], 206
        return self._send(status, content, headers)

    # -- writing ----------------------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> int:
        self.send_response(status)
        for name, value in {**getattr(self, "_ratelimit", {}), **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        shape = getattr(self, "_shape", None)
        if self.command == "HEAD":    # a body on HEAD would corrupt the next response on a kept-alive connection
            return status
        if shape is not None and shape.kind == "trickle":
            for i in range(len(body)):
                if self.hub._stopping.wait(shape.seconds):
                    break
                try:
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                except OSError:       # the client gave up: that is the point
                    break
            return status
        self.wfile.write(body)
        return status

    def _json(self, status: int, data: Any, *, truncate: bool = False, extra: dict[str, str] | None = None) -> int:
        shape = getattr(self, "_shape", None)
        if shape is not None and status == 200 and isinstance(data, dict):
            data = dict(data)
            if shape.kind == "wrong-id":
                data["id"] = shape.value
            elif shape.kind == "field":
                data[shape.field] = shape.value
            elif shape.kind == "oversized":
                data["padding"] = "x" * shape.size
        body = bytes(data) if isinstance(data, _Encoded) else json.dumps(data).encode()
        if truncate:
            body = body[: len(body) // 2]
        return self._send(status, body, {"Content-Type": "application/json; charset=utf-8", **(extra or {})})

    def _error(self, status: int, message: str, *, code: str | None = None, extra: dict[str, str] | None = None) -> int:
        headers = {"X-Error-Message": message, "X-Request-Id": "Root=1-localhub", **(extra or {})}
        if code:
            headers["X-Error-Code"] = code
        return self._json(status, {"error": message}, extra=headers)

    def _redirect(self, target: str) -> int:
        host, port = self.server.server_address[:2]
        return self._send(307, b"", {"Location": f"http://{host}:{port}{target}"})


#: Faults that change the answer's body rather than replace it.
BODY_FAULTS = {"wrong-id", "field", "trickle", "oversized", "link-other-host"}


# -- data helpers ---------------------------------------------------------------------------------------

def load_fixture(name: str) -> dict[str, Any]:
    """A model_info JSON fixture from ``data/`` (shaped like the reference ``example_model_info.json``)."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def fixture_files(repo_id: str) -> dict[str, bytes]:
    """The files recorded for ``repo_id`` under ``data/files/<owner>__<name>/`` (none when absent)."""
    folder = DATA / "files" / repo_id.replace("/", "__")
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*"))} if folder.is_dir() else {}


def synthetic_info(repo_id: str, index: int) -> dict[str, Any]:
    """A model_info JSON for an invented ``repo_id`` (benchmarks), derived from the vision-chat fixture."""
    info = load_fixture("vision-chat-7b-instruct")
    owner = repo_id.split("/")[0]
    total = 1_000_000_000 + 7_919 * index
    info.update({
        "_id": f"{index:024x}", "id": repo_id, "author": owner,
        "sha": hashlib.sha1(repo_id.encode()).hexdigest(),
        "downloads": 1000 + index, "downloadsAllTime": 50_000 + index, "likes": index,
        "safetensors": {"parameters": {"BF16": total}, "total": total},
        "cardData": {"license": "apache-2.0", "library_name": "transformers"},
        "baseModels": None,
    })
    info["tags"] = [t for t in info["tags"] if not t.startswith("base_model:")]
    return info


def synthetic_config() -> dict[str, Any]:
    """A small config.json with a vision tower."""
    return {"architectures": ["Qwen2_5_VLForConditionalGeneration"], "model_type": "qwen2_5_vl",
            "vision_config": {"model_type": "qwen2_5_vl", "depth": 32, "hidden_size": 1280}}
