"""How fast shards go into an Oxigraph store, by each way pyoxigraph and the Oxigraph server offer.

Copies a folder of real shards (``KEY.nq.gz``) ``--copies`` times under distinct
article and fact IRIs (the entities stay shared, as in a bigger corpus), then
loads the copies into an empty store in each way, each in a fresh process, and
prints quads/s (median of ``--runs``):

- ``library``: one ``Store.bulk_load(path=...)`` of all the quads as one plain
  N-Quads file, the library's own rate on this machine;
- ``file-object``: one ``bulk_load`` per shard from a ``gzip.open`` file object
  (what ``kgraph.cluster.load`` did before: the loader reads through Python);
- ``bytes``: one ``bulk_load`` per shard of its bytes, decompressed in Python;
- ``batched``: the shards' bytes joined into one ``bulk_load`` call per
  ``--batch`` quads (what ``kgraph.cluster.load`` does now);
- ``load``: one transactional ``Store.load`` per shard;
- ``cli``: ``oxigraph load --location DIR --file *.nq.gz`` (the CLI's bulk loader, one
  load and commit per file, several files at a time on half the cores);
- ``cli-one``: ``oxigraph load --location DIR --file all.nq``, the quads as one file;
- ``server``: ``POST /store?no_transaction`` of the N-Quads to ``oxigraph serve``.

    python benchmarks/shard_load.py /tmp/kg.shards --copies 170 --runs 3
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

WAYS = ("library", "file-object", "bytes", "batched", "load", "cli", "cli-one", "server")


def make_copies(shards: Path, copies: int, out: Path) -> int:
    """``copies`` copies of every shard of ``shards`` in ``out``; returns the quads written."""
    out.mkdir(parents=True, exist_ok=True)
    texts = [gzip.decompress(f.read_bytes()) for f in sorted(shards.glob("*.nq.gz"))]
    for i in range(copies):
        for j, text in enumerate(texts):
            copy = text.replace(b"/article/", f"/article/c{i}-".encode())
            copy = copy.replace(b"/fact/", f"/fact/c{i}-".encode())
            (out / f"{i:05d}-{j}.nq.gz").write_bytes(gzip.compress(copy, mtime=0))
    plain = b"".join(gzip.decompress(f.read_bytes()) for f in sorted(out.glob("*.nq.gz")))
    (out.parent / "all.nq").write_bytes(plain)
    return plain.count(b"\n")


def _load(way: str, files: list[Path], db: Path, batch: int) -> float | None:
    """Load ``files`` into ``db``; the server's own seconds when it is the server."""
    nq = ox.RdfFormat.N_QUADS
    if way in ("cli", "cli-one", "server"):
        return _load_outside(way, files, db)
    store = ox.Store(str(db))
    if way == "library":
        store.bulk_load(path=str(files[0].parent.parent / "all.nq"), format=nq)
    elif way == "file-object":
        for f in files:
            with gzip.open(f) as data:
                store.bulk_load(data, nq)
    elif way == "bytes":
        for f in files:
            store.bulk_load(gzip.decompress(f.read_bytes()), nq)
    elif way == "load":
        for f in files:
            store.load(gzip.decompress(f.read_bytes()), nq)
    else:  # batched
        parts: list[bytes] = []
        size = 0
        for f in files:
            parts.append(gzip.decompress(f.read_bytes()))
            size += parts[-1].count(b"\n")
            if size >= batch:
                store.bulk_load(b"".join(parts), nq)
                parts, size = [], 0
        if parts:
            store.bulk_load(b"".join(parts), nq)
    store.flush()
    return None


def _load_outside(way: str, files: list[Path], db: Path) -> float | None:
    oxigraph = shutil.which("oxigraph") or "oxigraph"
    if way.startswith("cli"):
        given = [files[0].parent.parent / "all.nq"] if way == "cli-one" else files
        subprocess.run(
            [oxigraph, "load", "--location", str(db), "--file", *map(str, given)],
            check=True,
            capture_output=True,
        )
        return None
    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [oxigraph, "serve", "--location", str(db), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/store"
        for _ in range(200):
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        body = (files[0].parent.parent / "all.nq").read_bytes()
        began = time.perf_counter()
        response = httpx.post(
            f"{url}?no_transaction",
            content=body,
            headers={"Content-Type": "application/n-quads"},
            timeout=3600,
        )
        response.raise_for_status()
        return time.perf_counter() - began  # the POST, not the server's start
    finally:
        server.terminate()
        server.wait(timeout=30)


def measure(way: str, folder: Path, batch: int) -> dict[str, float]:
    """Load the copies in ``folder`` one ``way`` into an empty store (in this process)."""
    files = sorted((folder / "copies").glob("*.nq.gz"))
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        db = Path(tmp) / "db"
        began = time.perf_counter()
        seconds = _load(way, files, db, batch) or time.perf_counter() - began
        quads = len(ox.Store.read_only(str(db)))
    return {"seconds": seconds, "quads": quads}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shards", type=Path, help="a shard folder (KEY.nq.gz files)")
    parser.add_argument("--copies", type=int, default=170)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1_000_000, help="quads per batched call")
    parser.add_argument("--ways", nargs="+", default=list(WAYS), choices=WAYS)
    parser.add_argument("--work", type=Path, help="where the copies go (default: a temp folder)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.work, args.batch)))
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="kgraph-load-"))
    if not (work / "copies").exists():
        total = make_copies(args.shards, args.copies, work / "copies")
        print(f"{total:,} quads in {len(list((work / 'copies').iterdir()))} shards", flush=True)
    for way in args.ways:
        runs = []
        for _ in range(args.runs):
            cmd = [sys.executable, __file__, str(args.shards), "--work", str(work)]
            out = subprocess.run(
                [*cmd, "--one", way, "--batch", str(args.batch)],
                capture_output=True,
                text=True,
                check=True,
            )
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        rates = [r["quads"] / r["seconds"] for r in runs]
        load = Path("/proc/loadavg").read_text().split()[0]
        print(
            f"{way:12} {runs[0]['quads']:>9,} quads  median {statistics.median(rates):>9,.0f} "
            f"quads/s  ({', '.join(f'{r:,.0f}' for r in rates)})  load {load}",
            flush=True,
        )


if __name__ == "__main__":
    main()
