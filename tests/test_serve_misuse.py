"""The endpoint under misuse (issue 13, part 9): clients that hang up, long URLs, large results
(streamed, and cut short past the limit), a query page that must not freeze, and the guards
against other web pages (Host header, CORS, a token).

Real ``kgraph serve`` processes on loopback, httpx and the standard library as clients, and
headless Chromium through Playwright for the page.
"""

from __future__ import annotations

import csv
import http.client
import io
import logging
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kgraph.errors import ConfigError
from kgraph.graph import KGStore
from kgraph.serve import ServeConfig, _warn_if_exposed
from kgraph.serve.app import INCOMPLETE
from kgraph.serve.guards import MAX_TARGET_BYTES
from kgraph.serve.page import PAGE_ROWS, render
from kgraph.serve.workers import CHUNK_BYTES, Answer, Job, answer

from .servers import Running, kgraph_server, wait_for_idle_workers

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNTRIES = "SELECT ?label WHERE { ?e a kg:Country ; rdfs:label ?label } ORDER BY ?label"
#: A cross product of the store with itself: as many rows as the LIMIT, quickly.
PAIRS = "SELECT * WHERE {{ ?a ?b ?c . ?d ?e ?f }} LIMIT {rows}"
#: Two columns, so that 20,000 rows stay a few MB of JSON.
PAGE_QUERY = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 20000"
TIMEOUT = 20.0
MAX_RESULT_MB = 16
TOKEN = "s3cret-token"
ALLOWED_ORIGIN = "http://notebook.example"


@pytest.fixture(scope="module")
def big(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """A server with a long timeout and a result limit of 16 MiB."""
    folder = tmp_path_factory.mktemp("serve-misuse")
    options = ("--workers", "2", "--timeout", str(TIMEOUT), "--max-result-mb", str(MAX_RESULT_MB))
    with kgraph_server(built_store, folder, *options) as running:
        yield running


@pytest.fixture(scope="module")
def guarded(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """A server that wants a token and lets one origin's pages read it."""
    folder = tmp_path_factory.mktemp("serve-guarded")
    options = ("--workers", "1", "--token", TOKEN, "--cors", ALLOWED_ORIGIN)
    with kgraph_server(built_store, folder, *options) as running:
        yield running


# ---------------------------------------------------------------- clients that hang up


@pytest.mark.model
def test_serve_client_hang_up_frees_its_worker(big: Running) -> None:
    def hang_up() -> None:
        with pytest.raises(httpx.TimeoutException):
            httpx.get(f"{big.url}/sparql", params={"query": SLOW}, timeout=0.5)

    wait_for_idle_workers(big.url)
    clients = [threading.Thread(target=hang_up) for _ in range(2)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    started = time.monotonic()
    response = httpx.get(f"{big.url}/sparql", params={"query": COUNTRIES}, timeout=TIMEOUT + 10)
    took = time.monotonic() - started
    assert response.status_code == 200 and "Azerbaijan" in response.text
    assert took < TIMEOUT / 4, f"the third request waited {took:.1f} s for a worker"
    assert '" 499 ' in big.log.read_text()  # the log says the client went away
    wait_for_idle_workers(big.url)


# ---------------------------------------------------------------- long URLs


def raw_get(base: str, target: str) -> tuple[int, str]:
    """A GET through the standard library: httpx refuses URL parts over 64 KiB itself."""
    address = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


@pytest.mark.model
def test_serve_long_get_gets_414_saying_to_post(big: Running) -> None:
    query = "ASK { ?s ?p ?o } # " + "x" * 140_000
    status, text = raw_get(big.url, "/sparql?" + urllib.parse.urlencode({"query": query}))
    assert status == 414 and "POST the query instead" in text
    shorter = "ASK { ?s ?p ?o } # " + "x" * (MAX_TARGET_BYTES + 100)  # within httpx's own limit
    response = httpx.get(f"{big.url}/sparql", params={"query": shorter})
    assert response.status_code == 414 and "application/sparql-query" in response.text
    posted = httpx.post(f"{big.url}/sparql", data={"query": query})
    assert posted.status_code == 200 and posted.json()["boolean"] is True


# ---------------------------------------------------------------- large results


def timed_stream(base: str, rows: int) -> tuple[float, float, int, bytes]:
    """Seconds to the first body byte and to the end, how many reads, and the body."""
    params = {"query": PAIRS.format(rows=rows), "format": "csv"}
    started = time.monotonic()
    first, reads, body = 0.0, 0, bytearray()
    with httpx.stream("GET", f"{base}/sparql", params=params, timeout=TIMEOUT + 10) as response:
        assert response.status_code == 200
        for chunk in response.iter_raw():
            if not reads:
                first = time.monotonic() - started
            reads += 1
            body += chunk
    return first, time.monotonic() - started, reads, bytes(body)


@pytest.mark.model
def test_serve_streams_large_results(big: Running) -> None:
    first, total, reads, body = timed_stream(big.url, 40_000)
    assert len(body) > 50 * CHUNK_BYTES
    assert len(list(csv.reader(io.StringIO(body.decode("utf-8"))))) == 40_001  # header too
    assert reads > 10, "the result came in one piece"
    assert first < total / 3, f"first byte after {first:.2f} s of {total:.2f} s: buffered whole"


@pytest.mark.model
def test_serve_stream_past_the_size_limit_ends_with_a_marker(big: Running) -> None:
    params = {"query": PAIRS.format(rows=200_000), "format": "csv"}
    received = bytearray()
    with httpx.stream("GET", f"{big.url}/sparql", params=params, timeout=TIMEOUT + 10) as response:
        assert response.status_code == 200  # sent before the result was known to be too large
        with pytest.raises(httpx.RemoteProtocolError):  # the body does not end properly
            for chunk in response.iter_raw():
                received += chunk
    tail = bytes(received[-400:]).decode("utf-8", "replace")
    assert INCOMPLETE in tail and "--max-result-mb" in tail
    assert len(received) <= MAX_RESULT_MB * 2**20 + 1000
    wait_for_idle_workers(big.url)


@pytest.mark.model
@pytest.mark.parametrize(
    ("query", "accept"),
    [
        (COUNTRIES, "application/sparql-results+json"),
        (COUNTRIES, "application/sparql-results+xml"),
        (COUNTRIES, "text/csv"),
        (COUNTRIES, "text/tab-separated-values"),
        ("ASK { ?s kg:initiates ?o }", ""),
        ("CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Country ; rdfs:label ?l }", ""),
        ("SELECT * { ?s ?p ?o } LIMIT 10", "text/csv"),
    ],
)
def test_serve_small_answers_are_sent_whole(
    big: Running, kg: KGStore, query: str, accept: str
) -> None:
    """A result under one chunk is the bytes the worker serialises, with a Content-Length."""
    response = httpx.post(f"{big.url}/sparql", data={"query": query}, headers={"Accept": accept})
    expected = answer(kg, Job(query, accept), MAX_RESULT_MB * 2**20)
    assert isinstance(expected, Answer) and len(expected.body) < CHUNK_BYTES
    assert response.status_code == 200 and response.content == expected.body
    assert response.headers["content-length"] == str(len(expected.body))
    assert response.headers["content-type"] == expected.content_type


# ---------------------------------------------------------------- the query page


@pytest.mark.model
def test_serve_page_pages_a_large_result(big: Running, browser: Any) -> None:
    rows = 20_000
    page = browser.new_page()
    try:
        page.goto(f"{big.url}/")
        page.fill("#query", PAGE_QUERY)
        started = time.monotonic()
        page.click("button[type=submit]")
        page.locator("#status", has_text="rows in").wait_for(timeout=60_000)
        assert page.locator("#out table tr").count() == PAGE_ROWS + 1  # and the header
        assert page.text_content("#status").startswith("20,000 rows")
        assert page.text_content("#showing") == f"showing 1–{PAGE_ROWS} of 20,000 rows"
        assert page.is_disabled("#previous") and not page.is_disabled("#next")
        first_cell = page.text_content("#out table tr:nth-child(2) td")
        page.click("#next")
        assert page.text_content("#showing") == f"showing {PAGE_ROWS + 1}–1,000 of 20,000 rows"
        assert page.locator("#out table tr").count() == PAGE_ROWS + 1
        page.click("#previous")
        assert page.text_content("#out table tr:nth-child(2) td") == first_cell
        for _ in range(rows // PAGE_ROWS - 1):
            page.click("#next")
        assert page.text_content("#showing") == "showing 19,501–20,000 of 20,000 rows"
        assert page.is_disabled("#next")
        took = time.monotonic() - started
        responsive = time.monotonic()
        assert page.evaluate("1 + 1") == 2
        assert time.monotonic() - responsive < 1.0 and took < 30
    finally:
        page.close()


@pytest.mark.model
def test_serve_page_sends_the_token(guarded: Running, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{guarded.url}/")
        assert page.is_visible("#token")
        page.fill("#query", "ASK { ?s kg:initiates ?o }")
        page.click("button[type=submit]")
        page.locator("#status", has_text="error 401").wait_for(timeout=30_000)
        page.fill("#token", TOKEN)
        page.click("button[type=submit]")
        page.locator("#status", has_text="boolean in").wait_for(timeout=30_000)
        assert page.text_content("#out pre") == "true"
        with page.expect_download() as download:
            page.click("#download")
        assert b'"boolean":true' in Path(download.value.path()).read_bytes()
    finally:
        page.close()


def test_serve_page_asks_for_the_token_only_when_one_is_needed() -> None:
    assert "<label hidden>Token" in render("kg")
    assert "<label >Token" in render("kg", token=True)


# ---------------------------------------------------------------- other web pages


@pytest.mark.model
def test_serve_checks_the_host_header(big: Running) -> None:
    port = urllib.parse.urlsplit(big.url).port
    query = {"query": "ASK {}"}
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        ok = httpx.get(f"{big.url}/sparql", params=query, headers={"Host": host})
        assert ok.status_code == 200, host
    for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1:{port + 1}"):
        refused = httpx.get(f"{big.url}/sparql", params=query, headers={"Host": host})
        assert refused.status_code == 421 and "--allow-host" in refused.text, host
        assert httpx.get(f"{big.url}/", headers={"Host": host}).status_code == 421


@pytest.mark.model
def test_serve_cors_only_for_the_origins_given(guarded: Running) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for origin, allowed in ((ALLOWED_ORIGIN, True), ("http://attacker.example", False)):
        preflight = httpx.options(
            f"{guarded.url}/sparql",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        got = preflight.headers.get("access-control-allow-origin")
        assert got == (origin if allowed else None), origin
        response = httpx.get(
            f"{guarded.url}/sparql", params={"query": "ASK {}"}, headers={"Origin": origin, **auth}
        )
        got = response.headers.get("access-control-allow-origin")
        assert response.status_code == 200 and got == (origin if allowed else None), origin


@pytest.mark.model
def test_serve_token_is_required_on_sparql(guarded: Running) -> None:
    query = {"query": "ASK {}"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        refused = httpx.get(f"{guarded.url}/sparql", params=query, headers=headers)
        assert refused.status_code == 401, headers
        assert refused.headers["www-authenticate"].startswith("Bearer")
    ok = httpx.get(
        f"{guarded.url}/sparql", params=query, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert ok.status_code == 200 and ok.json()["boolean"] is True
    health = httpx.get(f"{guarded.url}/health")
    assert health.status_code == 200 and health.json()["token_required"] is True


@pytest.mark.model
def test_serve_token_from_the_environment(
    built_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KGRAPH_SERVE_TOKEN", TOKEN)
    with kgraph_server(built_store, tmp_path, "--workers", "1") as server:
        url = f"{server.url}/sparql"
        assert httpx.get(url, params={"query": "ASK {}"}).status_code == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert httpx.get(url, params={"query": "ASK {}"}, headers=auth).status_code == 200


@pytest.mark.parametrize(
    ("host", "token", "warned", "suggests_token"),
    [
        ("0.0.0.0", None, True, True),
        ("::", None, True, True),
        ("0.0.0.0", TOKEN, True, False),
        ("127.0.0.1", None, False, False),
    ],
)
def test_serve_warns_when_listening_on_every_address(
    caplog: pytest.LogCaptureFixture,
    host: str,
    token: str | None,
    warned: bool,
    suggests_token: bool,
) -> None:
    with caplog.at_level(logging.WARNING, logger="kgraph.serve"):
        _warn_if_exposed(ServeConfig(host=host, token=token))
    text = caplog.text
    assert ("reachable from the network" in text) is warned
    assert ("--token" in text) is suggests_token


@pytest.mark.parametrize(
    "config",
    [ServeConfig(cors=("*",)), ServeConfig(token=""), ServeConfig(token="  ")],
)
def test_serve_config_refuses_open_cors_and_empty_tokens(config: ServeConfig) -> None:
    with pytest.raises(ConfigError):
        config.check()
