"""Reading an HTTP response body under a byte limit and a whole-request deadline.

httpx's timeout bounds each read, not the whole body, so a server that trickles one byte at a time could
hold a request forever; and a declared length may be absent or wrong. Both the Hub source and the article
fetcher read bodies through :func:`read_body`, and word the two failures for their own callers.
"""

from __future__ import annotations

import time
from collections.abc import Iterable


class BodyTooLarge(Exception):
    """More than the allowed bytes arrived."""


class BodyTooSlow(Exception):
    """The body did not complete before the deadline."""


def read_body(chunks: Iterable[bytes], *, limit: int, deadline: float) -> bytes:
    """The concatenated ``chunks``; BodyTooLarge past ``limit`` bytes, BodyTooSlow past ``deadline``
    (a ``time.monotonic()`` value)."""
    body = bytearray()
    for chunk in chunks:
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge()
        if time.monotonic() > deadline:
            raise BodyTooSlow()
    return bytes(body)
