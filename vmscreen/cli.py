"""The command line: vmscreen scan | redact | report | serve | codes | explain | policy | models |
detectors | bank | zones.

Exit codes follow linters: 0 every file accepted, 1 some file needs review or is rejected,
2 a usage or set-up error (bad option, unreadable policy or zones file, missing path, nothing
to screen), always with a one-line message; 130 when Ctrl-C stopped the run, after writing
what was finished and a summary of it. For ``redact``: 0 every file copied with everything
covered, 1 some file not copied or some copy holding what no region could cover.
"""

from __future__ import annotations

import contextlib
import os
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, NoReturn, TextIO, TypeVar

import click
from tqdm import tqdm

from vmscreen._version import __version__
from vmscreen.analyses.banks import BankError
from vmscreen.analyses.faces import FACE_MODELS
from vmscreen.analyses.ocr import ENGINES, tesseract_available
from vmscreen.engine.banks import add_to_bank, list_banks, remove_bank
from vmscreen.engine.batch import (
    BatchSettings,
    input_holding,
    iter_files,
    path_key,
    read_finished,
    real_path,
    redact_files,
    screen_files,
)
from vmscreen.engine.copies import CopyPlanError, plan_copies
from vmscreen.engine.redaction import Redaction
from vmscreen.engine.registry import catalogue, discover
from vmscreen.findings import Category, Cover
from vmscreen.hashing import HashKeyError, keyed_hash
from vmscreen.media import Limits, Sampling
from vmscreen.models import MANIFEST, NUDENET, ModelError
from vmscreen.policy import Decision, PolicyError, default_policy, default_policy_text, load_policy
from vmscreen.report import FORMATS, json_document, jsonl_line, printable, summary, table
from vmscreen.result import Result
from vmscreen.rules.osm_tags import KINDS as OSM_KINDS
from vmscreen.zones import ZoneError, load_zones

EXIT_ACCEPTED, EXIT_FLAGGED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
Command = TypeVar("Command", bound=Callable[..., Any])


def _fail(message: str) -> NoReturn:
    click.echo(f"vmscreen: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vmscreen")
def main() -> None:
    """Screen photos, videos and audio before they are uploaded to a data collection."""


def _settings(paths: tuple[Path, ...], policy_path: Path | None, zones_path: Path | None,
              ocr: str, face_model: str, max_frames: int, max_seconds: float,
              sample_every: float, banks: Path | None = None) -> BatchSettings:
    """The checked set-up a batch runs with; any problem is a usage error (exit 2)."""
    missing = [printable(str(p)) for p in paths if not os.path.lexists(p)]
    if missing:
        _fail(f"no such file or directory: {', '.join(missing)}")
    try:
        policy = load_policy(policy_path) if policy_path else default_policy()
        zones = load_zones(zones_path) if zones_path else ()
    except (PolicyError, ZoneError) as exc:
        _fail(printable(str(exc)))
    try:
        # Read the hash key now: a malformed one is a set-up error, not UNS004 on every file.
        keyed_hash("")
    except HashKeyError as exc:
        _fail(str(exc))
    if ocr == "tesseract" and not tesseract_available():
        _fail("--ocr tesseract needs the tesseract binary (apt-get install tesseract-ocr)")
    limits = Limits(max_screened_frames=max_frames, max_seconds=max_seconds)
    usual = Sampling()
    sampling = Sampling(interval=sample_every, min_gap=min(usual.min_gap, sample_every),
                        refresh=max(usual.refresh, sample_every))
    if banks is not None and not banks.is_dir():
        _fail(f"--banks {printable(str(banks))}: no such directory (vmscreen bank add makes it)")
    return BatchSettings(policy=policy, zones=tuple(zones), limits=limits, ocr=ocr,
                         faces=face_model, sampling=sampling, banks=banks)


def _banks_option(help_text: str, required: bool) -> Callable[[Command], Command]:
    return click.option("--banks", "banks", envvar="VMSCREEN_BANKS", required=required,
                        type=click.Path(file_okay=False, path_type=Path), help=help_text)


def _batch_options(policy_help: str) -> Callable[[Command], Command]:
    """The options scan and redact share: workers, policy, zones, engines, progress bar."""
    options = (
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Worker processes. [default: all cores]"),
        click.option("--policy", "policy_path", type=click.Path(dir_okay=False, path_type=Path),
                     help=policy_help),
        click.option("--zones", "zones_path", type=click.Path(dir_okay=False, path_type=Path),
                     help="A GeoJSON file of restricted zones, added to the policy's own."),
        click.option("--ocr", type=click.Choice(ENGINES), default="ppocr", show_default=True,
                     help="OCR engine: PP-OCRv6 (bundled) or Tesseract (needs tesseract-ocr; "
                          "it reads photographed documents far less well and missed two of "
                          "the three document samples)."),
        click.option("--faces", "face_model", type=click.Choice(FACE_MODELS), default="yunet",
                     show_default=True,
                     help="Face model: YuNet, or YuNet with CenterFace as a second opinion "
                          "(finds more faces, costs more)."),
        click.option("--max-frames", type=click.IntRange(min=1),
                     default=Limits().max_screened_frames, show_default=True,
                     help="Frames (animation frames, pages, pictures) screened per file; those "
                          "beyond are reported as not screened (UNS007)."),
        click.option("--sample-every", type=click.FloatRange(min=0.04), metavar="SECONDS",
                     default=Sampling().interval, show_default=True,
                     help="A video's steady sampling interval: a frame at least this often, "
                          "and every cut or large change in between."),
        click.option("--max-seconds", type=click.FloatRange(min=0, min_open=True),
                     default=Limits().max_seconds, show_default=True,
                     help="A file's time budget; past it the file is stopped (UNS008)."),
        click.option("--progress/--no-progress", default=None,
                     help="Progress bar on stderr. [default: when stderr is a terminal]"),
        _banks_option("Reference banks to match every picture and sound against (vmscreen "
                      "bank add). [default: $VMSCREEN_BANKS, else none]", required=False),
    )

    def apply(command: Command) -> Command:
        for option in reversed(options):
            command = option(command)
        return command

    return apply


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl: an object per file as it ends; json: one array; table: a row a file.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write results here instead of stdout (a file outside the inputs).")
@click.option("--resume", is_flag=True,
              help="Continue an interrupted jsonl run: skip the files already in --output FILE.")
@click.option("--engine", type=click.Choice(("local", "ray")), default="local",
              show_default=True,
              help="local: worker processes on this machine; ray: actors on a Ray cluster (the "
                   "ray extra), --jobs of them.")
@click.option("--address", metavar="ADDR",
              help="With --engine ray: the cluster to join ('auto', 'ray://head:10001'). "
                   "[default: start a local Ray instance]")
@_batch_options("A TOML policy file. [default: the built-in policy]")
def scan(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    engine: str,
    address: str | None,
    jobs: int | None,
    policy_path: Path | None,
    zones_path: Path | None,
    resume: bool,
    ocr: str,
    face_model: str,
    max_frames: int,
    sample_every: float,
    max_seconds: float,
    progress: bool | None,
    banks: Path | None,
) -> None:
    """Screen files and directories (recursively) and write one result per file."""
    if resume and (output is None or fmt != "jsonl"):
        _fail("--resume needs --format jsonl and --output FILE")
    if address is not None and engine != "ray":
        _fail("--address needs --engine ray")
    settings = _settings(paths, policy_path, zones_path, ocr, face_model, max_frames,
                         max_seconds, sample_every, banks=banks)
    screen: Callable[[list[Path], int], Iterator[Result]]
    if engine == "ray":
        try:
            from vmscreen.ray import screen_paths
        except ImportError as exc:
            _fail(f"--engine ray needs the ray extra: pip install 'vmscreen[ray]' ({exc})")
        screen = lambda todo, jobs: screen_paths(  # noqa: E731
            todo, settings, address=address, actors=jobs)
    else:
        screen = lambda todo, jobs: screen_files(todo, settings, jobs)  # noqa: E731

    holder = input_holding(output, paths) if output is not None else None
    if holder is not None:
        _fail(f"--output {printable(str(output))} is, or lies inside, the input "
              f"{printable(str(holder))}: no command writes over or among what it screens; "
              "choose a file outside it")
    files = list(iter_files(paths))
    if not files:
        _fail(f"no files to screen in {', '.join(printable(str(p)) for p in paths)}")
    wanted = {path_key(f) for f in files}
    # Results already in the output for files of this run (a resumed file may hold others).
    previous = [r for r in read_finished(output) if path_key(r.path) in wanted] if (
        resume and output) else []
    done = {path_key(r.path) for r in previous}
    todo = [f for f in files if path_key(f) not in done]

    start = time.perf_counter()
    results, interrupted = _run(todo, screen, jobs or os.cpu_count() or 1, fmt, output,
                                resume, progress)
    elapsed = time.perf_counter() - start

    everything = previous + results
    if resume and previous:
        click.echo(f"resumed: {len(results)} screened now, {len(previous)} already done",
                   err=True)
    click.echo(summary(everything, elapsed, len(files) if interrupted else None), err=True,
               nl=False)
    if interrupted:
        sys.exit(EXIT_INTERRUPTED)
    flagged = any(r.decision is not Decision.ACCEPT for r in everything)
    sys.exit(EXIT_FLAGGED if flagged else EXIT_ACCEPTED)


def _run(
    todo: list[Path],
    screen: Callable[[list[Path], int], Iterator[Result]],
    jobs: int,
    fmt: str,
    output: Path | None,
    append: bool,
    progress: bool | None,
) -> tuple[list[Result], bool]:
    """Screen ``todo`` with ``screen`` (given the files and how many workers) and write the
    results; and whether Ctrl-C stopped it first (what was finished by then is written all
    the same)."""
    where = printable(str(output)) if output else "standard output"
    try:
        sink: TextIO = (output.open("a" if append else "w", encoding="utf-8") if output
                        else sys.stdout)
    except OSError as exc:
        _fail(f"cannot write the results to {where}: {exc.strerror or exc}")
    show = sys.stderr.isatty() if progress is None else progress
    results: list[Result] = []
    interrupted = False
    try:
        with tqdm(total=len(todo), unit="file", disable=not show, file=sys.stderr,
                  dynamic_ncols=True) as bar, closing(
                screen(todo, min(jobs, max(1, len(todo))))) as answers:
            try:
                for result in answers:
                    results.append(result)
                    if fmt == "jsonl":
                        _write(sink, jsonl_line(result), where, len(results) - 1)
                    bar.update(1)
            except KeyboardInterrupt:
                interrupted = True
        results.sort(key=lambda r: r.path)
        if fmt == "json":
            _write(sink, json_document(results), where, 0)
        elif fmt == "table":
            _write(sink, table(results), where, 0)
    finally:
        if output:
            with contextlib.suppress(OSError):  # what could not be written is reported
                sink.close()
    return results, interrupted


def _write(sink: TextIO, text: str, where: str, written: int) -> None:
    """Write and flush (each JSON line is durable, so --resume can pick up from it); a full
    disk or a closed pipe stops the run (its workers with it) with one line, not a traceback."""
    try:
        sink.write(text)
        sink.flush()
    except OSError as exc:
        if sink is sys.stdout:  # nothing more may reach it, not even at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        kept = (f"; the first {written} results were written, and --resume goes on after them"
                if written and sink is not sys.stdout else "")
        _fail(f"cannot write the results to {where}: {exc.strerror or exc}{kept}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the sanitised copies and their records (created if missing; "
                   "outside the inputs; no file in it is ever replaced).")
@click.option("--fill", is_flag=True,
              help="Fill every region with black, faces too. [default: faces and people are "
                   "blurred, text and documents filled]")
@_batch_options("A TOML policy file: what it does not accept is covered.")
def redact(
    paths: tuple[Path, ...],
    output: Path,
    fill: bool,
    jobs: int | None,
    policy_path: Path | None,
    zones_path: Path | None,
    ocr: str,
    face_model: str,
    max_frames: int,
    sample_every: float,
    max_seconds: float,
    progress: bool | None,
    banks: Path | None,
) -> None:
    """Write sanitised copies: faces blurred, card numbers, MRZs, document text and the other
    findings the policy does not accept filled, metadata stripped, each with a record of what
    the original held and what was removed. Originals are only read; a file that could not be
    screened completely is not copied. Exit 1 when a file was not copied or a copy still holds
    something no region could cover."""
    if output.exists() and not output.is_dir():
        _fail(f"--output {printable(str(output))} is not a folder")
    settings = _settings(paths, policy_path, zones_path, ocr, face_model, max_frames,
                         max_seconds, sample_every, banks=banks)
    try:
        pairs = plan_copies(paths, output)
    except CopyPlanError as exc:
        _fail(printable(str(exc)))
    if not pairs:
        _fail(f"no files to copy in {', '.join(printable(str(p)) for p in paths)}")

    start = time.perf_counter()
    show = sys.stderr.isatty() if progress is None else progress
    done: list[Redaction] = []
    interrupted = False
    jobs_used = min(jobs or os.cpu_count() or 1, max(1, len(pairs)))
    with tqdm(total=len(pairs), unit="file", disable=not show, file=sys.stderr,
              dynamic_ncols=True) as bar, closing(
            redact_files(pairs, settings, jobs_used, fill=fill)) as answers:
        try:
            for redaction in answers:
                done.append(redaction)
                bar.update(1)
        except KeyboardInterrupt:
            interrupted = True
    done.sort(key=lambda r: r.path)
    width = max((len(",".join(r.codes)) for r in done), default=0)
    for r in done:
        if r.written:
            still = f"  (not coverable: {','.join(r.uncovered)})" if r.uncovered else ""
            if r.sound == "dropped":
                still += f"  (sound dropped: {','.join(r.sound_codes)})"
            click.echo(f"copied   {','.join(r.codes) or '-':<{width}}  {printable(r.path)} -> "
                       f"{printable(str(r.output))}{still}")
        else:
            click.echo(f"skipped  {r.skipped}  {printable(r.path)}")
    copied = [r for r in done if r.written]
    partial = [r for r in copied if r.uncovered]
    of = f" (interrupted after {len(done)} of {len(pairs)})" if interrupted else ""
    click.echo(f"copied {len(copied)} of {len(done)} files{of} to {printable(str(output))} in "
               f"{time.perf_counter() - start:.1f} s, {sum(r.regions for r in copied)} "
               f"regions covered, metadata stripped, a record beside each copy"
               + (f"; {len(partial)} copies hold what no region could cover" if partial
                  else ""), err=True)
    if interrupted:
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_FLAGGED if len(copied) < len(done) or partial else EXIT_ACCEPTED)


@main.command()
@click.option("--category", type=click.Choice([c.value for c in Category]),
              help="Only codes of this category.")
def codes(category: str | None) -> None:
    """List every finding code: code, name, category, summary."""
    infos = [i for i in catalogue().values() if not category or i.category.value == category]
    width = max((len(i.name) for i in infos), default=0)
    for info in infos:
        click.echo(f"{info.code}  {info.name:<{width}} {info.category.value:<15} {info.summary}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain what a finding code means and why it matters."""
    entries = catalogue()
    info = entries.get(code.upper())
    if info is None:
        _fail(f"unknown code {code!r}; `vmscreen codes` lists them")
    decision, rule, remedy = default_policy().outcome_of_code(info)
    when = "always" if info.cover_accepted else "when the policy does not accept it"
    copy = {Cover.BLUR: f"its box is blurred, {when}", Cover.FILL: f"its box is filled with "
            f"black, {when}", Cover.NONE: "its box is not covered: covering it would not take "
            "the concern away, so the copy is listed as holding it"}[info.cover]
    lines = [
        f"{info.code} {info.name} ({info.category.value})",
        "",
        info.summary,
        "",
        textwrap.fill(info.explanation, width=88),
        "",
        f"Default policy at score 1.0: {decision.value} (rule: {rule})"
        + (f", remedy: {remedy}" if remedy else ""),
        f"In a sanitised copy (vmscreen redact), {copy}.",
    ]
    click.echo("\n".join(lines))


@main.command()
@click.argument("results", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--html", "html_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The page to write (one self-contained file).")
def report(results: Path, html_path: Path) -> None:
    """A page for people from a scan's JSON Lines: the run's summary, a chart of decisions by
    category, filters by decision, category and code, and a row per file with a thumbnail made
    from a redacted copy only. Paths in the results are read as the scan saw them (run it from
    the same folder). The results file is only read."""
    from vmscreen.engine.thumbnails import redacted_thumbnail
    from vmscreen.html_report import html_report, read_results

    if not results.is_file():
        _fail(f"no such results file: {printable(str(results))}")
    if real_path(html_path) == real_path(results):
        _fail("--html would write over the results file")
    try:
        read = read_results(results)
    except OSError as exc:
        _fail(f"cannot read {printable(str(results))}: {exc.strerror or exc}")
    if not read.results:
        _fail(f"no results in {printable(str(results))} (vmscreen scan --format jsonl writes "
              "them)")
    # The screened files are the report's inputs too (their thumbnails are read from them).
    screened = input_holding(html_path, [r.path for r in read.results])
    if screened is not None:
        _fail(f"--html would write over {printable(str(screened))}, a file the results name")
    codes = catalogue()
    page = html_report(read, lambda result: redacted_thumbnail(result, codes), codes,
                       str(results))
    try:
        # A stray lone surrogate (a non-UTF-8 name inside a finding's text) must not stop the
        # page half-written: it is written as its escape.
        html_path.write_bytes(page.encode("utf-8", "backslashreplace"))
    except OSError as exc:
        _fail(f"cannot write {printable(str(html_path))}: {exc.strerror or exc}")
    thumbnails = page.count('class="thumb"')
    click.echo(f"wrote {printable(str(html_path))}: {len(read.results)} files, "
               f"{thumbnails} thumbnails"
               + (f", {read.unreadable} unreadable lines skipped" if read.unreadable else ""),
               err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes, each with its own screener and models.")
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A TOML policy file. [default: the built-in policy]")
@click.option("--zones", "zones_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A GeoJSON file of restricted zones, added to the policy's own.")
@click.option("--api-keys", "keys_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A file of API keys, one a line; with it (or $VMSCREEN_API_KEYS, comma-"
                   "separated) every /v1 and /metrics request needs one.")
@click.option("--concurrency", type=click.IntRange(min=1), default=1, show_default=True,
              help="Files screened at once by each worker.")
@click.option("--queue", type=click.IntRange(min=0), default=32, show_default=True,
              help="Requests that may wait for a screener in each worker; beyond: 429.")
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=0, min_open=True),
              default=120.0, show_default=True, metavar="SECONDS",
              help="Longest wait for a free screener (504 after it), and each file's screening "
                   "budget (past it: not screened, UNS008).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=Limits().max_bytes,
              show_default=True, help="Largest upload; beyond: 413.")
@click.option("--ocr", type=click.Choice(ENGINES), default="ppocr", show_default=True,
              help="OCR engine.")
@click.option("--faces", "face_model", type=click.Choice(FACE_MODELS), default="yunet",
              show_default=True, help="Face model.")
@_banks_option("Reference banks to match every upload against. [default: $VMSCREEN_BANKS, "
               "else none]", required=False)
def serve(host: str, port: int, workers: int, policy_path: Path | None,
          zones_path: Path | None, keys_path: Path | None, concurrency: int, queue: int,
          timeout_s: float, max_bytes: int, ocr: str, face_model: str,
          banks: Path | None) -> None:
    """Serve screening over HTTP: POST /v1/screen and /v1/redact, GET /v1/codes, /v1/policy,
    /healthz, /readyz, /metrics and /openapi.json. Needs the serve extra (pip install
    'vmscreen[serve]')."""
    try:
        from vmscreen.service.keys import ApiKeys, KeyFileError
        from vmscreen.service.run import serve as run_service
        from vmscreen.service.settings import ServiceSettings
    except ImportError as exc:
        _fail(f"vmscreen serve needs the serve extra: pip install 'vmscreen[serve]' ({exc})")
    # The same checks as scan's, so a bad file stops here with exit 2, not in every worker.
    _settings((), policy_path, zones_path, ocr, face_model, Limits().max_screened_frames,
              timeout_s, Sampling().interval, banks=banks)
    try:
        ApiKeys.load(keys_path)
    except KeyFileError as exc:
        _fail(str(exc))
    cores = os.cpu_count() or 1
    settings = ServiceSettings(
        policy=str(policy_path.resolve()) if policy_path else None,
        zones=str(zones_path.resolve()) if zones_path else None,
        banks=str(banks.resolve()) if banks else None,
        api_keys_file=str(keys_path.resolve()) if keys_path else None,
        ocr=ocr, faces=face_model, threads=max(1, cores // (workers * concurrency)),
        concurrency=concurrency,
        queue=queue, timeout_s=timeout_s, max_bytes=max_bytes)
    run_service(settings, host, port, workers)


@main.command("detectors")
def show_detectors() -> None:
    """List the detectors a scan runs (from the vmscreen.detectors entry points): name,
    version, what each run covers, licence and codes; then those left out, and why."""
    found = discover()
    for detector in found.detectors:
        info = detector.info
        codes = ",".join(code.code for code in info.codes) or "-"
        click.echo(f"{info.name:<16} {info.version:<34} {info.scope:<5}  {codes}")
        click.echo(f"{'':<16} {info.licence}")
    for name, why in found.unavailable:
        click.echo(f"{name:<16} left out: {why}")


@main.command("models")
def show_models() -> None:
    """List every model file: where it ships, its licence, and whether the file installed
    here is the one the manifest names (sha256). Exit 2 when a model the default install needs
    is missing or differs."""
    broken = False
    for model in MANIFEST:
        optional = model is NUDENET
        try:
            model.locate()
        except ModelError:
            status = "absent" if optional else "MISSING"
        else:
            try:
                model.verified()
                status = "ok"
            except ModelError:
                status = "CHANGED"
        broken |= status in ("MISSING", "CHANGED")
        extra = "  (optional extra vmscreen[nudenet])" if optional else ""
        click.echo(f"{model.name:<28} {status:<7} {model.sha256[:12]}  "
                   f"{model.package}/{model.path}{extra}")
        click.echo(f"{'':<28} {model.licence}")
    sys.exit(EXIT_USAGE if broken else EXIT_ACCEPTED)


@main.group("bank")
def bank() -> None:
    """Reference banks: hashes of media to refuse (add, list, remove)."""


_BANKS_HELP = ("The directory of reference banks, one NAME.vmbank file each. "
               "[default: $VMSCREEN_BANKS]")


@bank.command("add")
@click.argument("name")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_banks_option(_BANKS_HELP, required=True)
@click.option("--label", default="", help="A label kept with every entry added (at most 80 "
              "characters), shown in findings: a takedown reference, a catalogue name.")
def bank_add(name: str, paths: tuple[Path, ...], banks: Path, label: str) -> None:
    """Add the PDQ hashes of pictures (a video's sampled frames) and the Chromaprint
    fingerprints of sound in PATHS (files or directories) to bank NAME. Only hashes are kept;
    the inputs are only read. Exit 1 when some file was skipped."""
    missing = [printable(str(p)) for p in paths if not os.path.lexists(p)]
    if missing:
        _fail(f"no such file or directory: {', '.join(missing)}")
    added = skipped = 0
    try:
        for outcome in add_to_bank(banks, name, paths, label=label):
            shown = printable(outcome.path)
            if outcome.skipped:
                skipped += 1
                click.echo(f"skipped {shown}: {printable(outcome.skipped)}", err=True)
                continue
            added += 1
            note = f" ({printable(outcome.note)})" if outcome.note else ""
            click.echo(f"added {shown}: {outcome.pictures} picture(s) "
                       f"({outcome.hashes} hashes with their crops), "
                       f"{outcome.fingerprints} fingerprint(s){note}", err=True)
    except BankError as exc:
        _fail(printable(str(exc)))
    except OSError as exc:
        _fail(f"bank {name} cannot be written in {printable(str(banks))}: "
              f"{exc.strerror or type(exc).__name__}")
    click.echo(f"{added} file(s) added to bank {name}, {skipped} skipped")
    sys.exit(EXIT_FLAGGED if skipped else EXIT_ACCEPTED)


@bank.command("list")
@_banks_option(_BANKS_HELP, required=True)
def bank_list(banks: Path) -> None:
    """The banks: entries (files added), picture hashes, sound fingerprints."""
    found = list_banks(banks)
    if not found:
        click.echo(f"no banks in {printable(str(banks))}")
        return
    for one in found:
        if one.problem:
            click.echo(f"{one.name}\tunreadable: {printable(one.problem)}")
        else:
            click.echo(f"{one.name}\t{one.entries} entries\t{one.hashes} hashes"
                       f"\t{one.fingerprints} fingerprints")


@bank.command("remove")
@click.argument("name")
@_banks_option(_BANKS_HELP, required=True)
def bank_remove(name: str, banks: Path) -> None:
    """Delete bank NAME."""
    try:
        removed = remove_bank(banks, name)
    except BankError as exc:
        _fail(printable(str(exc)))
    if not removed:
        _fail(f"no bank {name} in {printable(str(banks))}")
    click.echo(f"bank {name} removed")


@main.group("zones")
def zones_group() -> None:
    """Restricted zones: build a --zones file from OpenStreetMap (from-osm)."""


@zones_group.command("from-osm")
@click.argument("extract", type=click.Path(path_type=Path))
@click.option("--kinds", default=",".join(OSM_KINDS),
              help=f"The kinds of place to keep, comma-separated: {', '.join(OSM_KINDS)}. "
                   "[default: all]")
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path),
              help="The GeoJSON file to write (replaced whole; never the extract itself).")
def zones_from_osm(extract: Path, kinds: str, output: Path) -> None:
    """Turn an OpenStreetMap extract (EXTRACT.osm.pbf) into restricted zones: hospitals,
    clinics, pharmacies, schools, childcare, toilets, pools, prisons, military sites. Areas
    become polygons, single nodes circles of a radius per kind. A summary goes to stderr."""
    from vmscreen.engine.osm_zones import OsmZonesError, build_zones, parse_kinds  # osmium: here

    try:
        built = build_zones(extract, output, parse_kinds(kinds))
    except OsmZonesError as exc:
        _fail(printable(str(exc)))
    click.echo(built.summary(printable(str(output))), err=True)


@main.command("policy")
def show_policy() -> None:
    """Print the built-in policy, as a starting point for your own --policy file."""
    click.echo(default_policy_text(), nl=False)


def entry() -> None:
    """The ``vmscreen`` command: click's own handling, but Ctrl-C outside a run exits 130 (a
    script must tell an interruption from "some files flagged", which is 1)."""
    try:
        main.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("vmscreen: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)


if __name__ == "__main__":  # pragma: no cover
    entry()
