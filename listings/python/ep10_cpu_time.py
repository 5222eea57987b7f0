"""Episode 10, "CPU time and wall time": the same work on two threads and on
two processes, with the CPU time (user, sys) and the wall time of each.

    python3 listings/python/ep10_cpu_time.py            # all three modes
    time python3 listings/python/ep10_cpu_time.py threads

With the GIL, two threads take turns: user time is about the wall time.
Two processes each have a GIL of their own: user time is about twice the
wall time (on a machine with two free cores).
"""
import os
import random
import resource
import sys
import threading
import time
from multiprocessing import Process

POINTS = 5_000_000  # per worker


def count_inside(seed, points):
    rng = random.Random(seed)
    inside = 0
    for _ in range(points):
        x = rng.uniform(-1, 1)
        y = rng.uniform(-1, 1)
        if x * x + y * y < 1.0:
            inside += 1
    return inside


# ANCHOR: run
def cpu_seconds():
    """User and system time of this process and of its waited-for children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + kids.ru_utime, me.ru_stime + kids.ru_stime


def run(mode):
    if mode == "one":
        workers = [threading.Thread(target=count_inside, args=(0, POINTS))]
    elif mode == "threads":
        workers = [threading.Thread(target=count_inside, args=(i, POINTS)) for i in range(2)]
    else:
        workers = [Process(target=count_inside, args=(i, POINTS)) for i in range(2)]
    user0, sys0 = cpu_seconds()
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.perf_counter() - start
    user1, sys1 = cpu_seconds()
    user = user1 - user0
    print(f"| Python, {mode:<9} | {len(workers)} x {POINTS:,} | {user:5.2f} | {sys1 - sys0:4.2f} "
          f"| {wall:5.2f} | {user / wall:4.2f} |")
# ANCHOR_END: run


if __name__ == "__main__":
    modes = sys.argv[1:] or ["one", "threads", "processes"]
    # Other programs busy on the cores change the picture: say how busy.
    print(f"load average before: {os.getloadavg()[0]:.2f}, cores: {len(os.sched_getaffinity(0))}\n")
    print("| what | points | user (s) | sys (s) | wall (s) | user / wall |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for mode in modes:
        run(mode)
