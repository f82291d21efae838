#!/usr/bin/env bash
# POSIX message queues: `seq | ipcx msg send /q` drained by `ipcx msg recv /q -n N > /dev/null`
# against a raw C baseline (bench/baselines/mq_raw.c: mq_send in a loop in one process,
# mq_receive in a loop in a forked one), at 8-byte and 1 KiB messages, in a fresh private
# IPC and mount namespace with its own mqueue mount (so both run with the kernel's default
# queue attributes: 10 messages of at most 8192 bytes).
set -euo pipefail
: "${IPCX:?run through bench/run}" "${BENCH_OUT:?}"
out="$BENCH_OUT/posix"
mkdir -p "$out"
gcc -O2 -o "$out/mq_raw" "$(dirname "$0")/../baselines/mq_raw.c" -lrt
[ -s "$out/lines1k" ] || python3 -c "
import sys
sys.stdout.buffer.write((b'x' * 1024 + b'\n') * 200000)" > "$out/lines1k"

unshare --ipc --mount python3 - "$IPCX" "$out" <<'PY'
import json, os, subprocess, sys, time
sys.path.insert(0, os.environ["BENCH_LIB"])
import queues
ipcx, out = sys.argv[1], sys.argv[2]
RUNS = 5
Q = "/bench"
subprocess.run(["mount", "-t", "mqueue", "none", "/dev/mqueue"], check=True)

def settings():
    read = lambda name: open(f"/proc/sys/fs/mqueue/{name}").read().strip()
    return {"msg_default": read("msg_default"), "msgsize_default": read("msgsize_default")}

def fresh():
    subprocess.run([ipcx, "rm", "mq", Q], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([ipcx, "msg", "send", Q, "--create", "--raw"], stdin=subprocess.DEVNULL, check=True)
    subprocess.run([ipcx, "msg", "recv", Q], stdout=subprocess.DEVNULL, check=True)

def baseline(size, count):
    fresh()
    start = time.perf_counter()
    subprocess.run([f"{out}/mq_raw", Q, str(count), str(size)], check=True)
    return count / (time.perf_counter() - start)

def ipcx_run(source, count):
    fresh()
    start = time.perf_counter()
    receiver = subprocess.Popen([ipcx, "msg", "recv", Q, "-n", str(count)], stdout=subprocess.DEVNULL)
    subprocess.run(["bash", "-c", source.format(send=f"{ipcx} msg send {Q}")], check=True)
    if receiver.wait() != 0:
        raise SystemExit("bench: the receiver failed")
    return count / (time.perf_counter() - start)

results = queues.measure(queues.cases(out, "/q"), baseline, ipcx_run, RUNS)
json.dump({"settings": settings(), "results": results}, open(f"{out}/posix.json", "w"))
PY

python3 - "$out" <<'PY'
import json, os, sys
sys.path.insert(0, os.environ["BENCH_LIB"])
import queues
data = json.load(open(f"{sys.argv[1]}/posix.json"))
s = data["settings"]
print("## POSIX message queues (bench/cases/posix.sh)")
print()
print("Messages per second through one POSIX queue, sender and receiver in two processes, "
      f"median of 5 interleaved runs, in a fresh IPC and mount namespace with the kernel's "
      f"default attributes (mq_maxmsg {s['msg_default']}, mq_msgsize {s['msgsize_default']}) "
      "for both. The baseline is bench/baselines/mq_raw.c: mq_send in a loop in one process, "
      "mq_receive in a loop in a forked one. ipcx is `... | ipcx msg send /q` with "
      "`ipcx msg recv /q -n N > /dev/null` started just before it; both are timed from "
      "start to exit, process start-up included.")
print()
queues.table(data["results"], {"8 B": 0.6, "1 KiB": 0.6})
print()
print("ipcx makes one mq_send or mq_receive per message, like the baseline; it adds per "
      "message the split of its input into lines (the sender reads stdin, which the baseline "
      "does not have) and, receiving, one write(2) of each message before the next is taken "
      "(bench/msg/recv_cost.sh measures its cost). A queue of 10 messages makes sender and "
      "receiver hand over the CPU often, in both programs alike. The runs behind the medians:")
print()
queues.runs(data["results"])
PY
