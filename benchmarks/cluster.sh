#!/usr/bin/env bash
# Issue 19's benchmark: a Dask build with 2 workers vs `kgraph build --workers 2`, on one corpus.
# Usage: benchmarks/cluster.sh CORPUS.jsonl [RUNS] [PARTITION_SIZE]
# Prints one line per run: kind, wall seconds, client peak RSS (kB); the load rate of the shards.
# Starts a scheduler and two workers on loopback (--nthreads 1) and stops them at the end.
set -euo pipefail
corpus=$1; runs=${2:-3}; size=${3:-8}
work=$(mktemp -d); port=$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export SOURCE_DATE_EPOCH=1695081600
dask scheduler --host 127.0.0.1 --port "$port" --dashboard-address 127.0.0.1:0 >"$work/s.log" 2>&1 & pids=$!
for i in 1 2; do
  dask worker "tcp://127.0.0.1:$port" --host 127.0.0.1 --nthreads 1 --dashboard-address 127.0.0.1:0 >"$work/w$i.log" 2>&1 & pids="$pids $!"
done
trap 'kill $pids 2>/dev/null; rm -rf "$work"' EXIT
python -c "from distributed import Client; Client('tcp://127.0.0.1:$port', timeout='60s').wait_for_workers(2, timeout=300)"
# warm-up: the workers load the model once (as long-running workers do)
kgraph build data --out "$work/warm" -q --cluster "tcp://127.0.0.1:$port" --shards "$work/warm.shards"
for r in $(seq "$runs"); do
  for kind in local cluster; do
    rm -rf "$work/kg" "$work/kg.shards"
    opts=(--workers 2); [ "$kind" = cluster ] && opts=(--cluster "tcp://127.0.0.1:$port" --partition-size "$size")
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/rss" kgraph build "$corpus" --out "$work/kg" -q "${opts[@]}"
    echo "$kind $(echo "$(date +%s.%N) - $start" | bc) $(cat "$work/rss")"
  done
done
python - "$work/kg.shards" <<'PY'
import gzip, sys, time, tempfile, pathlib, pyoxigraph as ox
files = sorted(pathlib.Path(sys.argv[1]).glob("*.nq.gz"))
data = b"".join(gzip.decompress(f.read_bytes()) for f in files)
store = ox.Store(tempfile.mkdtemp())
began = time.perf_counter(); store.bulk_load(data, ox.RdfFormat.N_QUADS); seconds = time.perf_counter() - began
print(f"bulk_load {len(store)} quads from {len(files)} shards in {seconds:.2f} s: {len(store) / seconds:,.0f} quads/s")
PY
