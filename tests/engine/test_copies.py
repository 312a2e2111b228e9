"""Where copies go, decided before any is written: never inside the inputs, never over a file,
never two at one path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import imaging
from vmscreen.engine.copies import CopyPlanError, plan_copies


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_a_tree_keeps_its_shape_and_a_heic_copy_gains_its_format_s_suffix(tmp_path):
    photo = _write(tmp_path / "in" / "trip" / "a.jpg", imaging.jpeg())
    phone = _write(tmp_path / "in" / "p.heic", imaging.encode(imaging.picture(), "HEIF"))
    single = _write(tmp_path / "elsewhere" / "b.png", imaging.encode(imaging.picture(), "PNG"))
    plan = dict(plan_copies([tmp_path / "in", single], tmp_path / "out"))
    assert plan == {photo: tmp_path / "out" / "trip" / "a.jpg",
                    phone: tmp_path / "out" / "p.heic.png",
                    single: tmp_path / "out" / "b.png"}


def test_an_output_inside_an_input_is_refused(tmp_path):
    _write(tmp_path / "A" / "x.jpg", imaging.jpeg())
    _write(tmp_path / "A" / "sub" / "x.jpg", imaging.jpeg(seed=2))
    with pytest.raises(CopyPlanError, match="inside the input"):
        plan_copies([tmp_path / "A"], tmp_path / "A" / "sub")
    with pytest.raises(CopyPlanError, match="inside the input"):
        plan_copies([tmp_path / "A"], tmp_path / "A")


def test_two_copies_that_would_share_a_path_are_refused(tmp_path):
    _write(tmp_path / "in" / "p.heic", imaging.encode(imaging.picture(), "HEIF"))
    _write(tmp_path / "in" / "p.heic.png", imaging.encode(imaging.picture(seed=3), "PNG"))
    with pytest.raises(CopyPlanError, match="would both be copied to"):
        plan_copies([tmp_path / "in"], tmp_path / "out")


@pytest.mark.parametrize("existing", ["x.jpg", "x.jpg.vmscreen.json"])
def test_a_copy_never_replaces_a_file_that_exists(tmp_path, existing):
    _write(tmp_path / "in" / "x.jpg", imaging.jpeg())
    kept = _write(tmp_path / "out" / existing, b"someone's file")
    with pytest.raises(CopyPlanError, match="never replaces a file"):
        plan_copies([tmp_path / "in"], tmp_path / "out")
    assert kept.read_bytes() == b"someone's file"


def test_a_file_named_twice_is_planned_once(tmp_path):
    photo = _write(tmp_path / "in" / "x.jpg", imaging.jpeg())
    assert len(plan_copies([photo, photo], tmp_path / "out")) == 1
