"""Rebuild the sample media in samples/media: `python samples/generate.py`.

Each file shows one thing vmscreen reports. The pictures are drawn here (a sky, hills, a sun)
so the samples hold no one's photo; the metadata is what a camera, a phone or a photo agency
writes. The output is deterministic, so the committed files can be checked against a rebuild.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import numpy as np
import pillow_heif
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the repository root, for the shared metadata writers

from benchmarks.sets import clips as made_clips  # noqa: E402
from benchmarks.sets import synthetic_documents as documents  # noqa: E402
from benchmarks.sets import synthetic_scenes as scenes  # noqa: E402
from tests import clips, screens  # noqa: E402
from tests.imaging import exif_block, xmp_packet  # noqa: E402

MEDIA = HERE / "media"

# A point inside the demo zone in samples/zones.geojson (a made-up clinic campus in London).
ZONE_POSITION = (51.49875, -0.11925)
# A park bench elsewhere in London: GPS present, but in no zone.
PARK_POSITION = (51.50731, -0.16574)


def landscape(width: int = 640, height: int = 427, seed: int = 0) -> Image.Image:
    """A small drawn landscape with a little noise, so JPEG behaves as on a photo."""
    rng = np.random.default_rng(seed)
    y = np.linspace(0, 1, height)[:, None, None]
    sky = (1 - y) * np.array([90, 150, 230]) + y * np.array([200, 225, 250])
    image = np.broadcast_to(sky, (height, width, 3)).copy()
    x = np.arange(width)
    wave = 0.62 + 0.06 * np.sin(x / 57.0 + seed) + 0.03 * np.sin(x / 13.0)
    horizon = (height * wave).astype(int)
    for column, top in enumerate(horizon):
        shade = np.linspace(0, 1, height - top)[:, None]
        image[top:, column] = (1 - shade) * np.array([70, 140, 60]) + shade * np.array([30, 80, 30])
    image += rng.normal(0, 4, image.shape)
    picture = Image.fromarray(np.clip(image, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(picture)
    cx, cy, r = int(width * 0.78), int(height * 0.2), int(height * 0.07)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 230, 120))
    return picture


def camera_exif(image: Image.Image, *, gps: tuple[float, float] | None = None,
                owner: str | None = None, serial: str | None = None,
                software: str | None = None, copyright: str | None = None,
                artist: str | None = None) -> Image.Exif:
    """EXIF as a camera writes it: make and model, and whatever the owner set up."""
    tags = {0x010F: "ExampleCam", 0x0110: "EC-100", 0x0131: software, 0x8298: copyright,
            0x013B: artist}
    camera = {0xA430: owner, 0xA431: serial}  # CameraOwnerName, BodySerialNumber
    return exif_block(image, gps=gps, tags={k: v for k, v in tags.items() if v},
                      camera={k: v for k, v in camera.items() if v})


def jpeg_bytes(image: Image.Image, **save: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, **save)
    return buffer.getvalue()


def on_a_table(document: Image.Image, seed: int, *, angle: float,
               width_fraction: tuple[float, float] = (0.5, 0.55)) -> bytes:
    """A document photographed on a table: drawn by the benchmark's synthetic set, so the
    samples hold no real card, passport or licence."""
    rng = np.random.default_rng(seed)
    scene = scenes.surface(rng, (1280, 960))
    photo = scenes.place(scene, document.rotate(angle, expand=True), rng,
                         width_fraction=width_fraction, max_angle=0.0, max_skew=0.03)
    return jpeg_bytes(Image.fromarray(scenes.camera(photo, rng, blur=0.6)))


def street(seed: int, height: float) -> bytes:
    """A drawn person seen from behind, ``height`` of the frame tall, in a drawn landscape."""
    rng = np.random.default_rng(seed)
    scene = scenes.walker(scenes.landscape(rng, (640, 480)), rng, height=height, centre=0.4)
    return jpeg_bytes(Image.fromarray(scenes.camera(scene, rng)))


def sitter(seed: int) -> bytes:
    """A drawn head and shoulders, as in a portrait photo."""
    canvas = Image.new("RGB", (800, 800), (200, 205, 210))
    canvas.paste(documents.portrait((300, 380), np.random.default_rng(seed)), (250, 200))
    return jpeg_bytes(canvas)


def rude_sign(seed: int) -> bytes:
    """A painted sign with an insult on it, photographed in a drawn landscape."""
    rng = np.random.default_rng(seed)
    scene = Image.fromarray(scenes.landscape(rng, (800, 600)))
    sign = Image.new("RGB", (520, 200), (236, 226, 200))
    draw = ImageDraw.Draw(sign)
    face = documents.font(documents.BOLD[0], 64)
    draw.text((40, 20), "GO TO HELL", font=face, fill=(150, 20, 20))
    draw.text((40, 105), "TOURISTS", font=face, fill=(150, 20, 20))
    scene.paste(sign.rotate(3, expand=True, fillcolor=(236, 226, 200)), (140, 150))
    return jpeg_bytes(Image.fromarray(scenes.camera(np.asarray(scene), rng, blur=0.5)))


def restroom_sign(seed: int) -> bytes:
    """A toilet door's sign on a tiled wall, photographed: a bathroom without its metadata."""
    rng = np.random.default_rng(seed)
    wall = Image.new("RGB", (800, 600), (214, 210, 200))
    draw = ImageDraw.Draw(wall)
    for step in range(0, 800, 64):
        draw.line((step, 0, step, 600), fill=(178, 174, 166), width=3)
        draw.line((0, step, 800, step), fill=(178, 174, 166), width=3)
    draw.rounded_rectangle((170, 190, 630, 390), 18, fill=(28, 62, 112))
    draw.text((400, 255), "TOILETTES", font=documents.font(documents.BOLD[0], 68),
              anchor="mm", fill=(255, 255, 255))
    draw.text((400, 340), "WC", font=documents.font(documents.BOLD[0], 44), anchor="mm",
              fill=(255, 255, 255))
    return jpeg_bytes(Image.fromarray(scenes.camera(np.asarray(wall), rng, blur=0.5)))


def build() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    files["clean-landscape.jpg"] = jpeg_bytes(landscape(seed=1))
    picture = landscape(seed=2)
    files["holiday-gps.jpg"] = jpeg_bytes(picture, exif=camera_exif(
        picture, gps=PARK_POSITION, owner="Alex Example", serial="EC100-4711",
        software="ExampleCam Firmware 1.2"))
    picture = landscape(seed=3)
    files["stock-agency.jpg"] = jpeg_bytes(picture, exif=camera_exif(
        picture, copyright="(c) Getty Images", software="Adobe Photoshop 25.0 (Windows)"))
    picture = landscape(seed=4)
    files["own-name-rights.jpg"] = jpeg_bytes(picture, exif=camera_exif(
        picture, artist="Alex Example", copyright="Copyright 2026 Alex Example"))
    files["clinic-location.jpg"] = jpeg_bytes(landscape(seed=5), xmp=xmp_packet(
        photoshop_City="London", Iptc4xmpCore_Location="Riverside Medical Centre, Ward 4"))
    picture = landscape(seed=6)
    files["in-restricted-zone.jpg"] = jpeg_bytes(picture, exif=camera_exif(
        picture, gps=ZONE_POSITION))

    frames = [landscape(160, 107, seed=7 + i).quantize(64) for i in range(4)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    files["animated.gif"] = buffer.getvalue()

    heif = pillow_heif.from_pillow(landscape(seed=11))
    buffer = io.BytesIO()
    heif.save(buffer, quality=60)
    files["phone-photo.heic"] = buffer.getvalue()

    png = io.BytesIO()
    landscape(320, 213, seed=12).save(png, "PNG")
    files["drawing.png"] = png.getvalue()

    # Sensitive documents. 4111 1111 1111 1111 is the card industry's published test number.
    card = documents.payment_card(np.random.default_rng(20), "visa", number="4111111111111111",
                                  holder="ALEX EXAMPLE")
    files["card-on-table.jpg"] = on_a_table(card, 20, angle=12.0)
    files["passport-page.jpg"] = on_a_table(documents.passport_page(np.random.default_rng(21)),
                                            21, angle=-8.0, width_fraction=(0.7, 0.75))
    files["licence-back.jpg"] = on_a_table(documents.licence_back(np.random.default_rng(22)),
                                           22, angle=7.0, width_fraction=(0.65, 0.7))
    files["receipt.jpg"] = on_a_table(documents.receipt(np.random.default_rng(23)), 23,
                                      angle=4.0, width_fraction=(0.3, 0.32))

    # Other people, drawn: a face to recognise, a figure seen from behind, a distant figure.
    files["portrait.jpg"] = sitter(4)
    files["walker-from-behind.jpg"] = street(4, 0.5)
    files["distant-walker.jpg"] = street(1, 0.2)

    # Offensive wording, read from the photo.
    files["rude-sign.jpg"] = rude_sign(30)

    # A private place seen in the picture, with no metadata to say so.
    files["restroom-sign.jpg"] = restroom_sign(31)

    # Media the contributor does not own: a stock library's mark over a photo, an app's
    # screenshot, a film's frame with its subtitle.
    rng = np.random.default_rng(40)
    marked = scenes.stock_watermark(np.asarray(landscape(1024, 683, seed=14)), rng)
    files["stock-watermark.jpg"] = jpeg_bytes(Image.fromarray(marked))
    files["app-screenshot.png"] = screens.png(screens.phone_app())
    files["film-still.jpg"] = jpeg_bytes(Image.fromarray(
        scenes.film_frame(np.random.default_rng(41))))

    whole = jpeg_bytes(landscape(seed=13))
    files["truncated-upload.jpg"] = whole[: len(whole) // 2]
    files["notes-not-a-photo.jpg"] = b"Shopping list: bread, milk, eggs.\n"
    files.update(timed())
    return files


def timed() -> dict[str, bytes]:
    """Video and audio, made with FFmpeg's encoders through PyAV and flite's voice; their
    bytes follow those tools' versions, so the test compares what a screen finds instead."""
    files: dict[str, bytes] = {}
    room = landscape(320, 240, seed=14)
    visitor = room.copy()
    visitor.paste(documents.portrait((120, 150), np.random.default_rng(4)), (100, 50))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        files["face-at-the-end.mp4"] = made_clips.write_clip(
            out / "face.mp4", lambda t: visitor if t >= 3.0 else room, seconds=4.0,
            fps=10).read_bytes()
        files["voice-memo.wav"] = made_clips.write_wav(out / "memo.wav", made_clips.speech(
            "remember to water the plants on the balcony before the weekend")).read_bytes()
    files["song-with-cover.mp3"] = clips.audio_file(
        clips.tone(1.0), family="mp3", cover=landscape(200, 200, seed=15),
        tags={"title": "Example Song", "artist": "The Examples", "album": "Samples"})
    phone = clips.clip(lambda t: landscape(160, 120, seed=16), seconds=2.0, fps=10,
                       family="mov", options={"movflags": "faststart"},
                       tags={"location": "{:+08.4f}{:+09.4f}/".format(*PARK_POSITION)})
    files["cut-phone-clip.mov"] = phone[: phone.index(b"mdat") + 64]  # stopped mid-upload
    return files


def main() -> None:
    MEDIA.mkdir(exist_ok=True)
    for name, data in build().items():
        (MEDIA / name).write_bytes(data)
        print(f"{name:28} {len(data):>7} bytes")


if __name__ == "__main__":
    main()
