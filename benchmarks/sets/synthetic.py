"""The synthetic set: built from a fixed seed, the same files on every machine with the same fonts.

What it holds, at scale 1 (about 310 files), and what a correct screen does with each:

- payment cards of eight schemes, Luhn-valid, photographed at an angle -> sensitive-id, reject
- passports (TD3), ID cards (TD1, TD2) and visas (A, B) with valid MRZs -> sensitive-id, reject
- US licence backs with an AAMVA PDF417, SSN cards -> sensitive-id, reject
- licence and ID card fronts without an MRZ -> sensitive-id, review (weaker cues)
- passports, visas and ID and licence fronts carry a drawn portrait -> other-people as well
- hard negatives: gift and loyalty cards, receipts with masked numbers, flyers with phone
  numbers, tickets with dates and long references -> accept
- stock and news agency watermarks (names tiled or large, credit lines, addresses; fonts,
  opacity, angle, size and placement vary) -> copyright, reject; SAMPLE / PREVIEW / PROOF
  stamps, photographers' credits and sites' addresses, and logo marks without text ->
  copyright, review; harmless captions -> accept
- film frames (letterboxed, a burned-in subtitle in one or two lines) -> copyright, review
- GPS in EXIF -> metadata, accept with strip-metadata; agency rights -> copyright, reject;
  a personal copyright notice -> copyright, review
- clean drawn photos -> accept
- issue 19's real-world cases (synthetic_hard): an ID card back or a passport page in a
  thumbnail 250-400 px wide (MRZ print 6-9 px) -> sensitive-id, reject; specimen TD1 backs and
  TD3 pages whose MRZ layout holds but whose check digits do not -> sensitive-id, review;
  cards with chip, scheme mark, expiry and holder whose number is a placeholder or fails Luhn
  (some in seven-segment digits) -> sensitive-id, review; a large embossed Luhn-valid number
  on busy card art -> sensitive-id, reject; ID card fronts without MRZ in English, German,
  French and Italian -> sensitive-id (and the portrait), review
- issue 19's negatives: identity-verification app screenshots with drawn document
  illustrations and web or app forms with empty "Sex" and "Date of birth" fields ->
  copyright (a screenshot), review, never sensitive-id; drawn faces (cartoons, emoji, avatar
  icons, a poster on a wall) and a shop shelf of boxes printed with a face -> accept

Each file gets its own random stream from (seed, index), so changing one kind's count leaves
the files of the others unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from benchmarks.labels import Label, write_labels
from benchmarks.sets import synthetic_documents as docs
from benchmarks.sets import synthetic_hard as hard
from benchmarks.sets import synthetic_scenes as scenes
from benchmarks.sets.synthetic_numbers import SCHEMES
from tests.imaging import exif_block, with_iptc

Render = Callable[[np.random.Generator], tuple[np.ndarray, dict]]


@dataclass(frozen=True)
class Kind:
    name: str
    count: int  # at scale 1
    categories: frozenset[str]
    expected: str
    render: Render


def _document_photo(make: Callable[[np.random.Generator], Image.Image], *,
                    width_fraction: tuple[float, float] = (0.3, 0.7),
                    max_angle: float = 25.0) -> Render:
    def render(rng: np.random.Generator) -> tuple[np.ndarray, dict]:
        size = scenes.PHOTO_SIZES[int(rng.integers(len(scenes.PHOTO_SIZES)))]
        fraction = width_fraction
        if size[0] * size[1] >= 12_000_000:  # a card held in a 12 MP photo: small in frame
            fraction = (width_fraction[0] * 0.4, width_fraction[1] * 0.45)
        scene = scenes.surface(rng, size) if rng.random() < 0.7 else scenes.landscape(rng, size)
        photo = scenes.place(scene, make(rng), rng, width_fraction=fraction, max_angle=max_angle)
        return scenes.camera(photo, rng), {}
    return render


def _picture(make: Callable[[np.random.Generator], np.ndarray], *, png: bool = False
             ) -> Render:
    """A finished picture; ``png`` for screenshots, which screenshot programs save losslessly."""
    def render(rng: np.random.Generator) -> tuple[np.ndarray, dict]:
        return make(rng), ({"format": "png"} if png else {})
    return render


def _overlay(add: Callable[[np.ndarray, np.random.Generator], np.ndarray]) -> Render:
    def render(rng: np.random.Generator) -> tuple[np.ndarray, dict]:
        size = scenes.PHOTO_SIZES[int(rng.integers(len(scenes.PHOTO_SIZES) - 1))]
        return add(scenes.clean_scene(rng, size), rng), {}
    return render


def _with_metadata(**fields: object) -> Render:
    def render(rng: np.random.Generator) -> tuple[np.ndarray, dict]:
        size = scenes.PHOTO_SIZES[int(rng.integers(len(scenes.PHOTO_SIZES) - 1))]
        return scenes.clean_scene(rng, size), dict(fields)
    return render


AGENCIES = ("Getty Images", "Reuters", "Associated Press", "Shutterstock", "AFP",
            "Alamy Stock Photo")


def _agency_rights(rng: np.random.Generator) -> tuple[np.ndarray, dict]:
    image, _ = _with_metadata()(rng)
    agency = AGENCIES[int(rng.integers(len(AGENCIES)))]
    return image, {"copyright": f"\u00a9 2024 {agency}", "credit": agency}


def _personal_notice(rng: np.random.Generator) -> tuple[np.ndarray, dict]:
    image, _ = _with_metadata()(rng)
    return image, {"copyright": "\u00a9 2023 Jane Doe. All rights reserved."}


def _gps(rng: np.random.Generator) -> tuple[np.ndarray, dict]:
    image, _ = _with_metadata()(rng)
    return image, {"gps": (float(rng.uniform(-60, 60)), float(rng.uniform(-170, 170)))}


def _gps_and_agency(rng: np.random.Generator) -> tuple[np.ndarray, dict]:
    image, meta = _agency_rights(rng)
    return image, {**meta, "gps": (float(rng.uniform(-60, 60)), float(rng.uniform(-170, 170)))}


def _clean(rng: np.random.Generator) -> tuple[np.ndarray, dict]:
    size = scenes.PHOTO_SIZES[int(rng.integers(len(scenes.PHOTO_SIZES)))]
    return scenes.clean_scene(rng, size), {}


SID, CPR, MET = frozenset({"sensitive-id"}), frozenset({"copyright"}), frozenset({"metadata"})
NONE: frozenset[str] = frozenset()
# Documents printed with a (drawn) portrait: the portrait is a face, as the real set's labels
# count portraits on ID documents.
SID_PORTRAIT = SID | {"other-people"}


def kinds() -> tuple[Kind, ...]:
    cards = tuple(
        Kind(f"card-{scheme}", 7, SID, "reject",
             _document_photo(lambda rng, s=scheme: docs.payment_card(rng, s)))
        for scheme in SCHEMES
    )
    return (
        *cards,
        Kind("mrz-td3-passport", 10, SID_PORTRAIT, "reject", _document_photo(docs.passport_page)),
        Kind("mrz-td1-id-card", 8, SID, "reject",
             _document_photo(lambda rng: docs.id_card_back(rng, "td1"))),
        Kind("mrz-td2-id-card", 5, SID, "reject",
             _document_photo(lambda rng: docs.id_card_back(rng, "td2"))),
        Kind("mrz-visa-a", 3, SID_PORTRAIT, "reject",
             _document_photo(lambda rng: docs.visa_page(rng, 44))),
        Kind("mrz-visa-b", 3, SID_PORTRAIT, "reject",
             _document_photo(lambda rng: docs.visa_page(rng, 36))),
        Kind("licence-back-pdf417", 5, SID, "reject",
             _document_photo(docs.licence_back, max_angle=15.0)),
        Kind("ssn-card", 8, SID, "reject", _document_photo(docs.ssn_card)),
        Kind("licence-front", 10, SID_PORTRAIT, "review", _document_photo(docs.licence_front)),
        Kind("id-card-front", 8, SID_PORTRAIT, "review", _document_photo(docs.id_card_front)),
        Kind("negative-gift-card", 6, NONE, "accept",
             _document_photo(lambda rng: docs.lookalike_card(rng, "gift"))),
        Kind("negative-loyalty-card", 4, NONE, "accept",
             _document_photo(lambda rng: docs.lookalike_card(rng, "loyalty"))),
        Kind("negative-receipt", 8, NONE, "accept",
             _document_photo(docs.receipt, width_fraction=(0.2, 0.35))),
        Kind("negative-flyer-phone", 5, NONE, "accept",
             _document_photo(docs.flyer, width_fraction=(0.3, 0.5))),
        Kind("negative-ticket-dates", 5, NONE, "accept", _document_photo(docs.ticket)),
        Kind("watermark-stock", 15, CPR, "reject", _overlay(scenes.stock_watermark)),
        Kind("caption-harmless", 10, NONE, "accept", _overlay(scenes.caption)),
        Kind("metadata-gps", 6, MET, "accept", _gps),
        Kind("metadata-rights-agency", 5, CPR, "reject", _agency_rights),
        Kind("metadata-rights-personal", 4, CPR, "review", _personal_notice),
        Kind("metadata-gps-agency", 3, CPR | MET, "reject", _gps_and_agency),
        Kind("clean-photo", 25, NONE, "accept", _clean),
        # Last, so that adding them left the random streams of the kinds above unchanged.
        Kind("watermark-stamp", 8, CPR, "review", _overlay(scenes.stamp_watermark)),
        Kind("watermark-logo", 5, CPR, "review", _overlay(scenes.logo_watermark)),
        Kind("film-frame", 6, CPR, "review", lambda rng: (scenes.film_frame(rng), {})),
        # Issue 19's real-world cases (synthetic_hard), after every kind above for the same reason.
        Kind("thumbnail-id-back", 6, SID, "reject", _picture(hard.thumbnail_id_back)),
        Kind("thumbnail-passport", 6, SID_PORTRAIT, "reject", _picture(hard.thumbnail_passport)),
        Kind("mrz-broken-checks-td1", 6, SID, "review",
             _picture(hard.sharp_and_straight(hard.broken_td1_back))),
        Kind("mrz-broken-checks-td3", 5, SID_PORTRAIT, "review",
             _picture(hard.sharp_and_straight(hard.broken_passport_page))),
        Kind("card-placeholder-number", 8, SID, "review", _document_photo(hard.placeholder_card)),
        Kind("card-busy-background", 6, SID, "reject", _document_photo(hard.busy_card)),
        *(Kind(f"id-front-{language}", 5, SID_PORTRAIT, "review",
               _document_photo(lambda rng, lang=language: hard.id_front(rng, lang),
                               max_angle=15.0))
          for language in hard.LANGUAGES),
        # Negatives for sensitive-id, but screenshots: the screens detector's SCR101 (copyright,
        # review) fired on all 6 app and all 6 form renders at scale 1 (2026-11-29).
        Kind("negative-app-id-illustration", 6, CPR, "review",
             _picture(hard.identity_app_screenshot, png=True)),
        Kind("negative-drawn-faces-cartoon", 6, NONE, "accept", _picture(hard.cartoon_faces)),
        Kind("negative-drawn-faces-icons", 5, NONE, "accept", _picture(hard.icon_faces)),
        Kind("negative-packaging-faces", 6, NONE, "accept", _picture(hard.shop_shelf)),
        Kind("negative-form-screenshot", 6, CPR, "review",
             _picture(hard.form_screenshot, png=True)),
    )


def _encode(image: np.ndarray, meta: dict, rng: np.random.Generator) -> tuple[bytes, str]:
    """JPEG as cameras write it, with the file's metadata; now and then PNG or WebP."""
    picture = Image.fromarray(image)
    buffer = io.BytesIO()
    if meta.get("format") == "png":
        picture.save(buffer, "PNG", optimize=False, compress_level=3)
        return buffer.getvalue(), "png"
    if meta:
        tags = {0x8298: meta.get("copyright")} if meta.get("copyright") else {}
        exif = exif_block(picture, gps=meta.get("gps"), tags=tags)
        picture.save(buffer, "JPEG", quality=int(rng.integers(75, 95)), exif=exif)
        data = buffer.getvalue()
        if meta.get("credit"):
            data = with_iptc(data, {110: meta["credit"], 115: meta["credit"]})
        return data, "jpg"
    roll = rng.random()
    if roll < 0.08:
        picture.save(buffer, "PNG", optimize=False, compress_level=3)
        return buffer.getvalue(), "png"
    if roll < 0.14:
        picture.save(buffer, "WEBP", quality=int(rng.integers(70, 92)))
        return buffer.getvalue(), "webp"
    picture.save(buffer, "JPEG", quality=int(rng.integers(60, 95)))
    return buffer.getvalue(), "jpg"


def build(out_dir: Path, *, seed: int, scale: float = 1.0, only: Sequence[str] = ()
          ) -> list[Label]:
    """Write the set into ``out_dir`` with its labels.csv; returns the labels. ``only``: the
    kinds whose names start with one of these (each file the same as in the whole set)."""
    missing = docs.missing_fonts()
    if missing:
        raise FileNotFoundError(
            f"the synthetic set needs Debian's {docs.FONT_PACKAGES} (missing {missing[0]})"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    labels = []
    for kind_index, kind in enumerate(kinds()):
        if only and not kind.name.startswith(tuple(only)):
            continue
        for number in range(max(1, round(kind.count * scale))):
            rng = np.random.default_rng([seed, kind_index, number])
            image, meta = kind.render(rng)
            data, suffix = _encode(image, meta, rng)
            path = f"{kind.name}/{number:03d}.{suffix}"
            (out_dir / kind.name).mkdir(exist_ok=True)
            (out_dir / path).write_bytes(data)
            labels.append(Label(path=path, categories=kind.categories, expected=kind.expected,
                                kind=kind.name))
    write_labels(out_dir / "labels.csv", labels)
    return labels
