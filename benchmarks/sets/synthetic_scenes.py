"""Photographs for the synthetic set: drawn scenes, documents placed in them at an angle with
perspective, and what a phone camera does to them (blur, noise, uneven light, JPEG).

Scenes are drawn from numpy noise and shapes, so the set holds no one's photo.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw

from benchmarks.sets.synthetic_documents import BOLD, SANS, _pick, font

# Photo sizes a phone or camera writes; 12 MP is where small print is hardest to find.
PHOTO_SIZES = ((1600, 1200), (2016, 1512), (1920, 1080), (1200, 1600), (4000, 3000))


def _noise_field(rng: np.random.Generator, height: int, width: int, scale: int) -> np.ndarray:
    """Smooth noise in 0..1: random values on a coarse grid, resized up."""
    coarse = rng.random((max(2, height // scale), max(2, width // scale))).astype(np.float32)
    return cv2.resize(coarse, (width, height), interpolation=cv2.INTER_CUBIC).clip(0, 1)


def surface(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    """A table top, fabric or floor for a document to lie on (H x W x 3 uint8)."""
    width, height = size
    kind = int(rng.integers(3))
    base = rng.integers(40, 220, 3).astype(np.float32)
    if kind == 0:  # wood: stretched noise makes grain
        grain = cv2.resize(rng.random((height // 4, 12)).astype(np.float32), (width, height))
        field = 0.6 + 0.4 * grain + 0.1 * _noise_field(rng, height, width, 200)
    elif kind == 1:  # fabric: fine noise
        field = 0.8 + 0.2 * _noise_field(rng, height, width, 3)
    else:  # stone or carpet: blotches
        field = 0.7 + 0.3 * _noise_field(rng, height, width, 40)
    return np.clip(field[..., None] * base, 0, 255).astype(np.uint8)


def landscape(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    """Sky, hills, a few trees or houses: an outdoor photo with nothing to report."""
    width, height = size
    y = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    top, bottom = rng.integers(60, 200, 3), rng.integers(150, 255, 3)
    image = ((1 - y) * top + y * bottom) * np.ones((1, width, 1), np.float32)
    x = np.arange(width)
    for layer in range(int(rng.integers(1, 4))):
        level = height * (0.45 + 0.15 * layer + 0.05 * rng.random())
        ridge = level + height * 0.06 * np.sin(x / rng.uniform(80, 400) + rng.uniform(0, 6))
        colour = rng.integers(20, 140, 3)
        mask = np.arange(height)[:, None] > ridge[None, :]
        image[mask] = colour
    picture = Image.fromarray(np.clip(image, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(picture)
    for _ in range(int(rng.integers(3, 15))):
        cx, cy = int(rng.integers(0, width)), int(height * rng.uniform(0.55, 0.95))
        r = int(height * rng.uniform(0.02, 0.08))
        if rng.random() < 0.6:  # a tree
            draw.ellipse((cx - r, cy - 2 * r, cx + r, cy), fill=tuple(rng.integers(10, 90, 3)))
        else:  # a house with a roof
            draw.rectangle((cx - r, cy - r, cx + r, cy), fill=tuple(rng.integers(120, 240, 3)))
            draw.polygon([(cx - r - 5, cy - r), (cx, cy - 2 * r), (cx + r + 5, cy - r)],
                         fill=tuple(rng.integers(60, 160, 3)))
    out = np.asarray(picture).astype(np.float32)
    out += rng.normal(0, 5, out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


def clean_scene(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    return landscape(rng, size) if rng.random() < 0.7 else surface(rng, size)


def place(scene: np.ndarray, document: Image.Image, rng: np.random.Generator, *,
          width_fraction: tuple[float, float], max_angle: float = 25.0,
          max_skew: float = 0.08) -> np.ndarray:
    """Lay the document on the scene: scaled, rotated, in perspective, with a soft shadow."""
    height, width = scene.shape[:2]
    doc = np.asarray(document.convert("RGBA")).astype(np.float32)
    dh, dw = doc.shape[:2]
    target = width * rng.uniform(*width_fraction)
    scale = target / dw
    angle = np.deg2rad(rng.uniform(-max_angle, max_angle))
    corners = np.array([[0, 0], [dw, 0], [dw, dh], [0, dh]], np.float32) - [dw / 2, dh / 2]
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    placed = (corners * scale) @ rotation.T
    placed += rng.uniform(-max_skew, max_skew, placed.shape) * target  # perspective
    # Anywhere the whole document fits; centred when it cannot fit whole.
    low = -placed.min(axis=0)
    high = np.array([width, height]) - placed.max(axis=0)
    fits = bool((high > low).all())
    centre = low + rng.random(2) * (high - low) if fits else np.array([width, height]) / 2
    placed = (placed + centre).astype(np.float32)
    source = (corners + np.array([dw / 2, dh / 2])).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(source, placed)
    warped = cv2.warpPerspective(doc, matrix, (width, height), flags=cv2.INTER_AREA
                                 if scale < 1 else cv2.INTER_LINEAR, borderValue=(0, 0, 0, 0))
    alpha = warped[..., 3:4] / 255.0
    shadow = cv2.GaussianBlur(alpha, (0, 0), max(2.0, target / 120))
    shadow = np.roll(shadow, (int(target / 80), int(target / 80)), axis=(0, 1))
    if shadow.ndim == 2:
        shadow = shadow[..., None]
    out = scene.astype(np.float32) * (1 - 0.35 * shadow)
    out = out * (1 - alpha) + warped[..., :3] * alpha
    return np.clip(out, 0, 255).astype(np.uint8)


def camera(image: np.ndarray, rng: np.random.Generator, *, blur: float = 1.2,
           noise: float = 5.0) -> np.ndarray:
    """Uneven light, focus blur and sensor noise, as a phone photo of a desk has."""
    height, width = image.shape[:2]
    light = 0.75 + 0.35 * _noise_field(rng, height, width, max(height, width) // 3)
    out = image.astype(np.float32) * light[..., None]
    sigma = rng.uniform(0, blur) * max(1.0, width / 2000)
    if sigma > 0.3:
        out = cv2.GaussianBlur(out, (0, 0), sigma)
    out += rng.normal(0, rng.uniform(1, noise), out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


STOCK_MARKS = ("shutterstock", "Getty Images", "iStock", "Adobe Stock", "dreamstime",
               "alamy", "123RF", "depositphotos", "Dollar Photo Club", "stock.adobe.com")
PEOPLE = ("Maria Lopez", "J. Smith", "Tom Becker", "Alex Kim", "Lena Vogel")
CREDITS = ("\u00a9 2023 {person} Photography", "Photo: {person} / {agency}",
           "\u00a9 {agency} - all rights reserved", "Credit: {person} / {agency}",
           "\u00a9 {person} {year}", "Photo by {person}")
SITES = ("lenafotografie.de", "northlight-studio.com", "mariaphoto.net", "tbecker.photo")
STAMPS = ("SAMPLE", "PREVIEW", "PROOF", "WATERMARK", "DO NOT COPY")


def _layer_text(size: tuple[int, int], text: str, face: object, opacity: int, *,
                tiled: bool, angle: float, colour: tuple[int, int, int]) -> Image.Image:
    """Text on a transparent layer the size of the photo: once at the centre, or tiled in
    staggered rows; turned by ``angle`` degrees about the centre."""
    width, height = size
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    fill = (*colour, opacity)
    if tiled:
        text_w = draw.textlength(text, font=face)
        step_x, step_y = int(text_w * 1.6), int(face.size * 3.2)
        for row, y in enumerate(range(-height // 2, height * 3 // 2, step_y)):
            for x in range(-width // 2 + (row % 2) * step_x // 2, width * 3 // 2, step_x):
                draw.text((x, y), text, font=face, fill=fill)
    else:
        draw.text((width / 2, height / 2), text, font=face, anchor="mm", fill=fill)
    return layer.rotate(angle, resample=Image.BICUBIC) if angle else layer


def _mark(image: np.ndarray, rng: np.random.Generator, *, overlay: str | None,
          line: str | None, corner: bool) -> np.ndarray:
    """``overlay`` laid over the photo (large once, or tiled, at an angle; 25 to 60% opaque),
    or ``line`` printed small at the bottom (a credit) or in a corner (an address)."""
    picture = Image.fromarray(image).convert("RGBA")
    width, height = picture.size
    colour = (255, 255, 255) if rng.random() < 0.75 else (20, 20, 20)
    face_name = _pick(rng, (*BOLD, *SANS))
    if overlay is not None:
        tiled = bool(rng.random() < 0.5)
        size = int(width / (rng.uniform(10, 18) if tiled else rng.uniform(5, 9)))
        if not tiled:  # a single mark fits across the frame
            longest = ImageDraw.Draw(picture).textlength(overlay, font=font(face_name, size))
            size = int(size * min(1.0, 0.85 * width / max(longest, 1.0)))
        layer = _layer_text(picture.size, overlay, font(face_name, size),
                            int(255 * rng.uniform(0.25, 0.6)), tiled=tiled,
                            angle=float(rng.uniform(-40, 40)), colour=colour)
    else:
        face = font(face_name, int(width / rng.uniform(35, 60)))
        layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
        margin = width * 0.02
        anchor = _pick(rng, ("la", "ra", "ls", "rs")) if corner else _pick(rng, ("ls", "rs"))
        x = margin if anchor[0] == "l" else width - margin
        y = height - margin if anchor[1] == "s" else margin + face.size
        ImageDraw.Draw(layer).text((x, y), str(line), font=face, anchor=anchor,
                                   fill=(*colour, int(255 * rng.uniform(0.5, 0.85))))
    return np.asarray(Image.alpha_composite(picture, layer).convert("RGB"))


def stock_watermark(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A stock or news agency's mark: its name tiled at an angle or once large across the
    photo, a credit line naming it at the bottom, or its address in a corner. Fonts, opacity,
    angle, size and placement vary."""
    agency = _pick(rng, STOCK_MARKS)
    style = int(rng.integers(4))
    if style < 2:
        return _mark(image, rng, overlay=agency, line=None, corner=False)
    if style == 2:
        credit = _pick(rng, tuple(c for c in CREDITS if "{agency}" in c))
        return _mark(image, rng, overlay=None, corner=False, line=credit.format(
            agency=agency.removeprefix("stock.").removesuffix(".com").title()
            if "." in agency else agency, person=_pick(rng, PEOPLE), year=2024))
    site = agency.replace(" ", "").lower().removeprefix("stock.").removesuffix(".com")
    return _mark(image, rng, overlay=None, line=f"www.{site}.com", corner=True)


def stamp_watermark(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A mark that is not an agency's: a SAMPLE / PREVIEW / PROOF stamp across the photo, a
    photographer's credit or copyright line at the bottom, or a site's address in a corner."""
    style = int(rng.integers(3))
    if style == 0:
        return _mark(image, rng, overlay=_pick(rng, STAMPS), line=None, corner=False)
    if style == 1:
        credit = _pick(rng, tuple(c for c in CREDITS if "{agency}" not in c))
        return _mark(image, rng, overlay=None, corner=False, line=credit.format(
            person=_pick(rng, PEOPLE), year=int(rng.integers(2015, 2025))))
    return _mark(image, rng, overlay=None, line="www." + _pick(rng, SITES), corner=True)


def logo_watermark(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A mark without text: a ring-and-bar logo tiled faintly across the photo, or one in a
    corner."""
    picture = Image.fromarray(image).convert("RGBA")
    width, height = picture.size
    unit = int(width / rng.uniform(10, 16))
    tile = Image.new("RGBA", (unit * 2, unit * 2), (0, 0, 0, 0))
    draw = ImageDraw.Draw(tile)
    opacity = int(255 * rng.uniform(0.3, 0.6))
    colour = (255, 255, 255, opacity)
    line = max(3, unit // 8)
    draw.ellipse((unit // 4, unit // 4, unit * 7 // 4, unit * 7 // 4), outline=colour, width=line)
    draw.rectangle((unit * 3 // 4, unit * 3 // 4 + line, unit * 5 // 4, unit * 5 // 4 - line),
                   fill=colour)
    draw.polygon([(unit, unit // 2), (unit * 3 // 2, unit), (unit, unit * 3 // 2),
                  (unit // 2, unit)], outline=colour, width=line // 2 + 1)
    layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    if rng.random() < 0.7:  # tiled
        step = int(unit * rng.uniform(2.6, 3.6))
        for row, y in enumerate(range(-step, height + step, step)):
            for x in range(-step + (row % 2) * step // 2, width + step, step):
                if x >= 0 and y >= 0:
                    layer.alpha_composite(tile, (x, y))
        layer = layer.rotate(float(rng.uniform(-30, 30)), resample=Image.BICUBIC)
    else:  # one mark in the bottom right corner
        big = tile.resize((unit * 3, unit * 3), Image.BICUBIC)
        inset = width // 40
        layer.alpha_composite(big, (width - unit * 3 - inset, height - unit * 3 - inset))
    return np.asarray(Image.alpha_composite(picture, layer).convert("RGB"))


CAPTIONS = ("Summer holiday 2024", "Happy birthday, Grandma!", "Lake Como, July",
            "Our new garden", "First snow of the year", "Sunday hike", "Road trip day 3",
            "Welcome home", "Best view in town", "Merry Christmas from all of us")


def caption(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A harmless caption a contributor adds: a line of text over the photo or in a band."""
    picture = Image.fromarray(image)
    width, height = picture.size
    draw = ImageDraw.Draw(picture, "RGBA")
    text = _pick(rng, CAPTIONS)
    face = font(_pick(rng, (*BOLD, *SANS)), max(20, width // int(rng.integers(18, 30))))
    if rng.random() < 0.5:
        band = int(face.size * 1.8)
        draw.rectangle((0, height - band, width, height), fill=(0, 0, 0, 160))
        draw.text((width / 2, height - band / 2), text, font=face, anchor="mm",
                  fill=(255, 255, 255))
    else:
        draw.text((width * 0.05, height * 0.06), text, font=face, fill=(255, 255, 255),
                  stroke_width=2, stroke_fill=(0, 0, 0))
    return np.asarray(picture)


def walker(scene: np.ndarray, rng: np.random.Generator, *, height: float,
           centre: float = 0.5) -> np.ndarray:
    """A person seen from behind, standing on the scene's ground: hair where the face would be,
    a shirt, arms, trousers and shoes, ``height`` of the frame tall, centred at ``centre`` of
    its width. Drawn, so no one's likeness; a person detector reads it as a person."""
    picture = Image.fromarray(scene)
    draw = ImageDraw.Draw(picture)
    width, frame_height = picture.size
    unit = height * frame_height / 8  # a body is about eight heads tall
    cx, top = width * centre, frame_height * 0.95 - 8 * unit
    skin = (210, 170, 140)
    shirt = tuple(int(v) for v in rng.integers(30, 200, 3))
    trousers = tuple(int(v) for v in rng.integers(25, 80, 3))
    for side in (-1, 1):
        draw.polygon([(cx + side * 0.15 * unit, top + 4 * unit),
                      (cx + side * 0.75 * unit, top + 4 * unit),
                      (cx + side * 0.6 * unit, top + 7.7 * unit),
                      (cx + side * 0.2 * unit, top + 7.7 * unit)], fill=trousers)
        foot = cx + side * 0.4 * unit
        draw.ellipse((foot - 0.35 * unit, top + 7.55 * unit, foot + 0.35 * unit, top + 8 * unit),
                     fill=(20, 20, 20))
        draw.polygon([(cx + side * 0.9 * unit, top + 1.6 * unit),
                      (cx + side * 1.25 * unit, top + 1.7 * unit),
                      (cx + side * 1.2 * unit, top + 4.3 * unit),
                      (cx + side * 0.95 * unit, top + 4.3 * unit)], fill=shirt)
        hand = cx + side * 1.08 * unit
        draw.ellipse((hand - 0.17 * unit, top + 4.2 * unit, hand + 0.17 * unit, top + 4.7 * unit),
                     fill=skin)
    draw.rounded_rectangle((cx - 0.95 * unit, top + 1.4 * unit, cx + 0.95 * unit, top + 4.3 * unit),
                           radius=int(0.4 * unit), fill=shirt)
    draw.rectangle((cx - 0.2 * unit, top + 1.0 * unit, cx + 0.2 * unit, top + 1.5 * unit),
                   fill=skin)
    draw.ellipse((cx - 0.45 * unit, top, cx + 0.45 * unit, top + 1.15 * unit), fill=(50, 35, 25))
    return np.asarray(picture)


SUBTITLES = ("I never thought I would see you again.", "Where were you last night?",
             "We have to leave before the storm comes.", "Don't look back. Just keep walking.",
             "You knew this would happen, didn't you?", "The train leaves at midnight.",
             "Nobody can know what we found down there.", "Tell me the truth, for once.")
# Frame grabs of a film: (frame size, picture ratio) -- scope and flat films in HD frames,
# widescreen in a 4:3 broadcast frame.
FILM_FRAMINGS = (((1920, 1080), 2.39), ((1280, 720), 2.35), ((1920, 1080), 2.0),
                 ((1440, 1080), 1.78), ((1024, 768), 1.85))


def film_frame(rng: np.random.Generator) -> np.ndarray:
    """A frame grabbed from a film: a drawn scene letterboxed between black bars, with a burned-in
    subtitle (white or yellow, outlined in black) in one or two lines low in the picture."""
    (width, height), ratio = FILM_FRAMINGS[int(rng.integers(len(FILM_FRAMINGS)))]
    picture_height = round(width / ratio)
    bar = (height - picture_height) // 2
    frame = Image.new("RGB", (width, height), (0, 0, 0))
    frame.paste(Image.fromarray(clean_scene(rng, (width, picture_height))), (0, bar))
    draw = ImageDraw.Draw(frame)
    text = _pick(rng, SUBTITLES)
    size = max(18, round(picture_height * rng.uniform(0.045, 0.065)))
    face = font(_pick(rng, SANS), size)
    colour = (255, 255, 255) if rng.random() < 0.6 else (255, 225, 40)
    lines = [text] if rng.random() < 0.6 or len(text) < 30 else _halves(text)
    bottom = bar + picture_height - size * rng.uniform(0.6, 1.2)
    for row, line in enumerate(reversed(lines)):
        draw.text((width / 2, bottom - row * size * 1.3), line, font=face, anchor="md",
                  fill=colour, stroke_width=max(2, size // 12), stroke_fill=(0, 0, 0))
    return np.asarray(frame)


def _halves(text: str) -> list[str]:
    words = text.split()
    return [" ".join(words[:len(words) // 2]), " ".join(words[len(words) // 2:])]
