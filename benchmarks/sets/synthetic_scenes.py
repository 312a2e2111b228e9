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


def stock_watermark(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A stock agency's mark: tiled diagonally across the photo or one large central logo."""
    picture = Image.fromarray(image).convert("RGBA")
    width, height = picture.size
    mark = _pick(rng, STOCK_MARKS)
    layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    opacity = int(rng.integers(70, 150))
    if rng.random() < 0.5:
        face = font(_pick(rng, BOLD), max(24, width // 14))
        step_x, step_y = int(width / 2.5), int(height / 3)
        for row, y in enumerate(range(-step_y, height + step_y, step_y)):
            for x in range(-step_x + (row % 2) * step_x // 2, width + step_x, step_x):
                draw.text((x, y), mark, font=face, fill=(255, 255, 255, opacity))
        layer = layer.rotate(float(rng.uniform(-30, 30)), resample=Image.BICUBIC)
    else:
        face = font(_pick(rng, BOLD), max(32, width // 7))
        draw.text((width / 2, height / 2), mark, font=face, anchor="mm",
                  fill=(255, 255, 255, opacity), stroke_width=2,
                  stroke_fill=(0, 0, 0, opacity // 2))
        small = font(_pick(rng, SANS), max(14, width // 60))
        draw.text((width / 2, height * 0.95), f"Image ID: {int(rng.integers(1e8, 1e9))}  "
                  f"www.{mark.replace(' ', '').lower()}.com", font=small, anchor="mm",
                  fill=(255, 255, 255, 220))
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
