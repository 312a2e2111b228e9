"""Issue 19's kinds of the synthetic set: each is what its label says it is."""

from __future__ import annotations

import io
from itertools import pairwise

import numpy as np
import pytest
from PIL import Image, ImageDraw

from benchmarks.sets import synthetic
from benchmarks.sets import synthetic_documents as docs
from benchmarks.sets import synthetic_hard as hard
from benchmarks.sets import synthetic_numbers as numbers
from vmscreen.rules.id_numbers import card_scheme, luhn_valid
from vmscreen.rules.mrz import find_mrz

ISSUE_19_FIRST = "thumbnail-id-back"


def _kind(name: str) -> synthetic.Kind:
    return next(kind for kind in synthetic.kinds() if kind.name == name)


def test_the_new_kinds_come_after_every_earlier_kind_so_their_files_are_unchanged():
    names = [kind.name for kind in synthetic.kinds()]
    first = names.index(ISSUE_19_FIRST)
    assert names[first - 1] == "film-frame"  # the last kind before issue 19
    assert {f"id-front-{lang}" for lang in ("en", "de", "fr", "it")} <= set(names[first:])
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name, widths", [("thumbnail-id-back", (250, 400)),
                                          ("thumbnail-passport", (280, 400))])
def test_thumbnails_are_250_to_400_pixels_wide(name, widths):
    kind = _kind(name)
    for seed in range(4):
        image, _ = kind.render(np.random.default_rng([1, seed]))
        assert widths[0] <= image.shape[1] <= widths[1]
        assert image.shape[0] < image.shape[1]  # a card or page, landscape


@pytest.mark.parametrize("document_width, widths", [(856, (250, 400)), (1250, (280, 400))])
def test_a_thumbnail_prints_the_mrz_6_to_9_px_high_and_holds_the_whole_document(
        document_width, widths):
    alone = 0
    for seed in range(200):
        plan = hard.plan_thumbnail(document_width, np.random.default_rng(seed), widths)
        assert 6.0 <= plan.print_height <= 9.0
        assert widths[0] <= plan.width <= widths[1]
        # the flat render's 26 px capitals, scaled with the document (to a rounded pixel)
        assert plan.print_height == pytest.approx(
            hard.MRZ_CAP_HEIGHT * plan.document_width / document_width, rel=0.01)
        if plan.alone:
            alone += 1
            assert plan.document_width == pytest.approx(plan.width, abs=1)
        else:
            assert 0.7 * plan.width <= plan.document_width <= 0.96 * plan.width
    assert 40 <= alone <= 120


@pytest.mark.parametrize("layout, make, name", [("td1", numbers.td1, "TD1"),
                                               ("td3", numbers.td3, "TD3")])
def test_broken_check_digits_keep_the_layout_but_fail_vmscreens_validity(layout, make, name):
    for seed in range(25):
        rng = np.random.default_rng(seed)
        lines = make(numbers.person(rng))
        (intact,) = find_mrz(lines)
        assert intact.layout == name and intact.valid  # the zone before it was broken
        broken = hard.break_checks(lines, layout, rng)
        assert [len(line) for line in broken] == [len(line) for line in lines]
        changed = [(a, b) for old, new in zip(lines, broken, strict=True)
                   for a, b in zip(old, new, strict=True) if a != b]
        assert changed and all(a.isdigit() and b.isdigit() for a, b in changed)
        (match,) = find_mrz(broken)
        assert match.layout == name
        assert not match.valid
        assert hard.holding_checks(broken, layout) <= hard.MAX_HOLDING[layout]


def test_the_documents_print_the_edited_mrz():
    seen: list[tuple[str, ...]] = []

    def edit(lines):
        seen.append(tuple(lines))
        return hard.break_checks(lines, "td1", np.random.default_rng(0))

    docs.id_card_back(np.random.default_rng(3), "td1", mrz_edit=edit)
    assert len(seen) == 1 and [len(line) for line in seen[0]] == [30, 30, 30]


def test_placeholder_numbers_are_no_valid_card_number_and_every_style_occurs():
    styles = set()
    for seed in range(80):
        number = hard.placeholder_number(np.random.default_rng(seed))
        assert len(number) == 16 and number.isdigit()
        assert not (luhn_valid(number) and card_scheme(number)), number
        if len(set(number)) == 1:
            styles.add("repeated")
        elif all((int(b) - int(a)) % 10 in (1, 9) for a, b in pairwise(number)):
            styles.add("sequential")
        else:
            assert not numbers.luhn_ok(number)
            styles.add("luhn-failing")
    assert styles == {"repeated", "sequential", "luhn-failing"}


def test_seven_segment_digits_are_drawn_and_differ():
    def ink(text: str) -> np.ndarray:
        image = Image.new("RGB", (200, 80), (0, 0, 0))
        hard.seven_segment(ImageDraw.Draw(image), (10, 10), text, height=50, fill=(255,) * 3)
        return np.asarray(image)[..., 0] > 0

    assert ink("8").sum() > ink("1").sum() > 0
    assert not np.array_equal(ink("6"), ink("9"))


def test_busy_cards_are_drawn_over_many_colours():
    card = hard.busy_card(np.random.default_rng(11))
    pixels = np.asarray(card.convert("RGB")).reshape(-1, 3)
    plain = np.asarray(docs.payment_card(np.random.default_rng(11), "visa").convert("RGB"))
    busy, calm = (len(np.unique(p.reshape(-1, 3) // 32, axis=0)) for p in (pixels, plain))
    assert busy > 150 and busy > 3 * calm


def _faces(image: np.ndarray) -> int:
    from vmscreen import open_media
    from vmscreen.analyses.faces import YuNet, find_faces

    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, "PNG")
    return len(find_faces(open_media(buffer.getvalue()).frame(0), YuNet()))


def test_the_drawn_face_negatives_hold_faces_the_face_search_finds():
    # Otherwise the negatives would test nothing: avatar icons, cartoon characters and a
    # cartoon poster on a wall read as faces (emoji mostly do not).
    assert _faces(hard.icon_faces(np.random.default_rng(0))) >= 2
    poster = flat = 0
    for seed in range(6):
        rng = np.random.default_rng(seed)
        on_wall = np.random.default_rng(seed).random() < 0.4  # cartoon_faces' first draw
        found = _faces(hard.cartoon_faces(rng)) >= 1
        poster += on_wall and found
        flat += not on_wall and found
    assert poster >= 1 and flat >= 1


def test_screenshots_are_saved_as_png(tmp_path):
    labels = synthetic.build(tmp_path, seed=3, scale=0.2,
                             only=["negative-app-id-illustration", "negative-form-screenshot"])
    assert {label.kind for label in labels} == {"negative-app-id-illustration",
                                                "negative-form-screenshot"}
    assert all(label.path.endswith(".png") for label in labels)
    with Image.open(tmp_path / labels[0].path) as image:
        assert image.width in (750, 1080, 1170, 1366, 1440, 1920, 2560)


def test_a_build_of_some_kinds_is_deterministic_for_a_seed(tmp_path):
    only = ["id-front-de", "card-placeholder-number"]
    first = synthetic.build(tmp_path / "a", seed=7, scale=0.2, only=only)
    again = synthetic.build(tmp_path / "b", seed=7, scale=0.2, only=only)
    other = synthetic.build(tmp_path / "c", seed=8, scale=0.2, only=only)
    assert [label.path for label in first] == [label.path for label in again]
    for label in first:
        assert (tmp_path / "a" / label.path).read_bytes() == \
            (tmp_path / "b" / label.path).read_bytes()
    contents = {name: sorted((tmp_path / name / label.path).read_bytes() for label in labels)
                for name, labels in (("a", first), ("c", other))}
    assert contents["a"] != contents["c"]
