"""python -m benchmarks run [SET ...]: screen labelled sets and write results.

Sets: ``synthetic`` (built from a fixed seed into benchmarks/.cache), ``real`` (read in place
from ../shared/datasets/real, skipped with a message when absent), ``private`` (the private-place
photos of ../shared/datasets/private, likewise), ``art`` (nude and clothed artworks and
clothed-people photos of ../shared/datasets/art, likewise; its report adds nudity recall, clothed
images flagged and artworks taken for people), ``public`` (sample photos from scikit-image and
Debian's opencv-doc). Results go to benchmarks/results/SET.json and
SET.md; ``--update-readme`` copies the tables of every set in the results folder into README.md
between its benchmark markers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from benchmarks import report as reporting
from benchmarks.labels import read_labels
from benchmarks.runner import LabelledSet, benchmark

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
RESULTS = HERE / "results"
README = HERE.parent / "README.md"
SETS = ("synthetic", "real", "private", "art", "public")


def _synthetic(scale: float, seed: int) -> LabelledSet:
    from benchmarks.sets import synthetic

    sources = sorted((HERE / "sets").glob("synthetic*.py"))
    stamp = hashlib.sha256(
        b"".join(p.read_bytes() for p in sources) + f"{seed}:{scale}".encode()
    ).hexdigest()[:16]
    root = CACHE / f"synthetic-{stamp}"
    if not (root / "labels.csv").exists():
        print(f"building the synthetic set (seed {seed}, scale {scale}) in {root}", file=sys.stderr)
        synthetic.build(root, seed=seed, scale=scale)
    return LabelledSet("synthetic", root, tuple(read_labels(root / "labels.csv")))


def load_set(name: str, scale: float, seed: int) -> LabelledSet:
    if name == "synthetic":
        return _synthetic(scale, seed)
    if name == "real":
        from benchmarks.sets import real

        return LabelledSet("real", real.DEFAULT_ROOT, tuple(real.load()))
    if name == "private":
        from benchmarks.sets import private

        return LabelledSet("private", private.DEFAULT_ROOT, tuple(private.load()))
    if name == "art":
        from benchmarks.sets import art

        return LabelledSet("art", art.DEFAULT_ROOT, tuple(art.load()))
    if name == "public":
        from benchmarks.sets import public

        root, labels = public.fetch(CACHE / "public")
        return LabelledSet("public", root, tuple(labels))
    raise ValueError(f"unknown set {name!r}; choose from {', '.join(SETS)}")


def _baselines(wanted: bool) -> list:
    if not wanted:
        return []
    from benchmarks.baselines import available_baselines

    return list(available_baselines())


def _readme_from(results: Path) -> int:
    """Every set's tables, rendered again from its recorded JSON (so a change to the tables'
    layout reaches results already recorded), written beside it and into the README."""
    sections = []
    for name in SETS:
        recorded = results / f"{name}.json"
        if recorded.exists():
            text = reporting.markdown(json.loads(recorded.read_text()))
            (results / f"{name}.md").write_text(text)
            sections.append(text)
    if not sections:
        print(f"no results in {results}: run `python -m benchmarks run` first", file=sys.stderr)
        return 1
    reporting.update_readme(README, "\n".join(sections))
    print(f"updated {README}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="screen sets and write results")
    run.add_argument("sets", nargs="*", default=list(SETS), metavar="SET",
                     help=f"one or more of {', '.join(SETS)} (default: all)")
    run.add_argument("--scale", type=float, default=1.0, help="synthetic set size factor")
    run.add_argument("--seed", type=int, default=20261122, help="synthetic set seed")
    run.add_argument("--no-baselines", action="store_true", help="skip the side-by-side tools")
    run.add_argument("--no-throughput", action="store_true", help="skip the 1/2 worker runs")
    run.add_argument("--results", type=Path, default=RESULTS, help="where to write results")
    run.add_argument("--update-readme", action="store_true",
                     help="copy the tables of every set in the results folder into README.md")
    sub.add_parser("readme", help="copy the recorded results tables into README.md")
    args = parser.parse_args(argv)
    if args.command == "readme":
        return _readme_from(RESULTS)

    unknown = set(args.sets) - set(SETS)
    if unknown:
        parser.error(f"unknown set(s) {', '.join(sorted(unknown))}; choose from {', '.join(SETS)}")
    baselines = _baselines(not args.no_baselines)
    args.results.mkdir(parents=True, exist_ok=True)
    sections = []
    for name in args.sets:
        try:
            labelled = load_set(name, args.scale, args.seed)
        except FileNotFoundError as exc:
            print(f"skipped {name}: {exc}", file=sys.stderr)
            continue
        print(f"screening {name}: {len(labelled.labels)} files", file=sys.stderr)
        result = benchmark(labelled, baselines=baselines, with_throughput=not args.no_throughput)
        (args.results / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
        text = reporting.markdown(result)
        (args.results / f"{name}.md").write_text(text)
        sections.append(text)
        print(text)
    if not sections:
        return 1
    # The README shows every set's latest results, also those of sets not run this time.
    return _readme_from(args.results) if args.update_readme else 0


if __name__ == "__main__":
    sys.exit(main())
