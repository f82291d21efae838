#!/usr/bin/env bash
# Listing: ipcx ls against ipcs and lsipc at 10,000 queues, 2,000 segments and 2,000
# semaphore sets, in a private IPC namespace; and start-up cost (ipcx key vs ipcmk -V).
set -euo pipefail
: "${IPCX:?run through bench/run}" "${BENCH_OUT:?}"
out="$BENCH_OUT/ls"
mkdir -p "$out"

unshare --ipc bash -s "$IPCX" "$out" <<'INNER'
set -euo pipefail
IPCX=$1; out=$2
python3 - <<'PY'
import sysv_ipc
for i in range(10000):
    sysv_ipc.MessageQueue(0x10000 + i, sysv_ipc.IPC_CREX, mode=0o600)
for i in range(2000):
    sysv_ipc.SharedMemory(0x20000 + i, sysv_ipc.IPC_CREX, mode=0o600, size=4096).detach()
for i in range(2000):
    sysv_ipc.Semaphore(0x30000 + i, sysv_ipc.IPC_CREX, mode=0o600)
PY
hf() { hyperfine --style none --warmup 3 --min-runs 20 --export-json "$out/$1.json" "${@:2}" >/dev/null 2>&1; }
hf msg -N "$IPCX ls msg" "ipcs -q" "lsipc -q"
hf json "$IPCX ls --json" "lsipc --json -q; lsipc --json -m; lsipc --json -s"
hf json_all -N "$IPCX ls --json msg" "lsipc --json -q"
hf startup -N "$IPCX key /" "ipcmk -V"
INNER

python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
ipcx = os.environ["IPCX"]
def load(name):
    return [(r["command"], r["mean"], r["stddev"]) for r in json.load(open(f"{out}/{name}.json"))["results"]]
print("## Listing (bench/cases/ls.sh)")
print()
print("10,000 message queues, 2,000 segments and 2,000 semaphore sets in a private IPC namespace; hyperfine, mean of ≥20 runs after 3 warm-ups.")
print()
print("| case | command | mean | ratio to the first peer |")
print("|---|---|---:|---:|")
for name, title in [("msg", "list queues"), ("json_all", "JSON, queues"), ("json", "JSON, all three kinds (through sh)"), ("startup", "start-up")]:
    rows = load(name)
    base = rows[1][1]
    for command, mean, sd in rows:
        print(f"| {title} | `{command.replace(ipcx, 'ipcx')}` | {mean*1000:.2f} ms ± {sd*1000:.2f} | {mean/base:.2f}× |")
print()
msg = load("msg"); js = load("json_all")
print(f"**Must show:** `ipcx ls msg` / `ipcs -q` = {msg[0][1]/msg[1][1]:.2f} (needs ≤ 0.5); "
      f"`ipcx ls --json msg` / `lsipc --json -q` = {js[0][1]/js[1][1]:.2f} (needs ≤ 0.5).")
PY
