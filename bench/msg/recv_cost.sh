#!/usr/bin/env bash
# What writing each message before taking the next costs a receiver, against an ipcx that
# batched its output (64 KiB per write(2)): both take N 8-byte messages from a prefilled
# System V queue, into /dev/null and into a pipe, alternately, in a private IPC namespace.
#
#   bench/msg/recv_cost.sh OLD_IPCX NEW_IPCX [N]
#
# (OLD_IPCX: a release build of a version before the change, e.g. git worktree add /tmp/old
# 45e530b && cargo build --release there.) Prints messages per second of each run.
set -euo pipefail
old=$1 new=$2 n=${3:-500000}
exec unshare --ipc bash -s "$old" "$new" "$n" <<'SH'
set -euo pipefail
old=$1 new=$2 n=$3
echo 200000000 > /proc/sys/kernel/msgmnb
rate() { echo "$n / ($2 - $1)" | bc; }
for round in 1 2 3; do
  for which in old new; do
    bin=${!which}
    seq 10000000 $((10000000 + n - 1)) | "$bin" msg send 0x10 --create
    a=$(date +%s.%N); "$bin" msg recv 0x10 -n "$n" > /dev/null; b=$(date +%s.%N)
    seq 10000000 $((10000000 + n - 1)) | "$bin" msg send 0x10
    c=$(date +%s.%N); "$bin" msg recv 0x10 -n "$n" | cat > /dev/null; d=$(date +%s.%N)
    echo "round $round $which: to /dev/null $(rate "$a" "$b") msgs/s, to a pipe $(rate "$c" "$d") msgs/s"
  done
done
SH
