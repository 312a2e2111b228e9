"""Pictures for the identity-wording tests: national ID card fronts in German, French and
Italian without an MRZ (a title, a portrait, labelled fields), an identity-verification app
screen with a drawn card, and a web form with empty fields. Drawn, never a real person's."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw

from benchmarks.sets import synthetic_documents as docs
from benchmarks.sets import synthetic_numbers as numbers
from benchmarks.sets import synthetic_scenes as scenes
from benchmarks.sets.synthetic_documents import BOLD, SANS, font

# Each front as its country prints it: the issuer, the title, then (label, value) pairs.
FRONTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "de": ("BUNDESREPUBLIK DEUTSCHLAND", "PERSONALAUSWEIS",
           ("Name", "Vornamen", "Geburtsdatum", "Geburtsort", "Staatsangehörigkeit",
            "Gültig bis")),
    "fr": ("RÉPUBLIQUE FRANÇAISE", "CARTE NATIONALE D'IDENTITÉ",
           ("Nom", "Prénom(s)", "Sexe", "Né(e) le", "Nationalité", "Valable jusqu'au")),
    "it": ("REPUBBLICA ITALIANA", "CARTA DI IDENTITÀ",
           ("Cognome", "Nome", "Luogo e data di nascita", "Sesso", "Cittadinanza",
            "Scadenza")),
}
PLACES = {"de": "BERLIN", "fr": "LYON", "it": "ROMA"}


def _values(language: str, person: numbers.Person) -> tuple[str, ...]:
    birth, expiry = docs._date(person.birth), docs._date(person.expiry)
    nationality = {"de": "DEUTSCH", "fr": "FRA", "it": "ITA"}[language]
    if language == "de":
        return (person.surname, person.given, birth, PLACES[language], nationality, expiry)
    if language == "fr":
        return (person.surname, person.given, person.sex, birth, nationality, expiry)
    return (person.surname, person.given, f"{PLACES[language]} {birth}", person.sex,
            nationality, expiry)


def id_front(language: str, seed: int) -> Image.Image:
    """An ID-1 card front (85.6 x 54 mm at 10 px/mm) in ``language``: no MRZ, no number
    in a checkable form, so only its wording, layout and portrait can tell what it is."""
    rng = np.random.default_rng(seed)
    issuer, title, labels = FRONTS[language]
    person = numbers.person(rng)
    image, _ = docs._stock(rng, (856, 540), light=True)
    draw = ImageDraw.Draw(image)
    draw.text((30, 14), issuer, font=font(BOLD[1], 26), fill=(20, 30, 80))
    draw.text((30, 46), title, font=font(BOLD[1], 30), fill=(20, 30, 80))
    image.paste(docs.portrait((230, 300), rng), (30, 110))
    pairs = list(zip(labels, _values(language, person), strict=True))
    docs._fields(draw, pairs, 290, 96, rng, step=70, value_size=28)
    return docs._rounded(image, 30)


def photo_of(document: Image.Image, seed: int, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """The document lying on a surface, photographed with a phone (JPEG)."""
    rng = np.random.default_rng(seed)
    placed = scenes.place(scenes.surface(rng, size), document, rng, width_fraction=(0.5, 0.6),
                          max_angle=6.0, max_skew=0.02)
    buffer = io.BytesIO()
    Image.fromarray(scenes.camera(placed, rng, blur=0.8)).save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _status_bar(draw: ImageDraw.ImageDraw, width: int) -> None:
    draw.text((48, 30), "9:41", font=font(BOLD[0], 40), fill=(20, 20, 20))
    draw.rounded_rectangle((width - 150, 38, width - 60, 72), 8, outline=(20, 20, 20), width=3)
    draw.rectangle((width - 146, 42, width - 90, 68), fill=(20, 20, 20))


def verification_app(lines: tuple[str, ...] = (
        "Scan the front of your ID card", "Take a photo of your passport or driving licence",
        "Make sure all four corners are visible")) -> Image.Image:
    """An identity-verification app's screen (1080 x 2340): a headline, instructions, a
    drawn card (outline, avatar silhouette, grey bars, no text) and a Continue button."""
    width, height = 1080, 2340
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    _status_bar(draw, width)
    draw.text((72, 200), "Verify your identity", font=font(BOLD[0], 72), fill=(15, 20, 40))
    for row, text in enumerate(lines):
        draw.text((72, 340 + row * 80), text, font=font(SANS[0], 40), fill=(70, 75, 90))
    left, top = 140, 760  # the drawn card: ID-1 proportions, rounded, flat colours
    right, bottom = width - 140, 760 + round((width - 280) / 1.586)
    draw.rounded_rectangle((left, top, right, bottom), 36, fill=(232, 240, 255),
                           outline=(60, 100, 220), width=8)
    head = (left + 60, top + 90, left + 240, top + 270)
    draw.ellipse(head, fill=(150, 170, 210))
    draw.pieslice((left + 30, top + 280, left + 270, top + 520), 180, 360, fill=(150, 170, 210))
    for row in range(4):
        bar_top = top + 110 + row * 90
        draw.rounded_rectangle((left + 320, bar_top, right - 60 - 80 * (row % 2), bar_top + 36),
                               18, fill=(200, 208, 225))
    draw.rounded_rectangle((72, height - 320, width - 72, height - 190), 65, fill=(40, 90, 230))
    face = font(BOLD[0], 48)
    label = "Continue"
    draw.text(((width - draw.textlength(label, font=face)) / 2, height - 285), label,
              font=face, fill=(255, 255, 255))
    draw.rounded_rectangle((width // 2 - 140, height - 40, width // 2 + 140, height - 28), 6,
                           fill=(20, 20, 20))
    return image


def web_form(fields: tuple[tuple[str, str], ...] = (
        ("First name", "Enter your first name"), ("Last name", "Enter your last name"),
        ("Sex", "( ) Male   ( ) Female   ( ) Other"), ("Date of birth", "DD / MM / YYYY"),
        ("Email", "name@example.com")), heading: str = "Create your account") -> Image.Image:
    """A sign-up form screenshot: a heading, then each label above its empty field (grey
    placeholder text, or radio choices), and a Submit button."""
    width, height = 1280, 300 + 140 * len(fields)
    image = Image.new("RGB", (width, height), (246, 247, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 90), fill=(35, 45, 70))
    draw.text((60, 24), heading, font=font(BOLD[0], 40), fill=(255, 255, 255))
    label_face, hint_face = font(BOLD[1], 30), font(SANS[0], 28)
    for row, (label, hint) in enumerate(fields):
        top = 130 + row * 140
        draw.text((200, top), label, font=label_face, fill=(40, 40, 50))
        if not hint.startswith("("):
            draw.rounded_rectangle((200, top + 42, width - 200, top + 108), 10,
                                   fill=(255, 255, 255), outline=(190, 195, 205), width=2)
        draw.text((224, top + 58), hint, font=hint_face, fill=(140, 145, 155))
    bottom = 130 + len(fields) * 140
    draw.rounded_rectangle((200, bottom + 10, 460, bottom + 90), 12, fill=(40, 90, 230))
    draw.text((250, bottom + 28), "Submit", font=font(BOLD[0], 36), fill=(255, 255, 255))
    return image
