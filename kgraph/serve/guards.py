"""What the endpoint checks before a request reaches it: the Host header and the target's length.

A web page on any site can make a browser send requests to ``127.0.0.1``; with
DNS rebinding it can even read the answers, because the browser believes it
talks to the page's own domain. The Host header then names that domain, so the
endpoint answers only requests whose Host is one of the names it was bound to
(421 Misdirected Request otherwise).

>>> sorted(allowed_hosts("127.0.0.1", 7878))
['127.0.0.1:7878', '[::1]:7878', 'localhost:7878']
"""

from __future__ import annotations

import socket
from collections.abc import Collection, Iterable

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["MAX_TARGET_BYTES", "WILDCARD_HOSTS", "Guard", "allowed_hosts"]

#: The longest request target (path and query string) the endpoint reads; longer gets 414.
MAX_TARGET_BYTES = 32 << 10
#: Addresses that listen on every interface.
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})
_LOOPBACK = ("localhost", "127.0.0.1", "[::1]")


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> set[str]:
    """The Host header values naming this server: loopback, ``host`` and ``extra``, with the port.

    On a wildcard address the machine's own name is accepted too; other names
    by which clients reach it (a DNS name, a LAN address) go in ``extra``.
    """
    names = set(_LOOPBACK) | {_bracketed(name) for name in extra}
    if host in WILDCARD_HOSTS:
        names |= {socket.gethostname(), socket.getfqdn()}
    else:
        names.add(_bracketed(host))
    allowed = {f"{name.lower()}:{port}" for name in names}
    if port == 80:  # a browser leaves the default port out
        allowed |= {name.lower() for name in names}
    return allowed


def _bracketed(name: str) -> str:
    """An IPv6 address as it appears in a Host header."""
    return f"[{name}]" if ":" in name and not name.startswith("[") else name


class Guard:
    """Refuses a request before the app sees it: a target over :data:`MAX_TARGET_BYTES`
    (414, saying to POST), or a Host header not in ``allowed`` (421; None allows any)."""

    def __init__(self, app: ASGIApp, allowed: Collection[str] | None = None) -> None:
        self.app = app
        self.allowed = None if allowed is None else {name.lower() for name in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refusal = self._refusal(scope) if scope["type"] == "http" else None
        if refusal is None:
            await self.app(scope, receive, send)
            return
        status, message = refusal
        await PlainTextResponse(message + "\n", status)(scope, receive, send)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        length = len(scope.get("raw_path") or b"") + len(scope.get("query_string", b""))
        if length > MAX_TARGET_BYTES:
            return 414, (
                f"the request target is {length:,} bytes, more than this endpoint reads in a "
                f"URL ({MAX_TARGET_BYTES:,}); POST the query instead: a form with a 'query' "
                "field, or the query itself with Content-Type: application/sparql-query"
            )
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
        if self.allowed is not None and host not in self.allowed:
            return 421, (
                f"this server does not answer for Host {host or '(none)'!r}: it answers for "
                f"{', '.join(sorted(self.allowed))}. If clients reach it by another name, "
                "start it with 'kgraph serve --allow-host NAME'"
            )
        return None
