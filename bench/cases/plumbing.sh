#!/usr/bin/env bash
# Two-way plumbing: `ipcx sock pair -c A -c B` against the raw C baseline of a socketpair
# between two processes (bench/c/raw.c sock: a parent write(2)s 256 KiB chunks, a forked
# child read(2)s them). A is bench/c/src (write(2)s the bytes to its stdout, the pair's one
# end) and B bench/c/sink (read(2)s its stdin, the other end, and checks the count), so
# the same loop runs in both; what ipcx adds is the starting of two `sh -c` and the wait.
set -euo pipefail
: "${IPCX:?run through bench/run}" "${BENCH_OUT:?}"
out="$BENCH_OUT/plumbing"
mkdir -p "$out"
here="$(cd "$(dirname "$0")/.." && pwd)"
for prog in src sink raw; do gcc -O2 -o "$out/$prog" "$here/c/$prog.c"; done
N=$((1 << 30))

hyperfine --style none --warmup 1 --runs "${RUNS:-15}" --export-json "$out/pair.json" \
  -n "raw socketpair" "$out/raw sock $N" \
  -n "ipcx sock pair" "$IPCX sock pair -c '$out/src $N' -c '$out/sink read $N'" \
  >/dev/null 2>&1 \
  || { echo "bench plumbing: failed" >&2; exit 1; }

python3 - "$out" "$N" <<'PY'
import json, sys
out, n = sys.argv[1], int(sys.argv[2])
r = {x["command"]: x["median"] for x in json.load(open(f"{out}/pair.json"))["results"]}
def rate(sec): return n / sec / 2**30
print("## Two-way plumbing (bench/cases/plumbing.sh)")
print()
print(f"{n >> 30} GiB per run through one socketpair; hyperfine, the median of 15 runs after a warm-up")
print("(on 2 shared cores single runs of either side range from 0.15 s to over 1 s as the two")
print("processes are scheduled on one core or two: the median is the typical run, the mean is not).")
print("The baseline is bench/c/raw.c (a parent writes, a forked child reads, 256 KiB buffers);")
print("`ipcx sock pair -c SRC -c SINK` runs the same write(2)/read(2) loops (bench/c/src.c, sink.c)")
print("as two shell commands on the pair's two ends.")
print()
print("| command | median | throughput |")
print("|---|---:|---:|")
for cmd, mean in r.items():
    print(f"| {cmd} | {mean:.3f} s | {rate(mean):.2f} GiB/s |")
ratio = r["raw socketpair"] / r["ipcx sock pair"]
print()
print("**Must show** (throughput ratio; higher is better):")
print()
print("| target | measured | needs |")
print("|---|---:|---:|")
print(f"| `ipcx sock pair -c A -c B` / C socketpair loop | {ratio:.2f}× | ≥ 0.8× |")
PY
