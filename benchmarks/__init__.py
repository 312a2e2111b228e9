"""vmscreen's benchmarks: labelled sets, the runner, side-by-side baselines, recorded results."""
