"""Payment-card fixtures the synthetic set's cards do not cover: numbers in a seven-segment
face, large embossed numbers over busy colourful art, and the same grouped numbers on a plain
receipt and a gift card (no card furniture). Plain functions returning images; photos of them
come from benchmarks.sets.synthetic_scenes like the set's own."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from benchmarks.sets import synthetic_documents as docs
from benchmarks.sets import synthetic_scenes as scenes

CARD = (856, 540)
# Segments a..g of a seven-segment digit, and the digits that light them.
_SEGMENTS = {"0": "abcdef", "1": "bc", "2": "abged", "3": "abgcd", "4": "fgbc", "5": "afgcd",
             "6": "afgedc", "7": "abc", "8": "abcdefg", "9": "abcdfg"}


def _segment_digit(draw: ImageDraw.ImageDraw, x: float, y: float, width: float, height: float,
                   digit: str, ink: tuple[int, int, int]) -> None:
    t = width * 0.2  # stroke
    half = height / 2
    bars = {"a": (x + t, y, x + width - t, y + t), "g": (x + t, y + half - t / 2,
                                                         x + width - t, y + half + t / 2),
            "d": (x + t, y + height - t, x + width - t, y + height),
            "f": (x, y + t, x + t, y + half - t / 2), "b": (x + width - t, y + t, x + width,
                                                             y + half - t / 2),
            "e": (x, y + half + t / 2, x + t, y + height - t),
            "c": (x + width - t, y + half + t / 2, x + width, y + height - t)}
    for segment in _SEGMENTS[digit]:
        x0, y0, x1, y1 = bars[segment]
        draw.rectangle((x0 + 1, y0 + 1, x1 - 1, y1 - 1), fill=ink)


def segment_number(draw: ImageDraw.ImageDraw, xy: tuple[float, float], groups: list[str],
                   height: float, ink: tuple[int, int, int]) -> None:
    """Digits drawn as seven segments, groups spaced as a card prints them."""
    x, y = xy
    width = height * 0.55
    for group in groups:
        for digit in group:
            _segment_digit(draw, x, y, width, height, digit, ink)
            x += width * 1.3
        x += width


def _furniture(image: Image.Image, rng: np.random.Generator, ink: tuple[int, int, int],
               scheme: str | None, holder: str) -> None:
    """A chip, VALID THRU and a date, the holder's name and (optionally) a scheme's mark."""
    draw = ImageDraw.Draw(image)
    docs._chip(draw, 80, 150)
    small = docs.font("dejavu/DejaVuSans.ttf", 22)
    draw.text((330, 385), "VALID\nTHRU", font=small, fill=ink)
    draw.text((410, 382), f"{int(rng.integers(1, 13)):02d}/{int(rng.integers(26, 34))}",
              font=docs.font("dejavu/DejaVuSansMono.ttf", 40), fill=ink)
    draw.text((60, 450), holder, font=docs.font("dejavu/DejaVuSansMono.ttf", 36), fill=ink)
    if scheme:
        docs._scheme_mark(draw, scheme, 820, 510, rng)


def segment_card(rng: np.random.Generator, number: str, scheme: str | None = "visa"
                 ) -> Image.Image:
    """A card whose number is printed in a seven-segment face, beside the usual furniture."""
    image, mean = docs._stock(rng, CARD, light=True)
    ink = docs._ink_for(mean, rng)
    groups = [number[i:i + 4] for i in range(0, len(number), 4)]
    segment_number(ImageDraw.Draw(image), (60, 285), groups, 54, ink)
    _furniture(image, rng, ink, scheme, "JANE Q EXAMPLE")
    return docs._rounded(image, 36)


def busy_art(rng: np.random.Generator, size: tuple[int, int]) -> Image.Image:
    """Overlapping discs and triangles in saturated colours, as some card designs are."""
    width, height = size
    image = Image.new("RGB", size, tuple(int(v) for v in rng.integers(0, 256, 3)))
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = int(rng.integers(-100, width)), int(rng.integers(-100, height))
        r = int(rng.integers(20, 160))
        colour = tuple(int(v) for v in rng.integers(0, 256, 3))
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + r, y + r), fill=colour)
        else:
            draw.polygon([(x, y), (x + r, y + int(rng.integers(-80, 80))),
                          (x + int(rng.integers(-80, 80)), y + r)], fill=colour)
    return image.filter(ImageFilter.GaussianBlur(1.5))


def embossed_card(rng: np.random.Generator, number: str, size: int = 64) -> Image.Image:
    """A plain card (no chip, no wording) whose large embossed number lies over busy art: a
    silver face with a light highlight above left and a dark shadow below right."""
    image = busy_art(rng, CARD)
    draw = ImageDraw.Draw(image)
    face = docs.font("dejavu/DejaVuSansMono-Bold.ttf", size)
    shown = " ".join(number[i:i + 4] for i in range(0, len(number), 4))
    x, y = 60, 290
    draw.text((x + 3, y + 3), shown, font=face, fill=(25, 25, 25))
    draw.text((x - 2, y - 2), shown, font=face, fill=(250, 250, 250))
    draw.text((x, y), shown, font=face, fill=(200, 200, 205))
    return docs._rounded(image, 36)


def plain_receipt(number: str) -> Image.Image:
    """A till receipt that prints a grouped reference number and nothing of a card."""
    lines = ["CORNER STORE", "12 Mill Lane", "", "BREAD              2.10",
             "APPLES             3.45", "TOTAL              5.55", "",
             "REF " + " ".join(number[i:i + 4] for i in range(0, len(number), 4)),
             "Thank you for shopping"]
    face = docs.font("dejavu/DejaVuSansMono.ttf", 26)
    image = Image.new("RGB", (560, 60 + 36 * len(lines)), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((24, 30 + index * 36), line, font=face, fill=(30, 30, 30))
    return image.convert("RGBA")


def gift_card(rng: np.random.Generator, number: str) -> Image.Image:
    """A store gift card: card-shaped, a grouped number, a PIN, no payment-card furniture."""
    image, mean = docs._stock(rng, CARD, light=True)
    draw = ImageDraw.Draw(image)
    ink = docs._ink_for(mean, rng)
    draw.text((50, 40), "BOOK NOOK", font=docs.font("dejavu/DejaVuSans-Bold.ttf", 56), fill=ink)
    draw.text((50, 130), "GIFT CARD  $25", font=docs.font("dejavu/DejaVuSans-Bold.ttf", 52),
              fill=ink)
    draw.text((60, 330), " ".join(number[i:i + 4] for i in range(0, len(number), 4)),
              font=docs.font("dejavu/DejaVuSansMono.ttf", 52), fill=ink)
    draw.text((60, 420), "PIN 4821", font=docs.font("dejavu/DejaVuSans.ttf", 36), fill=ink)
    return docs._rounded(image, 36)


def photo(document: Image.Image, seed: int, *, size: tuple[int, int] = (1600, 1200),
          fraction: tuple[float, float] = (0.45, 0.55)) -> bytes:
    """The document on a table, photographed: a JPEG."""
    rng = np.random.default_rng(seed)
    placed = scenes.place(scenes.surface(rng, size), document, rng, width_fraction=fraction,
                          max_angle=0.0, max_skew=0.03)
    buffer = io.BytesIO()
    Image.fromarray(scenes.camera(placed, rng, blur=0.8)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
