"""The film cues' geometry, wording and weighing, on numbers and text alone."""

from __future__ import annotations

from vmscreen.rules.film_cues import (
    REPORT,
    WEIGHTS,
    Rect,
    TextLine,
    combined,
    credits_score,
    letterbox_ratio,
    pillarbox_ratio,
    subtitle_lines,
)


def test_bars_that_leave_a_scope_picture_are_a_letterbox():
    assert letterbox_ratio(1920, 1080, 138, 138) == 2.39  # 1920 x 804
    assert letterbox_ratio(1440, 1080, 140, 140) == 1.78  # 16:9 on a 4:3 frame


def test_unbalanced_thin_or_odd_bars_are_not():
    assert letterbox_ratio(1920, 1080, 276, 0) is None  # one band: a cropped photo
    assert letterbox_ratio(1920, 1080, 20, 20) is None  # a thin border
    assert letterbox_ratio(1500, 1200, 100, 100) is None  # a 3:2 photo on black


def test_a_4_3_picture_in_a_wide_frame_is_a_pillarbox_and_a_portrait_one_is_not():
    assert pillarbox_ratio(1920, 1080, 240, 240) == 1.33
    assert pillarbox_ratio(1920, 1080, 656, 656) is None  # a phone held upright


def _line(x0: float, y0: float, x1: float, y1: float, letters: int = 20) -> TextLine:
    return TextLine(Rect(x0, y0, x1, y1), letters, 0.95)


def test_subtitles_are_one_or_two_centred_lines_low_in_the_picture():
    picture = Rect(0, 138, 1920, 942)
    one = _line(560, 860, 1360, 910)
    assert subtitle_lines([one], 1920, 1080, picture) == (one,)
    two = [_line(500, 800, 1420, 850), _line(620, 858, 1300, 908)]
    assert len(subtitle_lines(two, 1920, 1080, picture)) == 2
    on_the_bar = _line(600, 960, 1320, 1010)
    assert subtitle_lines([on_the_bar], 1920, 1080, picture) == (on_the_bar,)


def test_a_line_off_centre_high_up_or_among_many_is_not_a_subtitle():
    picture = Rect(0, 0, 1920, 1080)
    assert subtitle_lines([_line(80, 950, 700, 1000)], 1920, 1080, picture) == ()
    assert subtitle_lines([_line(560, 300, 1360, 350)], 1920, 1080, picture) == ()
    page = [_line(560, 860 + 50 * i, 1360, 900 + 50 * i) for i in range(4)]
    assert subtitle_lines(page, 1920, 1080, picture) == ()


def test_credits_need_centred_role_lines_on_black():
    lines = [_line(760, 100 + 80 * i, 1160, 150 + 80 * i) for i in range(4)]
    texts = ["Directed by", "JOHN SMITH", "Music by", "ALAN WHITE"]
    assert credits_score(lines, texts, 1920, background=8.0) >= WEIGHTS["credits"]
    assert credits_score(lines, texts, 1920, background=140.0) == 0.0  # a poster on a wall
    plain = ["Summer 2024", "Lake Garda", "with Anna and Tom", "and the dog"]
    assert credits_score(lines, plain, 1920, background=8.0) == 0.0


def test_one_weak_cue_is_not_reported_and_two_are():
    assert combined({"letterbox": WEIGHTS["letterbox"]}) < REPORT
    assert combined({"subtitles": WEIGHTS["subtitles"]}) < REPORT
    assert combined({"letterbox": WEIGHTS["letterbox"],
                     "subtitles": WEIGHTS["subtitles"]}) >= REPORT
    assert combined({"corner-logo": WEIGHTS["corner-logo"]}) >= REPORT
