"""What bench/cases/msg.sh and bench/cases/posix.sh share: the two message sizes, the
interleaved runs of a C baseline and ipcx, and the table of medians with their verdicts."""
import statistics


def cases(out, queue):
    """(name, message size, count, shell source with {send}, source as shown) of each case."""
    return [
        ("8 B", 8, 1_000_000, "seq 10000000 10999999 | {send}",
         f"seq 10000000 10999999 \\| ipcx msg send {queue}"),
        ("1 KiB", 1024, 200_000, "{send} < " + out + "/lines1k",
         f"ipcx msg send {queue} < lines1k"),
    ]


def measure(all_cases, baseline, ipcx_run, runs):
    """Runs baseline(size, count) and ipcx_run(source, count) in turn, `runs` times each, so
    both see the same machine; returns each case's medians and every run."""
    results = {}
    for name, size, count, source, shown in all_cases:
        base, ours = [], []
        for _ in range(runs):
            base.append(baseline(size, count))
            ours.append(ipcx_run(source, count))
        results[name] = (size, count, shown, statistics.median(base), statistics.median(ours),
                         base, ours)
    return results


def table(results, targets):
    """Prints the table of medians and the must-show line; `targets` maps a case to its
    least ratio."""
    print("| size | messages | C baseline (msgs/s) | ipcx (msgs/s) | ratio | target |")
    print("|---|---:|---:|---:|---:|---:|")
    verdicts = []
    for name, (size, count, shown, base, ours, _, _) in results.items():
        ratio = ours / base
        target = targets[name]
        met = ratio >= target
        verdicts.append(f"{name}: {ratio:.2f}× ({'met' if met else 'NOT met'}, needs ≥ {target})")
        print(f"| {name} (`{shown}`) | {count:,} | {base:,.0f} | {ours:,.0f} | {ratio:.2f}× | ≥ {target}× |")
    print()
    print("**Must show:** " + "; ".join(verdicts) + ".")


def runs(results):
    """Prints every run behind the medians."""
    for name, (size, count, shown, base, ours, base_runs, our_runs) in results.items():
        fmt = lambda values: ", ".join(f"{v/1000:.0f}k" for v in values)
        print(f"- {name}: baseline {fmt(base_runs)}; ipcx {fmt(our_runs)} msgs/s")
