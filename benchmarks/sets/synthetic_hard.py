"""The real-world document cases of issue 19, for the synthetic set: what public specimens and
card photos showed that the first kinds did not hold.

- thumbnails: an ID card back or a passport page in a picture 250 to 400 px wide, the MRZ print
  6 to 9 px high;
- specimen MRZs whose layout holds but whose check digits do not;
- payment cards whose number is a placeholder or fails Luhn (repeated digits, a sequential run,
  a random failing number; some in a seven-segment style), beside a chip, a scheme mark, an
  expiry and a cardholder line;
- plain cards with a large embossed number over busy, colourful card art;
- ID card fronts in English, German, French and Italian, without an MRZ;
- negatives: screenshots of identity-verification apps with drawn document illustrations, web
  and app forms with empty personal-data fields, drawn faces (cartoons, emoji, avatar icons, a
  poster on a wall) and a face printed on every box of a shop shelf.

Renderers take the file's random stream and return an RGBA document (for synthetic's photo
placement) or a finished RGB picture. Everything is drawn: no one's photo or likeness.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import cv2
import numpy as np
from PIL import Image, ImageDraw

from benchmarks.sets import synthetic_documents as docs
from benchmarks.sets import synthetic_numbers as numbers
from benchmarks.sets import synthetic_scenes as scenes
from benchmarks.sets.synthetic_documents import BOLD, MONO, SANS, Colour, font

T = TypeVar("T")
# The height of the MRZ capitals on the flat renders (_mrz prints 38 px faces: caps 24-28 px).
MRZ_CAP_HEIGHT = 26
THUMBNAIL_WIDTHS = (250, 400)
THUMBNAIL_PRINT = (6.0, 9.0)  # px: the MRZ print height issue 19 saw on small pictures


def _pick(rng: np.random.Generator, options: Sequence[T]) -> T:
    return options[int(rng.integers(len(options)))]


def _composite(document: Image.Image, background: Colour) -> np.ndarray:
    flat = Image.new("RGB", document.size, background)
    flat.paste(document, mask=document.getchannel("A"))
    return np.asarray(flat)


# --- thumbnails --------------------------------------------------------------------------


@dataclass(frozen=True)
class ThumbnailPlan:
    print_height: float  # px: the MRZ capitals in the thumbnail
    document_width: float  # px: the document in the thumbnail
    width: int  # px: the thumbnail
    alone: bool  # the document is the whole picture (a cropped scan), not photographed


def plan_thumbnail(document_width: int, rng: np.random.Generator,
                   widths: tuple[int, int] = THUMBNAIL_WIDTHS) -> ThumbnailPlan:
    """A print height in THUMBNAIL_PRINT at which the document, alone or filling 72 to 95%
    of a photo's width, makes a picture ``widths`` wide."""
    alone = bool(rng.random() < 0.4)
    fill = 1.0 if alone else float(rng.uniform(0.72, 0.95))
    per_px = MRZ_CAP_HEIGHT / document_width  # print height per px of document width
    low = max(THUMBNAIL_PRINT[0], widths[0] * fill * per_px)
    high = min(THUMBNAIL_PRINT[1], widths[1] * fill * per_px)
    if low > high:  # this fill cannot make it: the print range wins, the fill gives way
        low, high = THUMBNAIL_PRINT
        fill = float(np.clip(THUMBNAIL_PRINT[0] / (widths[0] * per_px), 0.5, 1.0))
    print_height = float(rng.uniform(low, high))
    shown = print_height / per_px
    width = int(np.clip(round(shown / fill), *widths))
    return ThumbnailPlan(print_height, min(shown, width), width, alone)


def thumbnail(document: Image.Image, rng: np.random.Generator, *, widths: tuple[int, int]
              = THUMBNAIL_WIDTHS) -> np.ndarray:
    """The document shrunk until its MRZ print is 6 to 9 px high, in a picture ``widths``
    wide: alone (a cropped scan), or photographed filling most of the frame. Made as
    thumbnails are: a larger picture resized down."""
    plan = plan_thumbnail(document.width, rng, widths)
    if plan.alone:
        flat = _composite(document, docs._colour(rng, 225, 256))
        height = round(flat.shape[0] * plan.width / flat.shape[1])
        return cv2.resize(flat, (plan.width, height), interpolation=cv2.INTER_AREA)
    width = plan.width
    height = round(width * rng.uniform(0.62, 0.8))
    height = max(height, round(plan.document_width * document.height / document.width * 1.15))
    big = 4  # drawn at four times the size, then resized down: the thumbnail's own blur
    scene = scenes.surface(rng, (width * big, height * big))
    fraction = plan.document_width / width
    photo = scenes.place(scene, document, rng, width_fraction=(fraction, fraction),
                         max_angle=5.0, max_skew=0.015)
    photo = scenes.camera(photo, rng, blur=0.8, noise=4.0)
    return cv2.resize(photo, (width, height), interpolation=cv2.INTER_AREA)


def thumbnail_id_back(rng: np.random.Generator) -> np.ndarray:
    return thumbnail(docs.id_card_back(rng, "td1"), rng)


def thumbnail_passport(rng: np.random.Generator) -> np.ndarray:
    return thumbnail(docs.passport_page(rng), rng, widths=(280, 400))


# --- MRZs whose check digits fail --------------------------------------------------------


@dataclass(frozen=True)
class CheckDigit:
    """One check digit of a layout: the (line, start, end) slices it covers and where it is."""
    slices: tuple[tuple[int, int, int], ...]
    at: tuple[int, int]


CHECK_DIGITS: dict[str, tuple[CheckDigit, ...]] = {
    "td1": (CheckDigit(((0, 5, 14),), (0, 14)), CheckDigit(((1, 0, 6),), (1, 6)),
            CheckDigit(((1, 8, 14),), (1, 14)),
            CheckDigit(((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)), (1, 29))),
    "td3": (CheckDigit(((1, 0, 9),), (1, 9)), CheckDigit(((1, 13, 19),), (1, 19)),
            CheckDigit(((1, 21, 27),), (1, 27)), CheckDigit(((1, 28, 42),), (1, 42)),
            CheckDigit(((1, 0, 10), (1, 13, 20), (1, 21, 43)), (1, 43))),
}
# At most this many may hold: vmscreen reads a zone as valid from two (TD1) or three (TD3).
MAX_HOLDING = {"td1": 1, "td3": 2}


def holding_checks(lines: Sequence[str], layout: str) -> int:
    """How many of the layout's check digits hold (the set's own count, not vmscreen's)."""
    return sum(
        numbers.check_digit("".join(lines[line][a:b] for line, a, b in check.slices))
        == lines[check.at[0]][check.at[1]]
        for check in CHECK_DIGITS[layout]
    )


def break_checks(lines: Sequence[str], layout: str, rng: np.random.Generator) -> tuple[str, ...]:
    """The same zone with check digits changed until at most MAX_HOLDING hold: a specimen's
    made-up digits. Every character stays a digit where a digit was: the layout holds."""
    rows = [list(line) for line in lines]
    limit = int(rng.integers(0, MAX_HOLDING[layout] + 1))
    checks = CHECK_DIGITS[layout]
    while holding_checks(["".join(r) for r in rows], layout) > limit:
        current = ["".join(r) for r in rows]
        holding = [c for c in checks if numbers.check_digit(
            "".join(current[line][a:b] for line, a, b in c.slices)) == current[c.at[0]][c.at[1]]]
        line, column = _pick(rng, holding).at
        rows[line][column] = str((int(rows[line][column]) + int(rng.integers(1, 10))) % 10)
    return tuple("".join(r) for r in rows)


def broken_td1_back(rng: np.random.Generator) -> Image.Image:
    return docs.id_card_back(rng, "td1", mrz_edit=lambda lines: break_checks(lines, "td1", rng))


def broken_passport_page(rng: np.random.Generator) -> Image.Image:
    return docs.passport_page(rng, mrz_edit=lambda lines: break_checks(lines, "td3", rng))


def sharp_and_straight(make: Callable[[np.random.Generator], Image.Image]
                       ) -> Callable[[np.random.Generator], np.ndarray]:
    """A specimen as published: scanned flat on a white margin, or photographed square-on and
    in focus."""
    def render(rng: np.random.Generator) -> np.ndarray:
        document = make(rng)
        if rng.random() < 0.5:
            flat = _composite(document, (255, 255, 255))
            margin = int(rng.integers(10, 60))
            page = cv2.copyMakeBorder(flat, margin, margin, margin, margin, cv2.BORDER_CONSTANT,
                                      value=(255, 255, 255))
            scale = rng.uniform(0.7, 1.0)
            return cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        size = _pick(rng, scenes.PHOTO_SIZES[:4])
        photo = scenes.place(scenes.surface(rng, size), document, rng,
                             width_fraction=(0.55, 0.85), max_angle=2.0, max_skew=0.01)
        return scenes.camera(photo, rng, blur=0.4, noise=3.0)
    return render


# --- payment cards with placeholder numbers ------------------------------------------------

SIXTEEN_DIGIT_SCHEMES = ("visa", "mastercard", "discover", "jcb", "unionpay")


def _is_payment_number(digits: str) -> bool:
    """Luhn-valid and in some scheme's IIN range: what must not be a placeholder."""
    in_range = any(digits.startswith(prefix) and len(digits) == length
                   for prefixes, length, _ in numbers.SCHEMES.values() for prefix in prefixes)
    return in_range and numbers.luhn_ok(digits)


def placeholder_number(rng: np.random.Generator) -> str:
    """Sixteen digits no card carries: one digit repeated, a sequential run, or a random number
    that fails Luhn."""
    style = int(rng.integers(3))
    if style == 0:
        number = str(int(rng.integers(10))) * 16
    elif style == 1:
        start = 1 if rng.random() < 0.5 else int(rng.integers(10))
        step = 1 if rng.random() < 0.8 else -1
        number = "".join(str((start + step * i) % 10) for i in range(16))
    else:
        number = numbers.luhn_failing(rng, 16, prefix=_pick(rng, ("4", "51", "55", "6011")))
    if _is_payment_number(number):  # a run that happens to pass: break its last digit
        number = number[:-1] + str((int(number[-1]) + 1) % 10)
    return number


# Seven segments a..g as (x0, y0, x1, y1) in a unit cell 1 wide and 2 high.
_SEGMENTS = {"a": (0, 0, 1, 0), "b": (1, 0, 1, 1), "c": (1, 1, 1, 2), "d": (0, 2, 1, 2),
             "e": (0, 1, 0, 2), "f": (0, 0, 0, 1), "g": (0, 1, 1, 1)}
_DIGIT_SEGMENTS = {"0": "abcdef", "1": "bc", "2": "abdeg", "3": "abcdg", "4": "bcfg",
                   "5": "acdfg", "6": "acdefg", "7": "abc", "8": "abcdefg", "9": "abcdfg"}


def seven_segment(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, *,
                  height: float, fill: Colour, slant: float = 0.1) -> float:
    """Digits drawn as seven-segment polygons (a bevelled bar per segment); returns the x after
    the text. Spaces leave a digit's gap."""
    x, y = xy
    half = height / 2
    width, thick = height * 0.5, max(2.0, height * 0.12)
    for char in text:
        for name in _DIGIT_SEGMENTS.get(char, ""):
            x0, y0, x1, y1 = _SEGMENTS[name]
            points = _bar(x + x0 * width, y + y0 * half, x + x1 * width, y + y1 * half, thick)
            draw.polygon([(px + slant * (y + height - py), py) for px, py in points], fill=fill)
        x += width * (1.6 if char != " " else 1.0)
    return x


def _bar(x0: float, y0: float, x1: float, y1: float, thick: float) -> list[tuple[float, float]]:
    t, gap = thick / 2, thick * 0.25
    if y0 == y1:  # horizontal, pointed at both ends
        return [(x0 + gap, y0), (x0 + gap + t, y0 - t), (x1 - gap - t, y0 - t), (x1 - gap, y0),
                (x1 - gap - t, y0 + t), (x0 + gap + t, y0 + t)]
    return [(x0, y0 + gap), (x0 + t, y0 + gap + t), (x0 + t, y1 - gap - t), (x0, y1 - gap),
            (x0 - t, y1 - gap - t), (x0 - t, y0 + gap + t)]


def _segment_card(rng: np.random.Generator, scheme: str, number: str) -> Image.Image:
    """A card like docs.payment_card, its number and expiry in seven-segment digits."""
    image, mean = docs._stock(rng, (856, 540))
    draw = ImageDraw.Draw(image)
    ink = docs._ink_for(mean, rng)
    draw.text((50, 40), _pick(rng, docs.BANKS), font=font(_pick(rng, BOLD), 46), fill=ink)
    docs._chip(draw, 80, 170)
    shown = numbers.group(number, (4, 4, 4, 4))
    # A digit advances 0.8 of its height, a space 0.5: the number fits in 740 px.
    height = min(float(rng.uniform(44, 58)), 740 / (0.8 * 16 + 0.5 * 3))
    seven_segment(draw, (60, 300), shown, height=height, fill=ink,
                  slant=float(rng.uniform(0, 0.15)))
    draw.text((330, 395), "VALID\nTHRU", font=font(_pick(rng, SANS), 22), fill=ink)
    month, year = int(rng.integers(1, 13)), int(rng.integers(26, 34))
    seven_segment(draw, (410, 392), f"{month:02d} {year}", height=36, fill=ink)
    draw.line((467, 392, 452, 428), fill=ink, width=4)  # the slash between month and year
    person = numbers.person(rng)
    draw.text((60, 455), f"{person.given} {person.surname}", font=font(_pick(rng, MONO), 34),
              fill=ink)
    docs._scheme_mark(draw, scheme, 820, 510, rng)
    return docs._rounded(image, 36)


def placeholder_card(rng: np.random.Generator) -> Image.Image:
    """A card with every piece of card furniture and a number no card carries."""
    scheme = _pick(rng, SIXTEEN_DIGIT_SCHEMES)
    number = placeholder_number(rng)
    if rng.random() < 0.4:
        return _segment_card(rng, scheme, number)
    return docs.payment_card(rng, scheme, number=number)


# --- plain cards on busy art -------------------------------------------------------------


def busy_art(rng: np.random.Generator, size: tuple[int, int]) -> Image.Image:
    """Card art with no quiet area: a saturated gradient, coloured noise, and dozens of bright
    shapes overlapping."""
    width, height = size
    image = docs._gradient(size, docs._colour(rng), docs._colour(rng), float(rng.uniform(0, 3)))
    coarse = rng.integers(0, 256, (height // 24, width // 24, 3)).astype(np.uint8)
    noise = cv2.resize(coarse, size, interpolation=cv2.INTER_CUBIC)
    image = Image.blend(image, Image.fromarray(noise), float(rng.uniform(0.25, 0.5)))
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(int(rng.integers(30, 70))):
        colour = (*docs._colour(rng), int(rng.integers(90, 230)))
        x, y = rng.integers(-100, width), rng.integers(-100, height)
        w, h = rng.integers(20, 260, 2)
        shape = int(rng.integers(3))
        if shape == 0:
            draw.ellipse((x, y, x + w, y + h), fill=colour)
        elif shape == 1:
            draw.rectangle((x, y, x + w, y + h), fill=colour)
        else:
            draw.polygon([tuple(p) for p in rng.integers(-50, max(width, height), (3, 2))],
                         fill=colour)
    return image


def busy_card(rng: np.random.Generator) -> Image.Image:
    """A plain card (no chip or bank name, now and then a scheme mark) whose Luhn-valid number
    is large and embossed: a light metallic face, a highlight above left, a shadow below
    right, over busy art."""
    scheme = _pick(rng, SIXTEEN_DIGIT_SCHEMES)
    number = numbers.card_number(rng, scheme)
    image = busy_art(rng, (856, 540))
    draw = ImageDraw.Draw(image)
    face_name, size = _pick(rng, (*MONO, *BOLD[:3])), int(rng.integers(66, 84))
    shown = numbers.group(number, (4, 4, 4, 4))
    while draw.textlength(shown, font=font(face_name, size)) > 780:
        size -= 2
    face = font(face_name, size)
    metal = _pick(rng, ((205, 205, 210), (220, 190, 120), (235, 235, 235)))
    top = int(rng.integers(230, 320))
    lift = max(2, size // 24)
    draw.text((40 + lift + 1, top + lift + 1), shown, font=face, fill=(25, 25, 30))
    draw.text((40 - 1, top - 1), shown, font=face, fill=(255, 255, 255))
    draw.text((40, top), shown, font=face, fill=metal)
    if rng.random() < 0.6:
        person = numbers.person(rng)
        name_face = font(_pick(rng, MONO), 34)
        draw.text((50 + 2, 455 + 2), f"{person.given} {person.surname}", font=name_face,
                  fill=(25, 25, 30))
        draw.text((50, 455), f"{person.given} {person.surname}", font=name_face, fill=metal)
    if rng.random() < 0.5:
        docs._scheme_mark(draw, scheme, 820, 510, rng)
    return docs._rounded(image, 36)


# --- ID card fronts in four languages, no MRZ --------------------------------------------

# Per language: title lines, then the fields as (label alternatives, value key, optional?).
ID_FRONTS: dict[str, tuple[tuple[str, ...], tuple[tuple[tuple[str, ...], str, bool], ...]]] = {
    "en": (("NATIONAL IDENTITY CARD", "IDENTITY CARD"),
           ((("Surname",), "surname", False), (("Given names", "Forenames"), "given", False),
            (("Date of birth",), "birth", False), (("Place of birth",), "place", True),
            (("Sex",), "sex", True), (("Nationality",), "nationality", True),
            (("Date of expiry", "Expiry date"), "expiry", True))),
    "de": (("BUNDESREPUBLIK DEUTSCHLAND", "PERSONALAUSWEIS"),
           ((("Name",), "surname", False), (("Vorname(n)", "Vornamen"), "given", False),
            (("Geburtsdatum", "Geburtstag"), "birth", False), (("Geburtsort",), "place", True),
            (("Staatsangehörigkeit",), "nationality", True), (("Gültig bis",), "expiry", True))),
    "fr": (("RÉPUBLIQUE FRANÇAISE", "CARTE NATIONALE D'IDENTITÉ"),
           ((("Nom",), "surname", False), (("Prénom(s)", "Prénoms"), "given", False),
            (("Né(e) le",), "birth", False), (("à",), "place", True), (("Sexe",), "sex", True),
            (("Nationalité",), "nationality", True))),
    "it": (("REPUBBLICA ITALIANA", "CARTA DI IDENTITÀ"),
           ((("Cognome",), "surname", False), (("Nome",), "given", False),
            (("Luogo e data di nascita",), "place_birth", False), (("Sesso",), "sex", True),
            (("Cittadinanza",), "nationality", True), (("Scadenza",), "expiry", True))),
}
PLACES = {"en": ("UTOPIA CITY", "NORTH HAVEN", "PORT LUCE"),
          "de": ("BERLIN", "MÜNCHEN", "HAMBURG", "KÖLN", "LEIPZIG"),
          "fr": ("PARIS", "LYON", "MARSEILLE", "TOULOUSE", "NANTES"),
          "it": ("ROMA", "MILANO", "NAPOLI", "TORINO", "FIRENZE")}
NATIONALITIES = {"en": "UTOPIAN", "de": "DEUTSCH", "fr": "FRANÇAISE", "it": "ITA"}
LANGUAGES = tuple(ID_FRONTS)


def id_front(rng: np.random.Generator, language: str) -> Image.Image:
    """An ID card front in one language only: its state and card title (one or both lines),
    a drawn portrait left or right, and labelled fields (some left out now and then); no MRZ."""
    titles, fields = ID_FRONTS[language]
    person = numbers.person(rng)
    image, _ = docs._stock(rng, (856, 540), light=True)
    draw = ImageDraw.Draw(image)
    shown_titles = titles if rng.random() < 0.7 else titles[-1:]
    for row, title in enumerate(shown_titles):
        draw.text((30, 14 + row * 38), title, font=font(_pick(rng, BOLD), 30 - 4 * row),
                  fill=(20, 30, 80))
    place = _pick(rng, PLACES[language])
    values = {"surname": person.surname, "given": person.given,
              "birth": docs._date(person.birth), "expiry": docs._date(person.expiry),
              "place": place, "sex": person.sex, "nationality": NATIONALITIES[language],
              "place_birth": f"{place} {docs._date(person.birth)}"}
    chosen = [(_pick(rng, labels), values[key]) for labels, key, optional in fields
              if not optional or rng.random() < 0.7]
    top = 100 if len(shown_titles) > 1 else 70
    portrait_left = bool(rng.random() < 0.6)
    image.paste(docs.portrait((230, 300), rng), (30 if portrait_left else 596, top + 10))
    step = min(66, (540 - top - 40) // len(chosen))
    docs._fields(draw, chosen, 290 if portrait_left else 40, top, rng, step=step,
                 value_size=26)
    if rng.random() < 0.6:  # the card number, printed alone in a corner
        draw.text((826, 18), person.number, font=font(_pick(rng, MONO), 28),
                  fill=(150, 20, 20), anchor="ra")
    return docs._rounded(image, 30)


# --- screenshots: identity-verification apps and forms ----------------------------------


@dataclass(frozen=True)
class Theme:
    background: Colour
    text: Colour
    muted: Colour
    line: Colour
    accent: Colour


def _theme(rng: np.random.Generator) -> Theme:
    accent = _pick(rng, ((0, 102, 255), (20, 140, 90), (110, 60, 200), (230, 80, 40),
                         (0, 120, 140)))
    if rng.random() < 0.25:
        return Theme((18, 18, 22), (240, 240, 245), (160, 160, 170), (60, 60, 68), accent)
    return Theme((255, 255, 255), (20, 20, 30), (110, 110, 120), (215, 215, 222), accent)


PHONE_SIZES = ((1080, 2340), (750, 1334), (1170, 2532))


def _status_bar(draw: ImageDraw.ImageDraw, width: int, unit: float, theme: Theme,
                rng: np.random.Generator) -> float:
    """Time at the left; signal bars, wifi and a battery at the right. Returns its height."""
    height = unit * 2.2
    clock = f"{int(rng.integers(7, 23))}:{int(rng.integers(0, 60)):02d}"
    draw.text((unit * 1.5, height / 2), clock, font=font(BOLD[0], round(unit * 0.9)),
              fill=theme.text, anchor="lm")
    right = width - unit * 1.2
    battery = (right - unit * 2.2, height / 2 - unit * 0.45, right - unit * 0.2,
               height / 2 + unit * 0.45)
    draw.rounded_rectangle(battery, radius=unit * 0.2, outline=theme.text,
                           width=max(2, round(unit / 10)))
    charge = rng.uniform(0.3, 1.0)
    draw.rectangle((battery[0] + unit * 0.2, battery[1] + unit * 0.2,
                    battery[0] + unit * 0.2 + (battery[2] - battery[0] - unit * 0.4) * charge,
                    battery[3] - unit * 0.2), fill=theme.text)
    draw.rectangle((right - unit * 0.15, height / 2 - unit * 0.18, right,
                    height / 2 + unit * 0.18), fill=theme.text)
    wifi_x = battery[0] - unit * 1.2
    for ring in range(3):
        radius = unit * (0.25 + 0.3 * ring)
        draw.arc((wifi_x - radius, height / 2 + unit * 0.35 - radius, wifi_x + radius,
                  height / 2 + unit * 0.35 + radius), 225, 315, fill=theme.text,
                 width=max(2, round(unit / 8)))
    bars_x = wifi_x - unit * 2.6
    for bar in range(4):
        draw.rectangle((bars_x + bar * unit * 0.35, height / 2 + unit * (0.4 - 0.22 * (bar + 1)),
                        bars_x + bar * unit * 0.35 + unit * 0.22, height / 2 + unit * 0.4),
                       fill=theme.text)
    return height


def _header(draw: ImageDraw.ImageDraw, width: int, top: float, unit: float, title: str,
            theme: Theme) -> float:
    """An app bar: a back chevron, a centred title, a hairline below. Returns its bottom."""
    height = unit * 2.8
    mid = top + height / 2
    draw.line([(unit * 1.9, mid - unit * 0.55), (unit * 1.3, mid), (unit * 1.9, mid + unit * 0.55)],
              fill=theme.accent, width=max(3, round(unit / 7)), joint="curve")
    draw.text((width / 2, mid), title, font=font(BOLD[0], round(unit * 0.95)), fill=theme.text,
              anchor="mm")
    draw.line((0, top + height, width, top + height), fill=theme.line,
              width=max(1, round(unit / 20)))
    return top + height


def _avatar(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float],
            colour: Colour) -> None:
    """A featureless person silhouette: a circle for the head, a half ellipse for shoulders."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2
    draw.ellipse((cx - w * 0.22, y0 + h * 0.12, cx + w * 0.22, y0 + h * 0.12 + w * 0.44),
                 fill=colour)
    draw.chord((x0 + w * 0.08, y0 + h * 0.62, x1 - w * 0.08, y1 + h * 0.45), 180, 360,
               fill=colour)


def _chevron_row(draw: ImageDraw.ImageDraw, left: float, y: float, count: int, size: float,
                 colour: Colour) -> None:
    """A row of '<' shapes drawn as polygons: an MRZ's look without any text."""
    for i in range(count):
        x = left + i * size * 1.1
        draw.polygon([(x + size * 0.8, y), (x, y + size * 0.5), (x + size * 0.8, y + size),
                      (x + size * 0.8, y + size * 0.78), (x + size * 0.35, y + size * 0.5),
                      (x + size * 0.8, y + size * 0.22)], fill=colour)


def document_illustration(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float],
                          theme: Theme, rng: np.random.Generator) -> None:
    """Line art of an ID card or passport page: rounded outline, avatar, grey text bars, and
    sometimes two rows of chevrons where an MRZ goes; scan-frame corners around it."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    grey = tuple(int(v) for v in np.clip(np.array(theme.line) - 25, 0, 255))
    tint = tuple(int(0.9 * b + 0.1 * a) for a, b in zip(theme.accent, theme.background,
                                                        strict=True))
    draw.rounded_rectangle(box, radius=h * 0.08, fill=tint, outline=theme.accent,
                           width=max(3, round(w / 90)))
    photo = (x0 + w * 0.06, y0 + h * 0.14, x0 + w * 0.34, y0 + h * 0.62)
    draw.rounded_rectangle(photo, radius=w * 0.02, fill=theme.background)
    _avatar(draw, photo, grey)  # type: ignore[arg-type]
    bar_h = h * 0.055
    for row in range(int(rng.integers(3, 6))):
        length = w * rng.uniform(0.25, 0.55)
        y = y0 + h * 0.16 + row * bar_h * 2.0
        draw.rounded_rectangle((x0 + w * 0.40, y, x0 + w * 0.40 + length, y + bar_h),
                               radius=bar_h / 2, fill=grey)
    if rng.random() < 0.6:
        size = h * 0.075
        for row in range(2):
            _chevron_row(draw, x0 + w * 0.06, y0 + h * (0.72 + row * 0.12), int(w * 0.85 / size
                         / 1.1), size, grey)  # type: ignore[arg-type]
    reach, pad = w * 0.1, w * 0.05
    for cx, cy, dx, dy in ((x0 - pad, y0 - pad, 1, 1), (x1 + pad, y0 - pad, -1, 1),
                           (x0 - pad, y1 + pad, 1, -1), (x1 + pad, y1 + pad, -1, -1)):
        draw.line([(cx + dx * reach, cy), (cx, cy), (cx, cy + dy * reach)], fill=theme.accent,
                  width=max(4, round(w / 70)))


HEADLINES = ("Verify your identity", "Let's verify it's you", "Confirm your identity",
             "Identity check")
INTROS = ("We need to confirm it's you. It takes about 2 minutes.",
          "Keep your document ready and find a well-lit place.",
          "This helps us keep your account safe.")
STEPS = ("Scan the front of your ID card", "Take a photo of your passport",
         "Have your driving licence ready", "Take a selfie to match your photo",
         "Make sure all four corners are visible")


def _button(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], text: str,
            theme: Theme, unit: float) -> None:
    draw.rounded_rectangle(box, radius=(box[3] - box[1]) / 2, fill=theme.accent)
    draw.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), text,
              font=font(BOLD[0], round(unit * 0.95)), fill=(255, 255, 255), anchor="mm")


def _wrap(text: str, face: object, width: float, draw: ImageDraw.ImageDraw) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=face) > width and current:  # type: ignore[arg-type]
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current]


def identity_app_screenshot(rng: np.random.Generator) -> np.ndarray:
    """A phone screenshot of an identity-verification step: status bar, app bar, headline,
    a line-art document, numbered instructions and a Continue button. Flat colours, as a
    screen is."""
    width, height = _pick(rng, PHONE_SIZES)
    theme = _theme(rng)
    image = Image.new("RGB", (width, height), theme.background)
    draw = ImageDraw.Draw(image)
    unit = width / 24
    y = _status_bar(draw, width, unit, theme, rng)
    y = _header(draw, width, y, unit, _pick(rng, ("Identity check", "Verification",
                                                   "Step 2 of 3", "Account setup")), theme)
    margin = unit * 1.5
    y += unit * 1.5
    draw.text((margin, y), _pick(rng, HEADLINES), font=font(BOLD[0], round(unit * 1.45)),
              fill=theme.text)
    y += unit * 2.4
    body = font(SANS[0], round(unit * 0.8))
    for line in _wrap(_pick(rng, INTROS), body, width - 2 * margin, draw):
        draw.text((margin, y), line, font=body, fill=theme.muted)
        y += unit * 1.15
    y += unit * 1.6
    card_w = width * rng.uniform(0.6, 0.74)
    card_h = card_w * (0.63 if rng.random() < 0.7 else 0.7)
    card = ((width - card_w) / 2, y, (width + card_w) / 2, y + card_h)
    document_illustration(draw, card, theme, rng)
    y += card_h + unit * 2.2
    steps = [STEPS[i] for i in sorted(rng.choice(len(STEPS), int(rng.integers(2, 4)),
                                                 replace=False))]
    step_face = font(SANS[0], round(unit * 0.85))
    for number, step in enumerate(steps, start=1):
        radius = unit * 0.6
        draw.ellipse((margin, y, margin + 2 * radius, y + 2 * radius), fill=theme.accent)
        draw.text((margin + radius, y + radius), str(number),
                  font=font(BOLD[0], round(unit * 0.7)), fill=(255, 255, 255), anchor="mm")
        draw.text((margin + 2 * radius + unit * 0.7, y + radius), step, font=step_face,
                  fill=theme.text, anchor="lm")
        y += unit * 1.9
    button_top = height - unit * (5.0 if height / width > 2 else 3.6)
    _button(draw, (margin, button_top, width - margin, button_top + unit * 2.3), "Continue",
            theme, unit)
    if height / width > 2:  # the home indicator of a phone without a home button
        draw.rounded_rectangle((width * 0.35, height - unit * 0.9, width * 0.65,
                                height - unit * 0.65), radius=unit * 0.12, fill=theme.text)
    return np.asarray(image)


FORM_FIELDS = (("First name", "e.g. Anna"), ("Last name", ""), ("Sex", "Select\u2026"),
               ("Date of birth", "DD/MM/YYYY"), ("Email", "you@example.com"),
               ("Phone (optional)", "+1 555 0100"))
FORM_TITLES = ("Create your account", "Personal details", "Tell us about yourself",
               "Registration")
DESKTOP_SIZES = ((1440, 900), (1920, 1080), (1366, 768), (2560, 1440))


def form_screenshot(rng: np.random.Generator) -> np.ndarray:
    """A web or app form with empty fields: labels, input boxes with grey placeholders, a
    dropdown for Sex, a Submit button; a browser's tab and address bar on a desktop."""
    phone = bool(rng.random() < 0.5)
    width, height = _pick(rng, PHONE_SIZES if phone else DESKTOP_SIZES)
    theme = _theme(rng)
    image = Image.new("RGB", (width, height), theme.background)
    draw = ImageDraw.Draw(image)
    if phone:
        unit = width / 24
        top = _header(draw, width, _status_bar(draw, width, unit, theme, rng), unit,
                      "Sign up", theme)
        left, form_width = unit * 1.5, width - unit * 3
    else:
        unit = height / 42
        chrome = (222, 225, 230)
        draw.rectangle((0, 0, width, unit * 4.2), fill=chrome)
        draw.rounded_rectangle((unit * 6, unit * 0.5, unit * 22, unit * 2.2), radius=unit * 0.4,
                               fill=(250, 250, 252))
        draw.text((unit * 7, unit * 1.35), "Sign up | Northwind", font=font(SANS[0],
                  round(unit * 0.7)), fill=(40, 40, 40), anchor="lm")
        draw.rounded_rectangle((unit * 4, unit * 2.6, width - unit * 4, unit * 3.9),
                               radius=unit * 0.6, fill=(250, 250, 252))
        draw.text((unit * 5, unit * 3.25), "https://www.northwind-example.com/register",
                  font=font(SANS[0], round(unit * 0.7)), fill=(70, 70, 70), anchor="lm")
        for i, colour in enumerate(((237, 106, 94), (245, 191, 79), (98, 197, 84))):
            draw.ellipse((unit * (0.8 + i * 1.3), unit * 0.9, unit * (1.7 + i * 1.3),
                          unit * 1.8), fill=colour)
        top = unit * 4.2
        form_width = min(width * 0.4, unit * 26)
        left = (width - form_width) / 2
    y = top + unit * 1.5
    draw.text((left, y), _pick(rng, FORM_TITLES), font=font(BOLD[0], round(unit * 1.3)),
              fill=theme.text)
    y += unit * 2.6
    label_face, input_face = font(SANS[0], round(unit * 0.75)), font(SANS[0], round(unit * 0.8))
    fields = [f for f in FORM_FIELDS if f[0] != "Phone (optional)" or rng.random() < 0.5]
    box_h = unit * 1.9
    for label, placeholder in fields:
        draw.text((left, y), label, font=label_face, fill=theme.text)
        y += unit * 1.1
        draw.rounded_rectangle((left, y, left + form_width, y + box_h), radius=unit * 0.35,
                               outline=theme.line, width=max(2, round(unit / 12)),
                               fill=theme.background)
        draw.text((left + unit * 0.6, y + box_h / 2), placeholder, font=input_face,
                  fill=theme.muted, anchor="lm")
        if label == "Sex":  # a dropdown's caret
            cx, cy = left + form_width - unit, y + box_h / 2
            draw.polygon([(cx - unit * 0.35, cy - unit * 0.15),
                          (cx + unit * 0.35, cy - unit * 0.15), (cx, cy + unit * 0.25)],
                         fill=theme.muted)
        y += box_h + unit * 0.9
    y += unit * 0.4
    _button(draw, (left, y, left + form_width, y + unit * 2.1), _pick(rng, ("Submit",
            "Create account", "Continue")), theme, unit)
    return np.asarray(image)


# --- drawn faces --------------------------------------------------------------------------

CARTOON_SKINS = ((255, 220, 185), (240, 190, 150), (200, 150, 110), (150, 100, 70),
                 (120, 200, 255), (140, 220, 120))


def emoji(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float,
          rng: np.random.Generator) -> None:
    """A flat smiley: a yellow disc outlined, two eyes, a mouth, sometimes cheeks."""
    outline = max(2, round(r / 18))
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 204, 51),
                 outline=(220, 150, 20), width=outline)
    eyes = int(rng.integers(3))
    for side in (-1, 1):
        ex, ey = cx + side * r * 0.35, cy - r * 0.25
        if eyes == 0:
            draw.ellipse((ex - r * 0.1, ey - r * 0.17, ex + r * 0.1, ey + r * 0.17),
                         fill=(60, 40, 20))
        elif eyes == 1:
            draw.arc((ex - r * 0.17, ey - r * 0.12, ex + r * 0.17, ey + r * 0.18), 200, 340,
                     fill=(60, 40, 20), width=max(2, round(r / 12)))
        else:
            draw.ellipse((ex - r * 0.16, ey - r * 0.16, ex + r * 0.16, ey + r * 0.16),
                         fill=(255, 255, 255), outline=(60, 40, 20), width=outline)
            draw.ellipse((ex - r * 0.07, ey - r * 0.07, ex + r * 0.07, ey + r * 0.07),
                         fill=(60, 40, 20))
    if rng.random() < 0.5:
        draw.chord((cx - r * 0.5, cy - r * 0.05, cx + r * 0.5, cy + r * 0.6), 0, 180,
                   fill=(120, 40, 30))
    else:
        draw.arc((cx - r * 0.5, cy - r * 0.2, cx + r * 0.5, cy + r * 0.55), 20, 160,
                 fill=(60, 40, 20), width=max(2, round(r / 12)))
    if rng.random() < 0.4:
        for side in (-1, 1):
            draw.ellipse((cx + side * r * 0.6 - r * 0.12, cy + r * 0.1, cx + side * r * 0.6
                          + r * 0.12, cy + r * 0.25), fill=(250, 150, 120))


def cartoon_head(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float,
                 rng: np.random.Generator) -> None:
    """A cartoon character's head: thick outlines, flat fills, big eyes with highlights, hair
    in a block of colour, a simple nose and mouth."""
    ink, line = (25, 20, 20), max(2, round(r / 14))
    skin = _pick(rng, CARTOON_SKINS)
    hair = docs._colour(rng, 0, 256)
    draw.ellipse((cx - r * 1.05, cy - r * 1.15, cx + r * 1.05, cy + r * 0.4), fill=hair,
                 outline=ink, width=line)
    for side in (-1, 1):  # ears
        draw.ellipse((cx + side * r * 0.95 - r * 0.15, cy - r * 0.1, cx + side * r * 0.95
                      + r * 0.15, cy + r * 0.25), fill=skin, outline=ink, width=line)
    draw.ellipse((cx - r * 0.9, cy - r * 0.8, cx + r * 0.9, cy + r), fill=skin, outline=ink,
                 width=line)
    draw.chord((cx - r * 0.95, cy - r * 1.1, cx + r * 0.95, cy - r * 0.1), 180, 360, fill=hair,
               outline=ink, width=line)
    eye_r = r * rng.uniform(0.18, 0.28)
    for side in (-1, 1):
        ex, ey = cx + side * r * 0.38, cy + r * 0.05
        draw.ellipse((ex - eye_r * 0.8, ey - eye_r, ex + eye_r * 0.8, ey + eye_r),
                     fill=(255, 255, 255), outline=ink, width=line)
        pupil = eye_r * 0.5
        draw.ellipse((ex - pupil, ey - pupil * 0.6, ex + pupil, ey + pupil * 1.2), fill=ink)
        draw.ellipse((ex - pupil * 0.2, ey - pupil * 0.3, ex + pupil * 0.3, ey + pupil * 0.2),
                     fill=(255, 255, 255))
        draw.line((ex - eye_r, ey - eye_r * 1.5, ex + eye_r, ey - eye_r * 1.7), fill=ink,
                  width=line)
    draw.arc((cx - r * 0.1, cy + r * 0.25, cx + r * 0.1, cy + r * 0.45), 0, 180, fill=ink,
             width=line)
    if rng.random() < 0.5:
        draw.chord((cx - r * 0.35, cy + r * 0.45, cx + r * 0.35, cy + r * 0.85), 0, 180,
                   fill=(140, 30, 40), outline=ink, width=line)
    else:
        draw.arc((cx - r * 0.35, cy + r * 0.35, cx + r * 0.35, cy + r * 0.75), 20, 160,
                 fill=ink, width=line)


def cartoon_character(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float,
                      rng: np.random.Generator) -> None:
    """A head on a simple body: shirt, arms, outlined."""
    ink, line = (25, 20, 20), max(2, round(r / 14))
    shirt = docs._colour(rng, 30, 256)
    draw.rounded_rectangle((cx - r * 0.9, cy + r * 0.9, cx + r * 0.9, cy + r * 3.0),
                           radius=r * 0.4, fill=shirt, outline=ink, width=line)
    cartoon_head(draw, cx, cy, r, rng)


def avatar_icon(image: Image.Image, box: tuple[float, float, float, float],
                rng: np.random.Generator) -> None:
    """A flat profile-picture icon: a coloured disc, a head with dot eyes and a smile, hair,
    shoulders."""
    x0, y0, x1, y1 = box
    w = x1 - x0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    mask = Image.new("L", (round(w), round(w)), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, round(w) - 1, round(w) - 1), fill=255)
    tile = Image.new("RGB", mask.size, docs._colour(rng, 60, 256))
    tile_draw = ImageDraw.Draw(tile)
    skin, hair = _pick(rng, docs.SKIN_TONES), docs._colour(rng, 10, 120)
    tw = w
    tile_draw.ellipse((tw * 0.15, tw * 0.72, tw * 0.85, tw * 1.3), fill=docs._colour(rng, 20, 200))
    tile_draw.ellipse((tw * 0.27, tw * 0.12, tw * 0.73, tw * 0.42), fill=hair)
    tile_draw.ellipse((tw * 0.3, tw * 0.2, tw * 0.7, tw * 0.68), fill=skin)
    for side in (-1, 1):
        ex = tw * (0.5 + side * 0.09)
        tile_draw.ellipse((ex - tw * 0.04, tw * 0.385, ex + tw * 0.04, tw * 0.435),
                          fill=(250, 250, 250))
        tile_draw.ellipse((ex - tw * 0.02, tw * 0.39, ex + tw * 0.02, tw * 0.43),
                          fill=(30, 25, 25))
        tile_draw.line((ex - tw * 0.045, tw * 0.355, ex + tw * 0.045, tw * 0.35),
                       fill=hair, width=max(1, round(tw / 60)))
    nose = tuple(int(v * 0.8) for v in skin)
    tile_draw.line((tw * 0.5, tw * 0.43, tw * 0.49, tw * 0.49), fill=nose,
                   width=max(1, round(tw / 70)))
    tile_draw.arc((tw * 0.41, tw * 0.45, tw * 0.59, tw * 0.58), 20, 160, fill=(120, 50, 50),
                  width=max(1, round(tw / 50)))
    image.paste(tile, (round(cx - w / 2), round(cy - w / 2)), mask)


def _canvas(rng: np.random.Generator) -> Image.Image:
    size = _pick(rng, ((1600, 1200), (1200, 1200), (1080, 1350), (1920, 1080)))
    return Image.new("RGB", size, docs._colour(rng, 180, 256))


def icon_faces(rng: np.random.Generator) -> np.ndarray:
    """A printed sheet of face icons, photographed on a table: rows of emoji and rows of
    avatar icons, both on every sheet (the first row's kind drawn, then alternating). Printed
    and photographed, as icons reach a photo upload (a sticker sheet, a sign), not as a
    rendered graphic, which the screenshot cue rightly flags."""
    image = _canvas(rng)
    draw = ImageDraw.Draw(image)
    width, height = image.size
    columns = int(rng.integers(3, 6))
    rows = max(2, round(height * columns / width))
    cell = min(width / columns, height / rows)
    left, top = (width - cell * columns) / 2, (height - cell * rows) / 2
    emoji_row = bool(rng.random() < 0.5)
    for row in range(rows):
        for column in range(columns):
            x, y = left + cell * column, top + cell * row
            if emoji_row:
                emoji(draw, x + cell / 2, y + cell / 2, cell * 0.38, rng)
            else:
                inset = cell * 0.1
                avatar_icon(image, (x + inset, y + inset, x + cell - inset, y + cell - inset),
                            rng)
        emoji_row = not emoji_row
    size = _pick(rng, scenes.PHOTO_SIZES[:4])
    photo = scenes.place(scenes.surface(rng, size), image.convert("RGBA"), rng,
                         width_fraction=(0.7, 0.9), max_angle=6.0, max_skew=0.03)
    return scenes.camera(photo, rng)


def cartoon_faces(rng: np.random.Generator) -> np.ndarray:
    """One to three cartoon characters on a flat background, or a cartoon poster on a wall,
    photographed."""
    if rng.random() < 0.4:
        return _poster_on_wall(rng)
    image = _canvas(rng)
    draw = ImageDraw.Draw(image)
    width, height = image.size
    count = int(rng.integers(1, 4))
    for index in range(count):
        r = min(width / (2.6 * count), height * 0.22)
        cartoon_character(draw, width * (index + 0.5) / count, height * 0.35, r, rng)
    return np.asarray(image)


def _poster_on_wall(rng: np.random.Generator) -> np.ndarray:
    """An illustrated poster (a cartoon and a title) hung on a painted wall, photographed."""
    poster = Image.new("RGB", (700, 1000), docs._colour(rng, 150, 256))
    draw = ImageDraw.Draw(poster)
    cartoon_character(draw, 350, 380, 190, rng)
    draw.text((350, 900), _pick(rng, ("READ MORE!", "SUMMER FAIR", "SCIENCE WEEK",
                                      "BE KIND")), font=font(_pick(rng, BOLD), 70),
              fill=(20, 20, 40), anchor="mm")
    size = _pick(rng, scenes.PHOTO_SIZES[:4])
    wall = np.full((size[1], size[0], 3), docs._colour(rng, 150, 240), np.uint8)
    floor = int(size[1] * rng.uniform(0.8, 0.92))
    wall[floor:] = docs._colour(rng, 60, 140)
    photo = scenes.place(wall, poster.convert("RGBA"), rng, width_fraction=(0.25, 0.4),
                         max_angle=4.0, max_skew=0.03)
    return scenes.camera(photo, rng)


# --- a shop shelf of boxes printed with a face --------------------------------------------

PRODUCTS = ("SUNNY OATS", "Morning Crunch", "HAPPY BABY", "VITA+ Tea", "Fresh Smile",
            "CHOCO POPS")


def _product_box(rng: np.random.Generator, size: tuple[int, int], face: Image.Image | None
                 ) -> Image.Image:
    """The front of a box (or a poster): the brand colour, the product's name, the printed
    face if any, a flash."""
    width, height = size
    box, mean = docs._stock(rng, size, light=bool(rng.random() < 0.5))
    draw = ImageDraw.Draw(box)
    ink = docs._ink_for(mean, rng)
    name = _pick(rng, PRODUCTS)
    face_name, text_size = _pick(rng, BOLD), max(12, width // 7)
    while draw.textlength(name, font=font(face_name, text_size)) > width * 0.9 and text_size > 8:
        text_size -= 1
    draw.text((width / 2, height * 0.1), name, font=font(face_name, text_size), fill=ink,
              anchor="mm")
    if face is not None:
        printed = face.resize((round(width * 0.7),
                               round(width * 0.7 * face.height / face.width)))
        box.paste(printed, (round(width * 0.15), round(height * 0.2)))
    draw.ellipse((width * 0.62, height * 0.72, width * 0.95, height * 0.95), fill=(230, 30, 40))
    draw.text((width * 0.785, height * 0.835), "NEW", font=font(BOLD[0], max(8, width // 10)),
              fill=(255, 255, 255), anchor="mm")
    return box


def shop_shelf(rng: np.random.Generator) -> np.ndarray:
    """Shelves of identical boxes, each printed with the same drawn face, price tags on the
    shelf edges, and the brand's poster above: printed faces, not people in the scene. The
    poster carries no face: a single printed photograph of a face is judged as a face
    (vmscreen explain FAC103), so it would make the file a positive."""
    width, height = _pick(rng, ((1600, 1200), (2016, 1512), (1920, 1080)))
    face = docs.portrait((300, 380), rng)
    image = Image.new("RGB", (width, height), docs._colour(rng, 170, 240))
    draw = ImageDraw.Draw(image)
    poster_h = height * rng.uniform(0.22, 0.3)
    poster_w = poster_h * 1.6
    px = width * rng.uniform(0.05, 0.95) - poster_w / 2
    px = float(np.clip(px, 10, width - poster_w - 10))
    poster = _product_box(rng, (round(poster_w), round(poster_h)), None)
    image.paste(poster, (round(px), round(height * 0.03)))
    top = height * 0.03 + poster_h + height * 0.04
    rows = int(rng.integers(2, 4))
    row_h = (height - top) / rows
    box_w = round(width / rng.uniform(6, 10))
    box_h = round(min(row_h * 0.78, box_w * 1.4))
    box = _product_box(rng, (box_w, box_h), face)
    price_face = font(BOLD[0], max(14, box_w // 8))
    shelf = docs._colour(rng, 60, 140)
    for row in range(rows):
        base = top + (row + 1) * row_h - row_h * 0.08
        x = float(rng.uniform(5, box_w * 0.5))
        while x + box_w < width:
            image.paste(box, (round(x + rng.uniform(-3, 3)), round(base - box_h)))
            x += box_w + rng.uniform(4, 12)
        draw.rectangle((0, base, width, base + row_h * 0.08), fill=shelf)
        for tag_x in range(int(box_w * 0.3), width - box_w, box_w * 3):
            draw.rectangle((tag_x, base + 3, tag_x + box_w * 0.7, base + row_h * 0.08 - 3),
                           fill=(255, 240, 90))
            draw.text((tag_x + box_w * 0.35, base + row_h * 0.04),
                      f"{_pick(rng, ('$', '€', '£'))}{int(rng.integers(1, 9))}."
                      f"{int(rng.integers(0, 100)):02d}", font=price_face, fill=(20, 20, 20),
                      anchor="mm")
    return scenes.camera(np.asarray(image), rng)
