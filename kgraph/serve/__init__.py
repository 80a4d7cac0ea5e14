"""A read-only SPARQL 1.1 Protocol endpoint over a store (``kgraph serve``).

- ``/sparql``: queries by GET, by POST of a form, or by POST of the query
  itself; results in SPARQL JSON, XML, CSV or TSV, graphs in Turtle,
  N-Triples, JSON-LD or RDF/XML, by ``Accept`` or a ``format`` parameter.
  The default graph is the union of all graphs, unless the query names its
  dataset (``FROM``, ``FROM NAMED``) or the request does
  (``default-graph-uri``, ``named-graph-uri``, which win).
  Updates are refused (403), and so are federated queries (``SERVICE``,
  found in the parsed query by :mod:`kgraph.serve.policy`) unless allowed.
  Each query runs in a worker process that is killed when the
  query passes the time limit (503) or its client hangs up; a result past the
  size limit is refused (500, or a stream cut short); a query that does not
  parse gets 400 and a message with its line and column, the line with a
  caret and the likely fix (:mod:`kgraph.graph.syntax`). Results are streamed as they are
  serialised. Answers come from the newest completed build of the store
  (:mod:`kgraph.serve.snapshots`).
- ``/``: a query page with examples; ``/health``: the endpoint's state as JSON.

Only requests whose Host header names the server are answered (421 otherwise,
against DNS rebinding); CORS is off unless origins are given; a token, if set,
is required on ``/sparql``. Runs on uvicorn; SIGINT and SIGTERM stop it
cleanly: requests in flight finish, the workers stop.
"""

from __future__ import annotations

import logging
import signal
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn

from kgraph.errors import ConfigError
from kgraph.graph import KGStore
from kgraph.serve.app import create_app
from kgraph.serve.guards import WILDCARD_HOSTS, allowed_hosts
from kgraph.serve.pool import QueryPool
from kgraph.serve.protocol import MAX_REQUEST_BYTES

__all__ = ["ServeConfig", "create_app", "serve"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServeConfig:
    """How to serve a store.

    Args:
        host: the address to listen on (loopback by default).
        port: the TCP port; 0 picks a free one (the log says which).
        timeout: seconds a query may run before it is stopped.
        max_result_bytes: the largest result the endpoint sends.
        workers: how many queries run at once (one process each).
        allow_service: let queries use SERVICE (the server then fetches other endpoints).
        cors: origins (``https://notebook.example``) whose pages may read answers.
        allow_hosts: more names (or addresses) by which clients reach the server,
            accepted in the Host header besides loopback and ``host``.
        token: if set, /sparql requires ``Authorization: Bearer TOKEN``.
    """

    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0
    max_result_bytes: int = 64 << 20
    workers: int = 2
    allow_service: bool = False
    cors: tuple[str, ...] = ()
    allow_hosts: tuple[str, ...] = ()
    token: str | None = field(default=None, repr=False)

    def check(self) -> None:
        """Raises ConfigError for a setting that cannot work."""
        if self.timeout <= 0 or self.max_result_bytes <= 0 or self.workers < 1:
            raise ConfigError(
                f"timeout ({self.timeout}), result size ({self.max_result_bytes}) and "
                f"workers ({self.workers}) must be positive; "
                "e.g. --timeout 30 --max-result-mb 64 --workers 2"
            )
        if self.token is not None and not self.token.strip():
            raise ConfigError("the token is empty; give --token a secret, or leave it out")
        if "*" in self.cors:
            raise ConfigError(
                "--cors '*' would let every web page read this graph; name the origins, "
                "e.g. --cors https://notebook.example"
            )


def serve(store: str | Path, config: ServeConfig | None = None) -> None:
    """Serve ``store`` over HTTP until SIGINT or SIGTERM.

    Queries run in worker processes started with ``spawn``: a script calling this
    must guard its entry point with ``if __name__ == "__main__":``.

    Raises:
        StoreError: the store cannot be opened.
        ConfigError: a bad setting, or the address cannot be listened on.
    """
    config = config or ServeConfig()
    config.check()
    path = Path(store)
    KGStore.open(path, read_only=True).close()  # a clear error before anything starts
    listener = _listen(config.host, config.port)
    pool = QueryPool(
        path, size=config.workers, timeout=config.timeout, max_bytes=config.max_result_bytes
    )
    try:
        pool.start()
        host, port = listener.getsockname()[:2]
        app = create_app(
            pool,
            allow_service=config.allow_service,
            title=path.resolve().name,
            cors_origins=config.cors,
            allowed_hosts=allowed_hosts(config.host, port, config.allow_hosts),
            token=config.token,
        )
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                http="h11",
                h11_max_incomplete_event_size=MAX_REQUEST_BYTES,  # long targets get our 414
                log_config=None,
                access_log=False,
                timeout_graceful_shutdown=int(config.timeout) + 5,
            )
        )
        _warn_if_exposed(config)
        logger.info("serving %s at http://%s:%d/sparql (query page at /)", path, host, port)
        _run(server, listener)
    finally:
        pool.close()
        listener.close()
    logger.info("stopped")


def _warn_if_exposed(config: ServeConfig) -> None:
    if config.host in WILDCARD_HOSTS:
        logger.warning(
            "listening on %s: the graph is reachable from the network by anyone who can reach "
            "this machine%s",
            config.host or "every address",
            "" if config.token else "; require a token with --token (or $KGRAPH_SERVE_TOKEN)",
        )


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket, so that a busy port is a clear error and port 0 works."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listener = socket.socket(family, kind, proto)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
    except OSError as exc:
        raise ConfigError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
            "choose another --port or --host"
        ) from exc
    return listener


def _run(server: uvicorn.Server, listener: socket.socket) -> None:
    """Run uvicorn; a SIGTERM or SIGINT ends it as a normal return.

    uvicorn shuts down cleanly on either signal, then raises the signal again
    for the previous handler; a no-op SIGTERM handler and catching
    KeyboardInterrupt turn that into a plain return, so the caller cleans up.
    """
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, lambda *_: None) if main else None
    try:
        server.run(sockets=[listener])
    except KeyboardInterrupt:
        pass
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
