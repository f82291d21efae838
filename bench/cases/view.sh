#!/usr/bin/env bash
# The operator's view, in a PID namespace of its own (with its own /proc, so that only the
# processes and namespaces made here are seen, not the rest of a shared machine):
#  - `ipcx ls --all-namespaces --json msg` over 100 IPC namespaces of 100 queues each,
#    against a loop of `nsenter -t PID -i lsipc -q --json` over the same namespaces (found
#    by `lsns -t ipc`); both outputs are checked to hold the same queues;
#  - `ipcx ls pshm --holders` with 1,000 processes against `lsfd` answering who holds the
#    one POSIX segment.
set -euo pipefail
: "${IPCX:?run through bench/run}" "${BENCH_OUT:?}"
out="$BENCH_OUT/view"
mkdir -p "$out"

unshare --pid --fork --mount-proc --ipc --mount --propagation private bash -s "$IPCX" "$out" <<'INNER'
set -euo pipefail
IPCX=$1; out=$2
mount -t tmpfs none /dev/shm
hf() { hyperfine --style none -i --export-json "$out/$1.json" "${@:2}" >/dev/null 2>&1; }

# 100 namespaces, each held by a sleeping process, with queues keyed 1..100.
pids=()
for i in $(seq 100); do
  unshare --ipc sleep 100000 &
  pids+=($!)
done
sleep 0.5
for pid in "${pids[@]}"; do
  nsenter -t "$pid" -i python3 -c "import sysv_ipc
for key in range(1, 101): sysv_ipc.MessageQueue(key, sysv_ipc.IPC_CREX)"
done
cat > "$out/lsipc_loop.sh" <<'LOOP'
for pid in $(lsns -t ipc -n -o PID); do
  printf '%s ' "$pid"; nsenter -t "$pid" -i lsipc -q --json | tr -d '\n'; echo
done
LOOP
# The same queues in both: every namespace's set of keys.
"$IPCX" ls -A --json msg -o key > "$out/ipcx.json" || true
bash "$out/lsipc_loop.sh" > "$out/lsipc.txt"
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
ipcx = sorted(sorted(q["key"] for q in ns.get("messages", []))
              for ns in json.load(open(f"{out}/ipcx.json"))["namespaces"])
lsipc = []
for line in open(f"{out}/lsipc.txt"):
    pid, _, text = line.partition(" ")
    lsipc.append(sorted(f"0x{int(q['key'], 16):08x}" for q in next(iter(json.loads(text).values()))))
assert ipcx == sorted(lsipc), "ipcx and lsipc list different queues"
assert sum(len(k) for k in ipcx) == 100 * 100, sum(len(k) for k in ipcx)
PY
hf namespaces --runs 10 --warmup 2 "$IPCX ls -A --json msg" "bash $out/lsipc_loop.sh"
kill "${pids[@]}"

# 1,000 processes, one of which holds the segment open and mapped.
python3 -c "import posix_ipc, mmap, time
s = posix_ipc.SharedMemory('/bench', posix_ipc.O_CREX, size=4096)
m = mmap.mmap(s.fd, 4096)
open('$out/ready', 'w').write('1')
time.sleep(100000)" &
holder=$!
rm -f "$out/ready"; until [ -s "$out/ready" ]; do sleep 0.01; done
sleeps=()
for i in $(seq 999); do sleep 100000 & sleeps+=($!); done
test "$("$IPCX" ls pshm --holders -o holders --no-headings)" = "$holder(python3):fd,$holder(python3):mapped"
lsfd -Q 'NAME =~ "/dev/shm/bench"' -o PID,ASSOC -n | grep -q "$holder"
hf holders --runs 20 --warmup 3 "$IPCX ls pshm --holders" "lsfd -Q 'NAME =~ \"/dev/shm/bench\"'"
kill "${sleeps[@]}" "$holder"
INNER

python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
ipcx = os.environ["IPCX"]
def load(name):
    return [(r["command"], r["mean"], r["stddev"]) for r in json.load(open(f"{out}/{name}.json"))["results"]]
def name(command):
    return command.replace(ipcx, "ipcx").replace(out + "/", "")
print("## The operator's view (bench/cases/view.sh)")
print()
print("In a PID namespace of its own, so that only the namespaces and processes made for the "
      "case are seen; hyperfine means. Before timing, the queues each side lists are checked to "
      "be the same (100 namespaces × 100 queues).")
print()
print("| case | command | mean | ratio |")
print("|---|---|---:|---:|")
ratios = {}
for case, title in [("namespaces", "every namespace's queues, 100 × 100"),
                    ("holders", "who holds one POSIX segment, 1,000 processes")]:
    rows = load(case)
    base = rows[1][1]
    for command, mean, sd in rows:
        print(f"| {title} | `{name(command)}` | {mean*1000:.1f} ms ± {sd*1000:.1f} | {mean/base:.2f}× |")
    ratios[case] = rows[0][1] / base
print()
print(f"**Must show:** `ipcx ls -A --json` / the nsenter+lsipc loop = {ratios['namespaces']:.2f} "
      f"and `ipcx ls --holders` / `lsfd` = {ratios['holders']:.2f} (each needs ≤ 0.5).")
PY
