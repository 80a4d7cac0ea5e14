"""Real servers on loopback for the serve and push tests: started, waited for, always stopped.

Helpers, not fixtures: the test modules wrap them in fixtures of the scope they need.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

#: Bounds for waiting on a server to start and to stop.
START_SECONDS = 60.0
STOP_SECONDS = 20.0
_SERVING = re.compile(r"serving .* at (http://[\d.]+:\d+)/sparql")


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    """Wait until ``url`` answers any HTTP status, or fail with the server's log."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited ({process.returncode}):\n{log.read_text()}")
        try:
            httpx.get(url, timeout=2.0)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer within {START_SECONDS} s:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> int:
    """Stop a server: the signal, then a kill if it does not exit in time."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            return process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.wait(STOP_SECONDS)


@contextmanager
def started(
    command: list[str], log: Path, url: str | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` with its output in ``log``; wait for ``url`` if given; stop it at the end."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        if url is not None:
            wait_for(process, url, log)
        yield process
    finally:
        stop(process)


@dataclass(frozen=True)
class Running:
    """A running kgraph server: its base URL, log file and process."""

    url: str
    log: Path
    process: subprocess.Popen[bytes]


@contextmanager
def kgraph_server(store: Path, folder: Path, *options: str) -> Iterator[Running]:
    """``kgraph serve STORE --port 0 OPTIONS``, stopped at the end."""
    log = folder / "kgraph-serve.log"
    command = [sys.executable, "-m", "kgraph", "serve", str(store), "--port", "0", *options]
    with started(command, log) as process:
        url = _served_url(process, log)
        wait_for(process, f"{url}/health", log)
        yield Running(url, log, process)


def wait_for_idle_workers(base: str, count: int = 2) -> None:
    """Wait until ``kgraph serve`` at ``base`` has ``count`` workers, all idle (after a kill)."""
    for _ in range(300):
        health = httpx.get(f"{base}/health").json()
        if health["workers"] == count and health["idle"] == count:
            return
        time.sleep(0.1)
    pytest.fail(f"the endpoint did not get back to {count} idle workers: {health}")


def _served_url(process: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        found = _SERVING.search(log.read_text(errors="replace"))
        if found:
            return found.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.1)
    pytest.fail(f"kgraph serve did not start:\n{log.read_text()}")


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """The Oxigraph server (PyPI ``oxigraph``) on a temporary store: yields its base URL."""
    # installed beside this Python (a venv used without activating it) or on PATH
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph"
    )
    if binary is None:
        pytest.skip("the Oxigraph server is not installed (pip install oxigraph)")
    base = f"http://127.0.0.1:{free_port()}"
    command = [binary, "serve", "--location", str(folder / "oxigraph-db"), "--bind", base[7:]]
    with started(command, folder / "oxigraph.log", f"{base}/query"):
        yield base


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 5
ServerThreads = 5
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """Virtuoso Open Source on loopback with a new database (user dba, password dba)."""
    binary = shutil.which("virtuoso-t") or shutil.which("virtuoso-t", path="/usr/bin:/usr/sbin")
    if binary is None:
        pytest.skip(
            "Virtuoso is not installed (virtuoso-t not found; apt install virtuoso-opensource)"
        )
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(dir=folder, sql_port=free_port(), http_port=http_port))
    base = f"http://127.0.0.1:{http_port}"
    command = [binary, "-f", "-c", str(ini)]
    with started(command, folder / "virtuoso.out", f"{base}/sparql?query=ASK%7B%7D"):
        yield base


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux /proc; empty elsewhere)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Whether a process exists (and is not a zombie)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")
