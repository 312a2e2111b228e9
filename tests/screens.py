"""Pictures for the screenshot tests: a phone app drawn as a phone draws it, and a photo-like
scene with a camera's noise."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw

from benchmarks.sets import synthetic_scenes as scenes
from benchmarks.sets.synthetic_documents import BOLD, SANS, font


def phone_app(width: int = 1080, height: int = 1920) -> Image.Image:
    """An app screen: a status bar, a coloured header, a list of rows with crisp level text in
    one column and separators, a button and a navigation bar."""
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    unit = height // 32
    draw.rectangle((0, 0, width, unit), fill=(20, 20, 24))  # status bar
    draw.text((24, unit // 5), "9:41", font=font(BOLD[0], unit // 2), fill=(255, 255, 255))
    draw.rectangle((width - 120, unit // 3, width - 40, 2 * unit // 3), fill=(255, 255, 255))
    draw.rectangle((0, unit, width, 3 * unit), fill=(33, 102, 204))  # header
    draw.text((48, int(1.6 * unit)), "Settings", font=font(BOLD[0], unit), fill=(255, 255, 255))
    label = font(SANS[0], int(0.55 * unit))
    names = ("Wi-Fi", "Bluetooth", "Notifications", "Sounds", "Display", "Battery", "Privacy",
             "Storage", "Accounts", "About phone")
    for row, name in enumerate(names):
        top = 3 * unit + row * 2 * unit
        draw.text((48, top + unit // 2), name, font=label, fill=(30, 30, 30))
        draw.rectangle((0, top + 2 * unit - 2, width, top + 2 * unit), fill=(224, 224, 228))
        draw.ellipse((width - 110, top + unit // 2, width - 50, top + 3 * unit // 2),
                     fill=(52, 199, 89))
    draw.rectangle((48, height - 5 * unit, width - 48, height - 3 * unit), fill=(33, 102, 204))
    draw.rectangle((0, height - 2 * unit, width, height), fill=(0, 0, 0))  # navigation bar
    draw.rectangle((width // 2 - 100, height - unit - 6, width // 2 + 100, height - unit + 6),
                   fill=(200, 200, 200))
    return image


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def photo(seed: int = 3, size: tuple[int, int] = (1080, 1920)) -> np.ndarray:
    """A drawn landscape with a camera's uneven light, blur and sensor noise."""
    rng = np.random.default_rng(seed)
    return scenes.camera(scenes.landscape(rng, size), rng)
