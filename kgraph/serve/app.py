"""The ASGI application: ``/sparql``, the query page at ``/``, and ``/health``."""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from typing import Any

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kgraph import __version__
from kgraph.serve.guards import Guard
from kgraph.serve.page import CONTENT_SECURITY_POLICY, render
from kgraph.serve.pool import QueryPool, Streamed
from kgraph.serve.protocol import ProtocolError, read_request
from kgraph.serve.workers import Job

__all__ = ["INCOMPLETE", "create_app"]

access_log = logging.getLogger("kgraph.serve.access")
logger = logging.getLogger(__name__)
_LOGGED_TARGET_CHARS = 160
#: The line that ends a streamed result cut short (then the connection closes mid-body).
INCOMPLETE = "# kgraph serve: the result is incomplete: "


def create_app(
    pool: QueryPool,
    *,
    allow_service: bool = False,
    title: str = "kgraph",
    cors_origins: Collection[str] = (),
    allowed_hosts: Collection[str] | None = None,
    token: str | None = None,
) -> Starlette:
    """The endpoint's ASGI app, answering queries on ``pool`` (closed when the app stops).

    Args:
        pool: the worker pool (started).
        allow_service: let queries use SERVICE.
        title: the store's name, for the page and /health.
        cors_origins: origins whose web pages may read answers (none by default).
        allowed_hosts: the ``host[:port]`` values a request's Host header may have
            (421 otherwise); None accepts any (for tests behind a known proxy).
        token: if given, /sparql requires ``Authorization: Bearer TOKEN``.
    """
    endpoint = _Endpoint(pool, allow_service, title, token)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await anyio.to_thread.run_sync(pool.close)

    middleware = [Middleware(_AccessLog), Middleware(Guard, allowed=allowed_hosts)]
    if cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", "Accept"],
                max_age=3600,
            )
        )
    return Starlette(
        routes=[
            Route("/", endpoint.page, methods=["GET"]),
            Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
            Route("/health", endpoint.health, methods=["GET"]),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )


class _Endpoint:
    """The request handlers, sharing the worker pool and the settings."""

    def __init__(self, pool: QueryPool, allow_service: bool, title: str, token: str | None):
        self.pool = pool
        self.allow_service = allow_service
        self.title = title
        self.token = token

    async def sparql(self, request: Request) -> Response:
        refused = self._refuse_unauthorised(request)
        if refused is not None:
            return refused
        try:
            asked = await read_request(request)
            if asked is None:
                if "text/html" in request.headers.get("accept", ""):
                    return await self.page(request)
                raise ProtocolError(400, "no query: send it as ?query=... (a query page is at /)")
        except ProtocolError as exc:
            return PlainTextResponse(f"{exc}\n", status_code=exc.status)
        job = Job(  # the SERVICE policy is applied in the worker, under the time limit
            asked.query,
            request.headers.get("accept", ""),
            asked.formats,
            dataset=asked.dataset,
            allow_service=self.allow_service,
        )
        answer = await self.pool.run(job, request.is_disconnected)
        headers = {"Vary": "Accept", "X-Content-Type-Options": "nosniff"}
        if isinstance(answer, Streamed):
            if answer.head.kind:
                headers["X-Query-Kind"] = answer.head.kind
            return _StreamedAnswer(answer, headers)
        if answer.kind:
            headers["X-Query-Kind"] = answer.kind
        return Response(answer.body, answer.status, headers, media_type=answer.content_type)

    def _refuse_unauthorised(self, request: Request) -> Response | None:
        """401 unless the request carries the token (when the endpoint has one)."""
        if self.token is None:
            return None
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode("utf-8"), self.token.encode("utf-8")
        ):
            return None
        return PlainTextResponse(
            "this endpoint needs a token: send the header 'Authorization: Bearer TOKEN' "
            "(the token given to 'kgraph serve --token' or $KGRAPH_SERVE_TOKEN)\n",
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer realm="kgraph"'},
        )

    async def page(self, request: Request) -> Response:
        headers = {
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options": "nosniff",
        }
        return HTMLResponse(render(self.title, token=self.token is not None), headers=headers)

    async def health(self, request: Request) -> Response:
        alive = self.pool.alive
        served = self.pool.served
        return JSONResponse(
            {
                "status": "ok" if alive else "no query workers",
                "store": self.title,
                "kgraph": __version__,
                "workers": alive,
                "idle": self.pool.idle,
                "generation": served.generation.number,
                "generation_completed": served.generation.completed,
                "snapshot_taken": served.taken,
                "timeout_seconds": self.pool.timeout,
                "max_result_bytes": self.pool.max_bytes,
                "allow_service": self.allow_service,
                "token_required": self.token is not None,
            },
            status_code=200 if alive else 503,
        )


class _StreamedAnswer(StreamingResponse):
    """A result sent as the worker writes it; an error mid-way ends it with :data:`INCOMPLETE`.

    A result cut short (past the size or time limit) cannot change its status
    any more: the body ends with a line ``# kgraph serve: the result is
    incomplete: WHY`` and the connection closes without the chunked body's end,
    so HTTP clients report an incomplete response instead of taking the part
    for the whole. A client that hangs up stops the query (its worker is killed).
    """

    def __init__(self, streamed: Streamed, headers: dict[str, str]) -> None:
        head = streamed.head
        super().__init__(iter(()), head.status, headers, media_type=head.content_type)
        self.streamed = streamed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        stream = self.streamed
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": self.status_code,
                    "headers": self.raw_headers,
                }
            )
            await send({"type": "http.response.body", "body": stream.head.body, "more_body": True})
            if not await self._relay(receive, send):
                return  # the client hung up: closing the stream kills the worker
            if stream.error is None:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            logger.warning("a streamed result was cut short: %s", stream.error)
            marker = f"\n{INCOMPLETE}{stream.error}\n".encode()
            await send({"type": "http.response.body", "body": marker, "more_body": True})
            # returning without the last body message makes the server close the connection
        finally:
            stream.close()

    async def _relay(self, receive: Receive, send: Send) -> bool:
        """Send chunks until the stream ends (True) or the client hangs up (False)."""
        ended = False
        async with anyio.create_task_group() as group:

            async def watch() -> None:
                while (await receive())["type"] != "http.disconnect":
                    pass
                group.cancel_scope.cancel()

            group.start_soon(watch)
            while (chunk := await self.streamed.next()) is not None:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            ended = True
            group.cancel_scope.cancel()
        return ended


class _AccessLog:
    """Logs one line per request: client, method, target, status, bytes, milliseconds."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        seen: dict[str, Any] = {"status": 500, "bytes": 0}

        async def send_and_count(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body":
                seen["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, send_and_count)
        finally:
            access_log.info(
                '%s "%s %s" %d %d %.0fms',
                (scope.get("client") or ("-",))[0],
                scope["method"],
                _target(scope),
                seen["status"],
                seen["bytes"],
                (time.perf_counter() - started) * 1000,
            )


def _target(scope: Scope) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    target = scope["path"] + (f"?{query}" if query else "")
    if len(target) > _LOGGED_TARGET_CHARS:
        return target[:_LOGGED_TARGET_CHARS] + "…"
    return target
