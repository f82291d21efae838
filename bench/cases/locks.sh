#!/usr/bin/env bash
# File locks:
#  - `ipcx lock FILE -- true` against `flock FILE true` (util-linux), both orders;
#  - `ipcx ls locks` against `lslocks` with 10,000 disjoint POSIX ranges held on one file by
#    one process (bench/c/ranges.c), after checking that both name the same locks.
set -euo pipefail
: "${IPCX:?run through bench/run}" "${BENCH_OUT:?}"
out="$BENCH_OUT/locks"
mkdir -p "$out"
gcc -O2 -o "$out/ranges" "$(dirname "$0")/../c/ranges.c"
hf() { hyperfine --style none --export-json "$out/$1.json" "${@:2}" >/dev/null 2>&1; }

lock="$out/lockfile"; : > "$lock"
cmd_ipcx="$IPCX lock $lock -- true"; cmd_flock="flock $lock true"
hf lock_cmd -N --runs 300 --warmup 30 "$cmd_ipcx" "$cmd_flock"
hf lock_cmd_rev -N --runs 300 --warmup 30 "$cmd_flock" "$cmd_ipcx"

ranges="$out/ranges.file"; rm -f "$ranges"
coproc HOLDER { exec "$out/ranges" "$ranges" 10000; }
read -r ready <&"${HOLDER[0]}"
[ "$ready" = ready ] || { echo "locks: the holder did not start" >&2; exit 1; }
pid=$HOLDER_PID
trap 'kill $pid 2>/dev/null || true' EXIT
# The same locks first: the holder's, as both list them (lslocks in reverse order).
"$IPCX" ls locks --pid "$pid" --raw --no-headings -o pid,type,mode,start,end,path | sort > "$out/ours.txt"
lslocks --pid "$pid" --raw --noheadings -o PID,TYPE,MODE,START,END,PATH | sort > "$out/theirs.txt"
cmp -s "$out/ours.txt" "$out/theirs.txt" || { echo "locks: ipcx ls locks and lslocks differ" >&2; diff "$out/ours.txt" "$out/theirs.txt" | head >&2; exit 1; }
listed=$(wc -l < "$out/ours.txt")
[ "$listed" -eq 10000 ] || { echo "locks: $listed locks listed, not 10000" >&2; exit 1; }
hf ls_locks -N --runs 10 --warmup 2 --output=null "$IPCX ls locks" "lslocks"
hf ls_locks_rev -N --runs 10 --warmup 2 --output=null "lslocks" "$IPCX ls locks"
kill "$pid"; wait "$pid" 2>/dev/null || true
trap - EXIT

python3 - "$out" "$listed" <<'PY'
import json, os, sys
out, listed = sys.argv[1], sys.argv[2]
ipcx = os.environ["IPCX"]
def load(name):
    return [(r["command"], r["mean"], r["stddev"]) for r in json.load(open(f"{out}/{name}.json"))["results"]]
def name(command):
    return command.replace(ipcx, "ipcx").replace(out + "/", "").replace(out, "")
print("## File locks (bench/cases/locks.sh)")
print()
print("hyperfine means, each comparison run in both orders and averaged (the machine's load "
      "drifts). `ls locks` is measured with one process (bench/c/ranges.c) holding 10,000 "
      f"disjoint POSIX ranges of one file; before timing, `ipcx ls locks --pid` and `lslocks --pid` "
      f"were checked to name the same {listed} locks (pid, type, mode, start, end, path).")
print()
print("| case | command | mean (both orders) | ratio |")
print("|---|---|---:|---:|")
ratios = {}
for case, title in [("lock_cmd", "run `true` holding the lock"), ("ls_locks", "list 10,000 locks")]:
    first, second = load(case), load(case + "_rev")
    means = {}
    for command, mean, sd in first + second:
        means.setdefault(command, []).append((mean, sd))
    ipcx_cmd, other = first[0][0], first[1][0]
    avg = {c: sum(m for m, _ in v) / len(v) for c, v in means.items()}
    for command in (ipcx_cmd, other):
        runs = " / ".join(f"{m*1000:.2f} ± {sd*1000:.2f}" for m, sd in means[command])
        print(f"| {title} | `{name(command)}` | {avg[command]*1000:.2f} ms ({runs}) | {avg[command]/avg[other]:.2f}× |")
    ratios[case] = avg[ipcx_cmd] / avg[other]
print()
print(f"**Must show:** `ipcx lock FILE -- true` / `flock FILE true` = {ratios['lock_cmd']:.2f} (needs ≤ 1.0); "
      f"`ipcx ls locks` / `lslocks` with 10,000 locks = {ratios['ls_locks']:.2f} (needs ≤ 0.5).")
print()
print("`ipcx lock -- CMD` takes the lock and execs CMD in its own process (the open file, and "
      "with it the lock, passes to CMD), where flock(1) forks and waits. `ipcx ls locks` reads "
      "each holder's /proc/PID/fd once and resolves each file once; lslocks looks through the "
      "holder's descriptors again for every lock.")
PY
