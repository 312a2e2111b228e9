"""Set-up files are read capped and described without repeating what they hold."""

from __future__ import annotations

import datetime

import pytest

from vmscreen.setup_files import describe, read_text


class SetupError(ValueError):
    pass


def _read(path, limit=64):
    return read_text(path, limit, name="policy", error=SetupError,
                     too_large="64 bytes: is it a policy?", kind="a TOML file")


@pytest.mark.parametrize(("value", "words"), [
    (None, "null"), (True, "true"), (7, "the number 7"), (float("nan"), "the number nan"),
    (10 ** 400, "a number of many digits"), ("x" * 100, "the string " + repr("x" * 40) + "..."),
    ([1, [2]], "an array"), ({"a": 1}, "a table"), (datetime.date(2026, 1, 1), "a date or time"),
])
def test_a_value_is_described_in_a_few_words(value, words):
    assert describe(value, table="a table") == words


def test_a_file_is_read_whole_under_its_limit_and_refused_over_it(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text("[policy]\n")
    assert _read(path) == "[policy]\n"
    path.write_bytes(b"#" * 65)
    with pytest.raises(SetupError, match="larger than 64 bytes: is it a policy"):
        _read(path)


@pytest.mark.parametrize(("where", "problem"), [
    ("missing.toml", "cannot read policy"),
    ("nul\x00.toml", "cannot read policy"),
    ("latin.toml", "is not UTF-8 text (byte 0xe9 at offset 1): is it a TOML file?"),
])
def test_an_unreadable_file_is_one_line_that_says_why(tmp_path, where, problem):
    (tmp_path / "latin.toml").write_bytes(b"n\xe9e")
    with pytest.raises(SetupError) as caught:
        _read(tmp_path / where)
    assert problem in str(caught.value) and "\n" not in str(caught.value)
