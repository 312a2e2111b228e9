"""Flat renderings of the documents in the synthetic set, drawn at 10 pixels per millimetre:
payment cards, passport data pages, ID cards, visas, driving licences, SSN cards, and the
look-alikes that must not be flagged (gift and loyalty cards, receipts, flyers, tickets).

Each returns an RGBA image (transparent outside rounded corners) for synthetic_scenes to place
in a photo. Fonts come from Debian's fonts-dejavu-core, fonts-liberation and fonts-freefont-ttf.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from benchmarks.sets import synthetic_numbers as numbers

FONT_DIR = Path("/usr/share/fonts/truetype")
SANS = ("dejavu/DejaVuSans.ttf", "liberation/LiberationSans-Regular.ttf", "freefont/FreeSans.ttf",
        "dejavu/DejaVuSansCondensed.ttf", "liberation/LiberationSansNarrow-Regular.ttf")
BOLD = ("dejavu/DejaVuSans-Bold.ttf", "liberation/LiberationSans-Bold.ttf",
        "freefont/FreeSansBold.ttf", "dejavu/DejaVuSerif-Bold.ttf",
        "liberation/LiberationSerif-Bold.ttf")
MONO = ("dejavu/DejaVuSansMono.ttf", "liberation/LiberationMono-Regular.ttf",
        "freefont/FreeMonoBold.ttf", "dejavu/DejaVuSansMono-Bold.ttf",
        "liberation/LiberationMono-Bold.ttf")
# Card numbers are printed or embossed in wide faces; some issuers use a proportional one.
CARD_DIGITS = (*MONO, "dejavu/DejaVuSans.ttf", "liberation/LiberationSans-Bold.ttf",
               "freefont/FreeSans.ttf")
FONT_PACKAGES = "fonts-dejavu-core fonts-liberation fonts-freefont-ttf"

Colour = tuple[int, int, int]
MrzEdit = Callable[[Sequence[str]], Sequence[str]]


def missing_fonts() -> list[str]:
    return [name for name in {*SANS, *BOLD, *MONO} if not (FONT_DIR / name).exists()]


@cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / name), size)


def _pick(rng: np.random.Generator, options: Sequence[str]) -> str:
    return options[int(rng.integers(len(options)))]


def _colour(rng: np.random.Generator, lo: int = 0, hi: int = 256) -> Colour:
    return tuple(int(v) for v in rng.integers(lo, hi, 3))  # type: ignore[return-value]


def _luminance(colour: Colour) -> float:
    return 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]


def _ink_for(background: Colour, rng: np.random.Generator) -> Colour:
    """Dark ink on light stock, light ink on dark stock, never the same as the stock."""
    if _luminance(background) > 140:
        return _colour(rng, 0, 60)
    return _colour(rng, 215, 256)


def _gradient(size: tuple[int, int], a: Colour, b: Colour, angle: float) -> Image.Image:
    width, height = size
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    t = x * np.cos(angle) + y * np.sin(angle)
    t = (t - t.min()) / max(1e-6, float(t.max() - t.min()))
    pixels = (1 - t)[..., None] * np.array(a) + t[..., None] * np.array(b)
    return Image.fromarray(pixels.astype(np.uint8))


def _pattern(image: Image.Image, rng: np.random.Generator) -> None:
    """Guilloche-like curves, circles or bands, faint, as security printing has."""
    draw = ImageDraw.Draw(image, "RGBA")
    width, height = image.size
    kind = int(rng.integers(4))
    tint = (*_colour(rng), int(rng.integers(20, 55)))
    if kind == 0:
        cx, cy = rng.integers(0, width), rng.integers(0, height)
        for radius in range(20, 2 * width, int(rng.integers(14, 40))):
            draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=tint,
                         width=2)
    elif kind == 1:
        x = np.arange(width)
        for offset in range(-height, 2 * height, int(rng.integers(12, 30))):
            ys = offset + 30 * np.sin(x / rng.uniform(40, 120)) + x * rng.uniform(-0.3, 0.3)
            draw.line(list(zip(x.tolist(), ys.tolist(), strict=True)), fill=tint, width=2)
    elif kind == 2:
        for start in range(-height, width, int(rng.integers(60, 160))):
            draw.polygon([(start, 0), (start + 40, 0), (start + 40 + height, height),
                          (start + height, height)], fill=tint)


def _rounded(image: Image.Image, radius: int) -> Image.Image:
    mask = Image.new("L", image.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, *[s - 1 for s in image.size]), radius, fill=255)
    out = image.convert("RGBA")
    out.putalpha(mask)
    return out


def _stock(rng: np.random.Generator, size: tuple[int, int], light: bool | None = None
           ) -> tuple[Image.Image, Colour]:
    """A printed background: a gradient between two related colours, with a pattern."""
    if light is None:
        light = bool(rng.random() < 0.5)
    lo, hi = (150, 256) if light else (10, 120)
    a = _colour(rng, lo, hi)
    b = tuple(int(np.clip(v + rng.integers(-50, 50), lo, hi - 1)) for v in a)
    image = _gradient(size, a, b, float(rng.uniform(0, np.pi)))  # type: ignore[arg-type]
    if rng.random() < 0.8:
        _pattern(image, rng)
    mean = tuple(int(v) for v in np.asarray(image).reshape(-1, 3).mean(axis=0))
    return image, mean  # type: ignore[return-value]


def _text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str,
          face: ImageFont.FreeTypeFont, fill: Colour, *, embossed: bool = False) -> None:
    if embossed:  # raised digits: a dark edge below right, a highlight above left
        x, y = xy
        draw.text((x + 2, y + 2), text, font=face, fill=(30, 30, 30))
        draw.text((x - 1, y - 1), text, font=face, fill=(250, 250, 250))
    draw.text(xy, text, font=face, fill=fill)


def _chip(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
    draw.rounded_rectangle((x, y, x + 110, y + 82), 14, fill=(212, 175, 90),
                           outline=(150, 120, 60), width=2)
    for dy in (27, 54):
        draw.line((x, y + dy, x + 110, y + dy), fill=(150, 120, 60), width=2)
    draw.line((x + 55, y, x + 55, y + 82), fill=(150, 120, 60), width=2)


def _scheme_mark(draw: ImageDraw.ImageDraw, scheme: str, right: int, bottom: int,
                 rng: np.random.Generator) -> None:
    if scheme in ("mastercard", "maestro"):
        second = (255, 160, 0) if scheme == "mastercard" else (0, 110, 200)
        draw.ellipse((right - 170, bottom - 100, right - 70, bottom), fill=(235, 0, 27))
        draw.ellipse((right - 110, bottom - 100, right - 10, bottom), fill=second)
        return
    words = {"visa": "VISA", "amex": "AMERICAN EXPRESS", "discover": "DISCOVER",
             "diners": "Diners Club", "jcb": "JCB", "unionpay": "UnionPay"}[scheme]
    face = font(_pick(rng, BOLD), 60 if len(words) < 6 else 34)
    left = right - draw.textlength(words, font=face)
    draw.text((left, bottom - 70), words, font=face, fill=(255, 255, 255),
              stroke_width=2, stroke_fill=(20, 40, 120))


BANKS = ("NORTHBANK", "Meridian Credit Union", "First Harbour", "AURORA BANK", "Banco Solar",
         "Kreditbank Nord", "Crédit du Lac", "UNITED SAVINGS", "Pacifica", "HELIOS")
STORES = ("BOOK NOOK", "Green Grocer", "CINEMA CITY", "Coffee Corner", "MEGA MART", "PetPlace")


def payment_card(rng: np.random.Generator, scheme: str, number: str | None = None,
                 holder: str | None = None) -> Image.Image:
    """The front of a credit or debit card with its number in the scheme's grouping."""
    number = number or numbers.card_number(rng, scheme)
    grouping = numbers.SCHEMES[scheme][2]
    image, mean = _stock(rng, (856, 540))
    draw = ImageDraw.Draw(image)
    ink = _ink_for(mean, rng)
    draw.text((50, 40), _pick(rng, BANKS), font=font(_pick(rng, BOLD), 46), fill=ink)
    _chip(draw, 80, 170)
    embossed = bool(rng.random() < 0.5)
    digit_face, size = _pick(rng, CARD_DIGITS), int(rng.integers(50, 64))
    shown = numbers.group(number, grouping)
    while draw.textlength(shown, font=font(digit_face, size)) > 760:
        size -= 2
    _text(draw, (60, 300 if scheme != "amex" else 280), shown, font(digit_face, size), ink,
          embossed=embossed)
    small = font(_pick(rng, SANS), 22)
    month, year = int(rng.integers(1, 13)), int(rng.integers(26, 34))
    draw.text((330, 385), "VALID\nTHRU", font=small, fill=ink)
    _text(draw, (410, 382), f"{month:02d}/{year}", font(digit_face, 40), ink, embossed=embossed)
    person = numbers.person(rng)
    _text(draw, (60, 450), holder or f"{person.given} {person.surname}",
          font(_pick(rng, MONO), 36), ink, embossed=embossed)
    _scheme_mark(draw, scheme, 820, 510, rng)
    return _rounded(image, 36)


def lookalike_card(rng: np.random.Generator, kind: str) -> Image.Image:
    """Gift and loyalty cards: card-shaped, long numbers, but not payment cards."""
    image, mean = _stock(rng, (856, 540))
    draw = ImageDraw.Draw(image)
    ink = _ink_for(mean, rng)
    draw.text((50, 40), _pick(rng, STORES), font=font(_pick(rng, BOLD), 56), fill=ink)
    if kind == "gift":
        draw.text((50, 130), f"GIFT CARD  ${int(rng.choice([10, 25, 50, 100]))}",
                  font=font(_pick(rng, BOLD), 52), fill=ink)
        # Either Luhn-invalid, or Luhn-valid in a range no payment scheme uses.
        if rng.random() < 0.5:
            number = numbers.luhn_failing(rng, 16, prefix="6")
        else:
            body = "7" + "".join(str(d) for d in rng.integers(0, 10, 14))
            number = next(body + d for d in "0123456789" if numbers.luhn_ok(body + d))
        draw.text((60, 330), numbers.group(number, (4, 4, 4, 4)),
                  font=font(_pick(rng, MONO), 52), fill=ink)
        draw.text((60, 420), f"PIN {int(rng.integers(0, 10000)):04d}",
                  font=font(_pick(rng, SANS), 36), fill=ink)
    else:
        draw.text((50, 130), "REWARDS MEMBER", font=font(_pick(rng, BOLD), 48), fill=ink)
        member = numbers.luhn_failing(rng, int(rng.integers(12, 17)), prefix="9")
        draw.text((60, 330), f"No. {member}", font=font(_pick(rng, MONO), 46), fill=ink)
        draw.text((60, 420), f"Member since {int(rng.integers(2005, 2025))}",
                  font=font(_pick(rng, SANS), 34), fill=ink)
    return _rounded(image, 36)


SKIN_TONES = ((236, 200, 170), (215, 175, 140), (190, 145, 110), (150, 105, 75), (105, 70, 50))


def portrait(size: tuple[int, int], rng: np.random.Generator) -> Image.Image:
    """A drawn head and shoulders where a document photo goes (no real person's face): hair,
    an oval face, eyes with whites and irises, brows, a nose and a mouth, softened like a print,
    so that a face detector sees a face as it would in a real document photo."""
    width, height = size
    image = Image.new("RGB", size, _colour(rng, 190, 240))
    draw = ImageDraw.Draw(image)
    cx, cy, rx, ry = width * 0.5, height * 0.45, width * 0.25, height * 0.26
    skin = SKIN_TONES[int(rng.integers(len(SKIN_TONES)))]
    hair, ink = _colour(rng, 10, 80), (40, 30, 25)
    draw.ellipse((cx - rx * 1.25, cy - ry * 1.25, cx + rx * 1.25, cy + ry * 0.9), fill=hair)
    draw.rectangle((cx - rx * 0.45, cy + ry * 0.8, cx + rx * 0.45, cy + ry * 1.5), fill=skin)
    draw.ellipse((width * 0.05, height * 0.8, width * 0.95, height * 1.4),
                 fill=_colour(rng, 20, 120))
    draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=skin)
    # Light falls on the forehead, the nose and the cheeks: darker skin needs it to read as a face.
    lit = tuple(min(255, int(v * 1.3 + 12)) for v in skin)
    draw.ellipse((cx - rx * 0.7, cy - ry * 0.75, cx + rx * 0.7, cy + ry * 0.55), fill=lit)
    for side in (-1, 1):
        ex, ey = cx + side * rx * 0.4, cy - ry * 0.18
        draw.ellipse((ex - rx * 0.21, ey - ry * 0.08, ex + rx * 0.21, ey + ry * 0.08),
                     fill=(250, 250, 250))
        draw.ellipse((ex - rx * 0.08, ey - ry * 0.07, ex + rx * 0.08, ey + ry * 0.07), fill=ink)
        draw.line((ex - rx * 0.23, ey - ry * 0.22, ex + rx * 0.23, ey - ry * 0.25), fill=ink,
                  width=max(1, round(rx * 0.06)))
    nose = tuple(int(v * 0.75) for v in skin)
    draw.line((cx, cy - ry * 0.1, cx - rx * 0.1, cy + ry * 0.22), fill=nose,
              width=max(1, round(rx * 0.05)))
    draw.arc((cx - rx * 0.35, cy + ry * 0.3, cx + rx * 0.35, cy + ry * 0.6), 20, 160,
             fill=(150, 70, 70), width=max(1, round(rx * 0.06)))
    return image.filter(ImageFilter.GaussianBlur(max(1.0, width / 200)))


def _mrz(draw: ImageDraw.ImageDraw, lines: Sequence[str], left: int, bottom: int,
         rng: np.random.Generator) -> None:
    """Machine-readable lines at the ICAO pitch: 2.54 mm a character, whatever the typeface."""
    face = font(_pick(rng, MONO), 38)
    pitch, line_gap = 25.4, 44
    top = bottom - line_gap * len(lines)
    for row, line in enumerate(lines):
        for column, char in enumerate(line):
            draw.text((left + column * pitch, top + row * line_gap), char, font=face,
                      fill=(15, 15, 20))


def _fields(draw: ImageDraw.ImageDraw, pairs: Sequence[tuple[str, str]], x: int, y: int,
            rng: np.random.Generator, step: int = 62, value_size: int = 30) -> None:
    label_face = font(_pick(rng, SANS), 18)
    value_face = font(_pick(rng, BOLD), value_size)
    for index, (label, value) in enumerate(pairs):
        draw.text((x, y + index * step), label, font=label_face, fill=(70, 70, 90))
        draw.text((x, y + index * step + 20), value, font=value_face, fill=(10, 10, 25))


def _date(yymmdd: str, style: str = "dmy") -> str:
    yy, mm, dd = yymmdd[:2], yymmdd[2:4], yymmdd[4:]
    century = "19" if int(yy) > 40 else "20"
    return f"{mm}/{dd}/{century}{yy}" if style == "mdy" else f"{dd}.{mm}.{century}{yy}"


PASSPORT_TITLES = ("PASSPORT / PASSEPORT", "REISEPASS / PASSPORT / PASSEPORT",
                   "PASAPORTE / PASSPORT", "PASSAPORTO / PASSPORT", "PASPOORT / PASSPORT")


def passport_page(rng: np.random.Generator, mrz_edit: MrzEdit | None = None) -> Image.Image:
    """A TD3 data page: portrait, fields, and two 44-character MRZ lines (``mrz_edit``
    changes the printed lines: the benchmark's specimens with broken check digits)."""
    person = numbers.person(rng)
    image, _ = _stock(rng, (1250, 880), light=True)
    draw = ImageDraw.Draw(image)
    draw.text((40, 30), _pick(rng, PASSPORT_TITLES), font=font(_pick(rng, BOLD), 34),
              fill=(20, 30, 80))
    image.paste(portrait((300, 380), rng), (50, 110))
    _fields(draw, [("Type / Type", "P"), ("Surname / Nom", person.surname),
                   ("Given names / Prénoms", person.given),
                   ("Nationality / Nationalité", person.nationality.replace("<", "")),
                   ("Date of birth / Date de naissance", _date(person.birth)),
                   ("Date of expiry / Date d'expiration", _date(person.expiry))],
            400, 100, rng, step=70)
    draw.text((900, 100), "Passport No.", font=font(_pick(rng, SANS), 18), fill=(70, 70, 90))
    draw.text((900, 120), person.number, font=font(_pick(rng, BOLD), 30), fill=(150, 20, 20))
    lines = numbers.td3(person)
    _mrz(draw, mrz_edit(lines) if mrz_edit else lines, 45, 860, rng)
    return _rounded(image, 20)


def visa_page(rng: np.random.Generator, width: int) -> Image.Image:
    """A visa sticker: format A (44 characters a line) or B (36)."""
    person = numbers.person(rng)
    size = (1200, 820) if width == 44 else (1050, 740)
    image, _ = _stock(rng, size, light=True)
    draw = ImageDraw.Draw(image)
    draw.text((40, 30), "VISA", font=font(_pick(rng, BOLD), 60), fill=(20, 60, 40))
    image.paste(portrait((250, 320), rng), (40, 120))
    _fields(draw, [("Valid from", _date(person.birth)), ("Until", _date(person.expiry)),
                   ("Type of visa", _pick(rng, ("C", "D", "B-2", "TOURIST"))),
                   ("Name", f"{person.surname}, {person.given}")], 340, 110, rng)
    _mrz(draw, numbers.visa(person, width), 40, size[1] - 25, rng)
    return _rounded(image, 16)


ID_TITLES = ("IDENTITY CARD", "PERSONALAUSWEIS / IDENTITY CARD", "CARTE NATIONALE D'IDENTITÉ",
             "DOCUMENTO NACIONAL DE IDENTIDAD", "CARTA D'IDENTITÀ", "DOWÓD OSOBISTY",
             "IDENTITEITSKAART", "BILHETE DE IDENTIDADE")
ID_LABELS = (("Surname", "Given names", "Date of birth", "Nationality", "Card no."),
             ("Name", "Vornamen", "Geburtstag", "Staatsangehörigkeit", "Ausweisnummer"),
             ("Nom", "Prénoms", "Né(e) le", "Nationalité", "N° de carte"),
             ("Apellidos", "Nombre", "Fecha de nacimiento", "Nacionalidad", "Núm. soporte"),
             ("Cognome", "Nome", "Data di nascita", "Cittadinanza", "Numero"))


def id_card_front(rng: np.random.Generator) -> Image.Image:
    """An ID card front: title, portrait, labelled fields; no MRZ on this side."""
    person = numbers.person(rng)
    image, _ = _stock(rng, (856, 540), light=True)
    draw = ImageDraw.Draw(image)
    draw.text((30, 20), _pick(rng, ID_TITLES), font=font(_pick(rng, BOLD), 32), fill=(20, 30, 80))
    image.paste(portrait((230, 300), rng), (30, 90))
    labels = ID_LABELS[int(rng.integers(len(ID_LABELS)))]
    values = (person.surname, person.given, _date(person.birth),
              person.nationality.replace("<", ""), person.number)
    _fields(draw, list(zip(labels, values, strict=True)), 290, 80, rng, step=82)
    return _rounded(image, 30)


def id_card_back(rng: np.random.Generator, layout: str, mrz_edit: MrzEdit | None = None
                 ) -> Image.Image:
    """The MRZ side: TD1 (an ID-1 card, 3 x 30) or TD2 (a larger card, 2 x 36); ``mrz_edit``
    as for passport_page."""
    person = numbers.person(rng)
    code = _pick(rng, ("ID", "I<", "AC", "IR"))
    size = (856, 540) if layout == "td1" else (1050, 740)
    image, _ = _stock(rng, size, light=True)
    draw = ImageDraw.Draw(image)
    face = font(_pick(rng, SANS), 24)
    draw.text((40, 40), f"Address / Adresse\n{int(rng.integers(1, 200))} Harbour Street",
              font=face, fill=(40, 40, 60))
    draw.text((40, 130), f"Height {int(rng.integers(150, 200))} cm   Eyes BROWN", font=face,
              fill=(40, 40, 60))
    lines = numbers.td1(person, code) if layout == "td1" else numbers.td2(person, code)
    _mrz(draw, mrz_edit(lines) if mrz_edit else lines, 30, size[1] - 20, rng)
    return _rounded(image, 30)


LICENCE_REGIONS = ("CALIFORNIA", "NEW YORK STATE", "TEXAS", "FLORIDA", "OHIO", "OREGON")
EU_LICENCE_TITLES = ("DRIVING LICENCE", "FÜHRERSCHEIN", "PERMIS DE CONDUIRE",
                     "PERMISO DE CONDUCCIÓN", "PATENTE DI GUIDA", "RIJBEWIJS", "PRAWO JAZDY")


def licence_front(rng: np.random.Generator) -> Image.Image:
    """A driving licence front, US or EU layout, no MRZ."""
    person = numbers.person(rng)
    image, _ = _stock(rng, (856, 540), light=True)
    draw = ImageDraw.Draw(image)
    number = f"{_pick(rng, 'ABDFGKMSW')}{int(rng.integers(1e6, 1e7))}"
    if rng.random() < 0.5:
        draw.text((30, 15), _pick(rng, LICENCE_REGIONS), font=font(_pick(rng, BOLD), 36),
                  fill=(20, 40, 110))
        draw.text((30, 58), "DRIVER LICENSE", font=font(_pick(rng, BOLD), 30), fill=(160, 20, 20))
        fields = [("DL", number), ("EXP", _date(person.expiry, "mdy")),
                  ("LN", person.surname), ("FN", person.given),
                  ("DOB", _date(person.birth, "mdy")), ("CLASS", "C   SEX " + person.sex)]
    else:
        draw.text((30, 15), _pick(rng, EU_LICENCE_TITLES), font=font(_pick(rng, BOLD), 36),
                  fill=(20, 40, 110))
        fields = [("1.", person.surname), ("2.", person.given),
                  ("3.", _date(person.birth)), ("4b.", _date(person.expiry)),
                  ("5.", number), ("9.", "AM/A/B")]
    image.paste(portrait((230, 300), rng), (30, 110))
    _fields(draw, fields, 290, 100, rng, step=66, value_size=28)
    return _rounded(image, 30)


def licence_back(rng: np.random.Generator) -> Image.Image:
    """A US licence back: the AAMVA PDF417 barcode."""
    import zxingcpp

    person = numbers.person(rng)
    state = _pick(rng, ("CA", "NY", "TX", "FL", "OH", "OR"))
    payload = numbers.aamva(person, state, f"D{int(rng.integers(1e6, 1e7))}")
    code = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.PDF417)
    barcode = Image.fromarray(np.asarray(code.to_image(scale=2))).convert("RGB")
    barcode = barcode.resize((760, int(barcode.height * 760 / barcode.width)), Image.NEAREST)
    image, _ = _stock(rng, (856, 540), light=True)
    image.paste(barcode, (48, 40))
    ImageDraw.Draw(image).text((48, 480), "Organ donor: NO", font=font(_pick(rng, SANS), 24),
                               fill=(40, 40, 40))
    return _rounded(image, 30)


def ssn_card(rng: np.random.Generator) -> Image.Image:
    """A US Social Security card: the number, the wording, a name; no MRZ or photo."""
    person = numbers.person(rng)
    image = _gradient((856, 540), (225, 235, 245), (190, 210, 235), float(rng.uniform(0, 3)))
    _pattern(image, rng)
    draw = ImageDraw.Draw(image)
    title = font(_pick(rng, ("dejavu/DejaVuSerif-Bold.ttf", "liberation/LiberationSerif-Bold.ttf",
                             "freefont/FreeSerifBold.ttf")), 52)
    draw.text((428, 40), "SOCIAL SECURITY", font=title, fill=(20, 50, 120), anchor="mt")
    small = font(_pick(rng, SANS), 22)
    draw.text((428, 170), "THIS NUMBER HAS BEEN ESTABLISHED FOR", font=small, fill=(20, 20, 40),
              anchor="mt")
    draw.text((428, 115), numbers.ssn(rng), font=font(_pick(rng, BOLD), 44), fill=(10, 10, 10),
              anchor="mt")
    draw.text((428, 215), f"{person.given} {person.surname}", font=font(_pick(rng, BOLD), 40),
              fill=(10, 10, 10), anchor="mt")
    draw.line((160, 420, 700, 420), fill=(40, 40, 40), width=2)
    draw.text((428, 430), "SIGNATURE", font=small, fill=(20, 20, 40), anchor="mt")
    return _rounded(image, 12)


def receipt(rng: np.random.Generator) -> Image.Image:
    """A till receipt: prices, a date, a masked card number, an authorisation code."""
    lines = [_pick(rng, STORES), f"{int(rng.integers(1, 300))} High Street", ""]
    total = 0.0
    for _ in range(int(rng.integers(4, 9))):
        price = float(rng.integers(50, 3000)) / 100
        total += price
        item = _pick(rng, ("MILK 1L", "BREAD", "COFFEE BEANS", "APPLES", "NOTEBOOK", "BATTERIES",
                           "SHAMPOO", "PASTA", "TOMATOES"))
        lines.append(f"{item:<20}{price:>8.2f}")
    masked = "*" * 12 + f"{int(rng.integers(0, 10000)):04d}"
    lines += ["", f"{'TOTAL':<20}{total:>8.2f}",
              f"VISA {masked}", f"AUTH CODE {int(rng.integers(1e5, 1e6))}",
              f"TERMINAL {int(rng.integers(1e7, 1e8))}",
              f"20{int(rng.integers(20, 26))}-{int(rng.integers(1, 13)):02d}-"
              f"{int(rng.integers(1, 29)):02d} {int(rng.integers(7, 22)):02d}:"
              f"{int(rng.integers(0, 60)):02d}",
              f"REF {numbers.luhn_failing(rng, 16, prefix='0')}", "THANK YOU"]
    face = font(_pick(rng, MONO), 26)
    image = Image.new("RGB", (520, 60 + 36 * len(lines)), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((24, 30 + index * 36), line, font=face, fill=(30, 30, 30))
    return image.convert("RGBA")


def flyer(rng: np.random.Generator) -> Image.Image:
    """A notice with phone numbers and dates: digits in long runs that are not sensitive."""
    image, mean = _stock(rng, (800, 1000), light=True)
    draw = ImageDraw.Draw(image)
    ink = _ink_for(mean, rng)
    headline = _pick(rng, ("YARD SALE", "PIANO LESSONS", "LOST CAT", "BAND TONIGHT",
                           "ROOM TO LET"))
    draw.text((40, 40), headline, font=font(_pick(rng, BOLD), 80), fill=ink)
    body = font(_pick(rng, SANS), 38)
    lines = [f"Saturday {int(rng.integers(1, 29))}.{int(rng.integers(1, 13))}.2025, 10:00-16:00",
             "Call or text:", numbers.phone(rng), "Office:", numbers.phone(rng),
             f"Order no. {numbers.luhn_failing(rng, 14, prefix='1')}"]
    for index, line in enumerate(lines):
        draw.text((40, 220 + index * 90), line, font=body, fill=ink)
    return image.convert("RGBA")


def ticket(rng: np.random.Generator) -> Image.Image:
    """A train or event ticket: dates, times, a long booking reference that fails Luhn."""
    image, _ = _stock(rng, (900, 380), light=True)
    draw = ImageDraw.Draw(image)
    draw.text((30, 20), _pick(rng, ("RAIL TICKET", "ADMIT ONE", "BOARDING PASS")),
              font=font(_pick(rng, BOLD), 48), fill=(20, 20, 60))
    body = font(_pick(rng, MONO), 32)
    date = f"{int(rng.integers(1, 29)):02d}/{int(rng.integers(1, 13)):02d}/2025"
    draw.text((30, 110), f"DATE {date}  DEP {int(rng.integers(6, 23)):02d}:15", font=body,
              fill=(20, 20, 20))
    draw.text((30, 170), f"COACH {int(rng.integers(1, 12))}  SEAT {int(rng.integers(1, 80))}A",
              font=body, fill=(20, 20, 20))
    draw.text((30, 250), f"BOOKING {numbers.luhn_failing(rng, 18, prefix='8')}", font=body,
              fill=(20, 20, 20))
    return _rounded(image, 10)


def soften(image: Image.Image, radius: float) -> Image.Image:
    return image.filter(ImageFilter.GaussianBlur(radius)) if radius > 0 else image
