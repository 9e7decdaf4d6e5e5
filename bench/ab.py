#!/usr/bin/env python3
"""Interleaved A/B timing of whole commands, for a machine whose speed drifts.

    bench/ab.py RUNS NAME COMMAND [NAME COMMAND ...]

Each round runs every command once, in alternating order (A B C, C B A, ...), so that a slow phase
of the machine hits all of them alike; three warm-up rounds are not counted. Prints a Markdown table:
the median wall time of each command, its ratio to the first one's median, and the median of its
per-round differences to the first one (steadier than the difference of the medians). Commands run
through /bin/sh, so `VAR=value command` works; output is discarded.
"""
import statistics
import subprocess
import sys
import time

WARM_UP_ROUNDS = 3


def main(argv):
    if len(argv) < 4 or len(argv) % 2 != 0:
        sys.exit(__doc__)
    runs = int(argv[1])
    names, commands = argv[2::2], argv[3::2]
    times = [[] for _ in commands]
    for round_ in range(WARM_UP_ROUNDS + runs):
        order = range(len(commands)) if round_ % 2 == 0 else reversed(range(len(commands)))
        for i in order:
            start = time.perf_counter()
            subprocess.run(commands[i], shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=False)
            if round_ >= WARM_UP_ROUNDS:
                times[i].append((time.perf_counter() - start) * 1000)
    first = statistics.median(times[0])
    print("| command | median | x first | paired difference |")
    print("|---|---:|---:|---:|")
    for name, t in zip(names, times):
        paired = statistics.median(b - a for a, b in zip(times[0], t))
        print("| %s | %.0f ms | %.1fx | %+.0f ms |" % (name, statistics.median(t), statistics.median(t) / first, paired))


if __name__ == "__main__":
    main(sys.argv)
