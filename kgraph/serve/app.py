"""The ASGI application: ``/sparql``, the query page at ``/``, and ``/health``."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kgraph import __version__
from kgraph.serve.page import CONTENT_SECURITY_POLICY, render
from kgraph.serve.protocol import ProtocolError, read_request
from kgraph.serve.workers import Job, QueryPool

__all__ = ["create_app"]

access_log = logging.getLogger("kgraph.serve.access")
_LOGGED_TARGET_CHARS = 160


def create_app(pool: QueryPool, *, allow_service: bool = False, title: str = "kgraph") -> Starlette:
    """The endpoint's ASGI app, answering queries on ``pool`` (closed when the app stops)."""
    endpoint = _Endpoint(pool, allow_service, title)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await anyio.to_thread.run_sync(pool.close)

    return Starlette(
        routes=[
            Route("/", endpoint.page, methods=["GET"]),
            Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
            Route("/health", endpoint.health, methods=["GET"]),
        ],
        middleware=[
            Middleware(_AccessLog),
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST"],
                allow_headers=["*"],
                max_age=3600,
            ),
        ],
        lifespan=lifespan,
    )


class _Endpoint:
    """The request handlers, sharing the worker pool and the settings."""

    def __init__(self, pool: QueryPool, allow_service: bool, title: str) -> None:
        self.pool = pool
        self.allow_service = allow_service
        self.title = title

    async def sparql(self, request: Request) -> Response:
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
        answer = await anyio.to_thread.run_sync(self.pool.run, job)
        headers = {"Vary": "Accept", "X-Content-Type-Options": "nosniff"}
        if answer.kind:
            headers["X-Query-Kind"] = answer.kind
        return Response(answer.body, answer.status, headers, media_type=answer.content_type)

    async def page(self, request: Request) -> Response:
        headers = {
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options": "nosniff",
        }
        return HTMLResponse(render(self.title), headers=headers)

    async def health(self, request: Request) -> Response:
        alive = self.pool.alive
        return JSONResponse(
            {
                "status": "ok" if alive else "no query workers",
                "store": self.title,
                "kgraph": __version__,
                "workers": alive,
                "idle": self.pool.idle,
                "timeout_seconds": self.pool.timeout,
                "max_result_bytes": self.pool.max_bytes,
                "allow_service": self.allow_service,
            },
            status_code=200 if alive else 503,
        )


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
