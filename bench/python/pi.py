"""Monte Carlo pi in Python, the ways the Python lesson tried them, timed for
`cargo xtask bench` (which runs this file once per way and reads its output).

    python3 pi.py WAY N WORKERS CHUNKS RUNS WARMUP SEED

WAY is serial, threads, pool, numpy or numba. N samples are cut into CHUNKS
chunks; each chunk draws its points from a generator of its own, seeded from
SEED and the chunk's index, so every way counts the same kind of darts. The
chunks go to WORKERS threads or processes. WARMUP untimed runs come first
(they also compile the numba function and start the pool's processes), then
RUNS timed ones. One line of JSON comes out:
{"way": ..., "times": [seconds, ...], "hits": ...} or {"way": ..., "error": ...}.
"""

import json
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def chunk_size(n, chunks, i):
    return n // chunks + (1 if i < n % chunks else 0)


def hits_python(seed, samples):
    """Plain Python: the loop the lesson's calc_pi runs, as the lesson wrote
    it (uniform draws on [-1, 1] and `**2`), with a generator per chunk."""
    uniform = random.Random(seed).uniform
    inside = 0
    for _ in range(samples):
        x = uniform(-1, 1)
        y = uniform(-1, 1)
        if x**2 + y**2 < 1.0:
            inside += 1
    return inside


def hits_numpy(seed, samples):
    """NumPy: all the chunk's points in two arrays, counted at once."""
    import numpy as np

    gen = np.random.default_rng(seed)
    x = gen.random(samples)
    y = gen.random(samples)
    return int(np.count_nonzero(x * x + y * y < 1.0))


def make_numba():
    """The loop compiled by numba, releasing the GIL while it runs."""
    import numba
    import numpy as np

    @numba.njit(nogil=True)
    def hits_numba(seed, samples):
        # The lesson's calc_pi_nogil, with a seed per chunk (numba keeps one
        # generator per thread).
        random.seed(seed)
        inside = 0
        for _ in range(samples):
            x = random.uniform(-1, 1)
            y = random.uniform(-1, 1)
            if x**2 + y**2 < 1:
                inside += 1
        return inside

    return hits_numba


def main():
    way = sys.argv[1]
    n, workers, chunks, runs, warmup, seed = (int(a) for a in sys.argv[2:8])
    jobs = [(seed + i, chunk_size(n, chunks, i)) for i in range(chunks)]

    pool = None
    if way == "serial":
        def once():
            return sum(hits_python(s, k) for s, k in jobs)
    elif way == "threads":
        executor = ThreadPoolExecutor(max_workers=workers)

        def once():
            return sum(executor.map(lambda job: hits_python(*job), jobs))
    elif way == "pool":
        import multiprocessing

        pool = multiprocessing.Pool(processes=workers)

        def once():
            return sum(pool.starmap(hits_python, jobs))
    elif way == "numpy":
        import numpy  # noqa: F401  (fails here, not in the timing, when missing)

        def once():
            return sum(hits_numpy(s, k) for s, k in jobs)
    elif way == "numba":
        hits_numba = make_numba()
        executor = ThreadPoolExecutor(max_workers=workers)

        def once():
            return sum(executor.map(lambda job: hits_numba(*job), jobs))
    else:
        raise SystemExit(f"unknown way {way!r}")

    for _ in range(warmup):
        once()
    times = []
    hits = 0
    for _ in range(runs):
        start = time.perf_counter()
        hits = once()
        times.append(time.perf_counter() - start)
    if pool is not None:
        pool.close()
        pool.join()
    print(json.dumps({"way": way, "times": times, "hits": hits}))


if __name__ == "__main__":
    try:
        main()
    except ImportError as e:
        print(json.dumps({"way": sys.argv[1], "error": f"cannot import {e.name}"}))
