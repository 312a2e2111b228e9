"""Where sanitised copies go, decided before any is written: never inside the inputs, never
over a file that exists, never two copies at one path.

A directory's files keep their place below the output folder; a file named directly lands at
its top. A copy's name gains the suffix of the format it is written in when that differs from
its own (a HEIC copy is written as PNG: photo.heic.png; a MOV copy as MP4: clip.mov.mp4), and
that is known from the file's header, so two inputs whose copies would share a name (p.heic and
p.heic.png) are found before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vmscreen.engine.batch import input_holding, iter_files, real_path
from vmscreen.engine.clip_families import HEAD_BYTES, clip_output_path, clip_suffix
from vmscreen.engine.records import sidecar_of
from vmscreen.engine.redaction import copy_suffix, output_path
from vmscreen.media import format_of


class CopyPlanError(ValueError):
    """Copies that cannot be made as asked; the message says why and what to do."""


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as stream:
            return stream.read(HEAD_BYTES)
    except OSError:
        return b""


def _copy_path(source: Path, destination: Path) -> Path:
    """Where the copy of ``source`` lands: a video or audio file is recognised by its first
    bytes (as the screen opens it), an image by the header Pillow reads."""
    if not source.is_file():  # a pipe would block the reading; the screen refuses it
        return destination
    suffix = clip_suffix(_head(source))
    if suffix:
        return clip_output_path(destination, suffix)
    fmt = format_of(source)
    return output_path(destination, copy_suffix(fmt)) if fmt else destination


def plan_copies(inputs: Sequence[Path], output: Path) -> list[tuple[Path, Path]]:
    """(source, copy) for every file under ``inputs``, or CopyPlanError."""
    for root in inputs:
        if root.is_dir() and input_holding(output, [root]):
            raise CopyPlanError(f"--output {output} is inside the input {root}: the copies "
                                "would land among the originals; choose a folder outside it")
    pairs: list[tuple[Path, Path]] = []
    for root in inputs:
        if root.is_dir():
            pairs += [(f, output / f.relative_to(root)) for f in iter_files([root])]
        else:
            pairs.append((root, output / root.name))
    planned: dict[Path, tuple[Path, Path]] = {}  # by the copy's resolved path
    for source, destination in pairs:
        copy = _copy_path(source, destination)
        key = real_path(copy)
        if key in planned and real_path(planned[key][0]) == real_path(source):
            continue  # the same file named twice
        if key in planned:
            raise CopyPlanError(f"{source} and {planned[key][0]} would both be copied to "
                                f"{copy}: rename one, or copy them in two runs to two folders")
        planned[key] = (source, copy)
    taken = [copy for _, copy in planned.values()
             if copy.exists() or copy.is_symlink() or sidecar_of(copy).exists()]
    if taken:
        shown = ", ".join(str(path) for path in taken[:3]) + (" ..." if len(taken) > 3 else "")
        raise CopyPlanError(f"{len(taken)} copies would replace files that exist ({shown}): "
                            "a copy never replaces a file; choose an empty folder")
    return list(planned.values())
