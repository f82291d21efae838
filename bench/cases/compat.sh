#!/usr/bin/env bash
# The util-linux personalities: ipcx linked as `ipcs` against util-linux's ipcs at 10,000
# queues, 2,000 segments and 2,000 semaphore sets, in a private IPC namespace. The outputs
# are checked identical before timing.
set -euo pipefail
: "${IPCX:?run through bench/run}" "${BENCH_OUT:?}"
out="$BENCH_OUT/compat"
mkdir -p "$out/bin"
ln -sf "$IPCX" "$out/bin/ipcs"

unshare --ipc bash -s "$out" <<'INNER'
set -euo pipefail
out=$1
link="$out/bin/ipcs"
python3 - <<'PY'
import sysv_ipc
for i in range(10000):
    sysv_ipc.MessageQueue(0x10000 + i, sysv_ipc.IPC_CREX, mode=0o600)
for i in range(2000):
    sysv_ipc.SharedMemory(0x20000 + i, sysv_ipc.IPC_CREX, mode=0o600, size=4096).detach()
for i in range(2000):
    sysv_ipc.Semaphore(0x30000 + i, sysv_ipc.IPC_CREX, mode=0o600)
PY
for opts in -q -m -a "-a -c" "-a -t"; do
  cmp <("$link" $opts) <(/usr/bin/ipcs $opts) || { echo "bench compat: ipcs $opts differs" >&2; exit 1; }
done
hf() { hyperfine -N --style none --warmup 3 --min-runs 20 --export-json "$out/$1.json" "${@:2}" >/dev/null 2>&1; }
hf q "$link -q" "/usr/bin/ipcs -q"
hf m "$link -m" "/usr/bin/ipcs -m"
hf a "$link -a" "/usr/bin/ipcs -a"
hf c "$link -a -c" "/usr/bin/ipcs -a -c"
INNER

python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
def load(name):
    return [(r["command"], r["mean"], r["stddev"]) for r in json.load(open(f"{out}/{name}.json"))["results"]]
print("## Drop-in ipcs (bench/cases/compat.sh)")
print()
print("ipcx linked as `ipcs` against util-linux 2.38's `ipcs`, at 10,000 message queues, 2,000 segments and 2,000 semaphore sets in a private IPC namespace; the outputs are checked byte-identical first. hyperfine, mean of ≥20 runs after 3 warm-ups, both measured in the same run.")
print()
print("| listing | ipcx as `ipcs` | util-linux `ipcs` | ratio |")
print("|---|---:|---:|---:|")
ratios = {}
for name, title in [("q", "`ipcs -q` (10,000 queues)"), ("m", "`ipcs -m` (2,000 segments)"), ("a", "`ipcs -a` (all 14,000)"), ("c", "`ipcs -a -c` (creators, all)")]:
    (_, ours, osd), (_, theirs, tsd) = load(name)
    ratios[name] = ours / theirs
    print(f"| {title} | {ours*1000:.2f} ms ± {osd*1000:.2f} | {theirs*1000:.2f} ms ± {tsd*1000:.2f} | {ours/theirs:.2f}× |")
print()
verdict = "met" if ratios["q"] <= 0.5 else "NOT met"
print(f"**Must show:** `ipcs -q` at 10,000 queues, ipcx / util-linux = {ratios['q']:.2f} (needs ≤ 0.5: {verdict}).")
print()
print("Where the time goes: util-linux calls getpwuid(3) for every row, which re-reads /etc/passwd each time; ipcx looks each owner up once and formats the rows into one buffer. Both read /proc/sysvipc once, which is most of what is left.")
PY
