"""Media: every format through one object, a sequence of frames, orientation, reduced views,
limits, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tests import imaging
from vmscreen.media import Limits, MediaError, media_from_array, media_from_pil, open_media


@pytest.mark.parametrize("fmt, expected", [
    ("JPEG", "JPEG"), ("PNG", "PNG"), ("WEBP", "WEBP"), ("TIFF", "TIFF"), ("BMP", "BMP"),
    ("HEIF", "HEIF"), ("GIF", "GIF"),
])
def test_every_format_opens_through_one_object(fmt, expected):
    data = imaging.encode(imaging.picture(120, 80), fmt)
    media = open_media(data)
    assert media.format == expected
    assert (media.width, media.height) == (120, 80)
    first = media.frame(0)
    assert first.image().size == (120, 80) and first.image().mode == "RGB"
    assert media.info.sha256 and media.info.bytes == len(data)


def test_every_frame_of_an_animated_gif():
    media = open_media(imaging.animated_gif(frames=4))
    frames = list(media.frames())
    assert media.frame_count == 4 and [f.index for f in frames] == [0, 1, 2, 3]
    reds = [frame.image().getpixel((5, 5))[0] for frame in frames]
    assert reds == sorted(reds) and len(set(reds)) == 4  # each frame really is its own
    assert [f.time for f in frames] == [0.0, 0.05, 0.1, 0.15]  # 50 ms each
    assert media.durations() == [50] * 4


def _pages(fmt: str, **save: object) -> bytes:
    """Two pages or pictures: a red one, then a larger green one."""
    first, second = Image.new("RGB", (60, 40), (200, 0, 0)), Image.new("RGB", (90, 50), (0, 200, 0))
    return imaging.encode(first, fmt, save_all=True, append_images=[second], **save)


@pytest.mark.parametrize("fmt", ["TIFF", "MPO"])
def test_pages_and_pictures_are_frames_of_their_own_size_without_a_time(fmt):
    media = open_media(_pages(fmt))
    assert media.frame_count == 2 and media.format == fmt
    first, second = media.frames()
    assert first.image().getpixel((5, 5))[0] > 150 and second.image().getpixel((5, 5))[1] > 150
    assert second.time is None
    if fmt == "TIFF":  # a camera's MPO holds pictures of one size; a TIFF's pages need not
        assert (second.width, second.height) == (90, 50)


@pytest.mark.parametrize("fmt", ["WEBP", "PNG"])
def test_animated_webp_and_png_frames_keep_their_times(fmt):
    frames = [Image.new("RGB", (40, 30), (60 * i, 0, 0)) for i in range(3)]
    media = open_media(imaging.encode(frames[0], fmt, save_all=True, append_images=frames[1:],
                                      duration=[40, 80, 120], lossless=True))
    assert [f.time for f in media.frames()] == [0.0, 0.04, 0.12]
    assert [f.image().getpixel((3, 3))[0] for f in media.frames()] == [0, 60, 120]


def test_a_damaged_later_frame_is_found_when_it_is_read():
    data = _pages("TIFF")
    media = open_media(data[:-600])  # the second page's pixels are cut off
    assert "past the end of the file" in media.damage  # known from the structure, unread
    assert media.frame(0).image().getpixel((5, 5))[0] > 150
    with pytest.raises(MediaError) as caught:
        media.frame(1).image()
    assert caught.value.code == "UNS001" and "frame 1" in caught.value.message


def test_exif_orientation_is_applied():
    image = Image.new("RGB", (200, 100), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 100, 100))  # red on the left as stored
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    media = open_media(imaging.encode(image, "JPEG", exif=exif))
    upright = media.frame(0).image()
    assert (media.width, media.height) == upright.size == (100, 200)
    assert upright.getpixel((50, 30))[0] > 200  # red ends up on top
    assert upright.getpixel((50, 170))[2] > 200


def test_reduced_views_of_a_large_jpeg_come_from_dct_scaling():
    frame = open_media(imaging.jpeg(4000, 3000)).frame(0)
    small = frame.image(500)
    assert max(small.size) <= 500 and max(small.size) >= 400  # draft keeps at least 80%
    assert frame.scale(500) == pytest.approx(4000 / small.width)
    assert frame.image(500) is small  # decoded once, kept
    assert frame.image().size == (4000, 3000)
    assert frame.grey(256).ndim == 2 and frame.array(256).shape[2] == 3
    assert not frame.array(256).flags.writeable
    frame.release()
    assert frame.image(500) is not small  # let go, and decoded again when asked


@pytest.mark.parametrize("size", [(4000, 3000), (1600, 1200)])
def test_a_view_does_not_depend_on_the_views_asked_for_before_it(size):
    data = imaging.jpeg(*size)
    fresh = open_media(data).frame(0).array(640)
    busy = open_media(data).frame(0)
    busy.image()  # the full decode first, as a detector reading full resolution would
    assert (busy.array(640) == fresh).all()


def test_content_not_extension_decides(tmp_path):
    png_named_jpg = tmp_path / "photo.jpg"
    png_named_jpg.write_bytes(imaging.encode(imaging.picture(), "PNG"))
    assert open_media(png_named_jpg).format == "PNG"
    text_named_jpg = tmp_path / "notes.jpg"
    text_named_jpg.write_text("dear diary")
    with pytest.raises(MediaError) as caught:
        open_media(text_named_jpg)
    assert caught.value.code == "UNS002"


@pytest.mark.parametrize("data, code", [
    (b"", "UNS001"),
    (imaging.truncated_jpeg(), "UNS001"),
    (imaging.jpeg()[:200], "UNS001"),
    (imaging.decompression_bomb(), "UNS003"),
    (b"%PDF-1.7\n1 0 obj\n", "UNS002"),
    (b"\x89PNG\r\n\x1a\n and then nothing useful", "UNS001"),  # damaged, not foreign
])
def test_bad_files_raise_media_error_with_their_code(data, code):
    with pytest.raises(MediaError) as caught:
        open_media(data)
    assert caught.value.code == code
    assert caught.value.message


@pytest.mark.parametrize("step", ["decode", "convert"])
def test_a_frame_the_process_has_no_memory_for_is_over_the_limits_not_corrupt(monkeypatch, step):
    import PIL.ImageFile

    from vmscreen.media import decoding

    def no_memory(*args: object, **kwargs: object) -> None:
        raise MemoryError

    if step == "decode":  # a JPEG's header and EXIF are read without decoding its pixels
        data = imaging.jpeg(120, 80)
        monkeypatch.setattr(PIL.ImageFile.ImageFile, "load", no_memory)
    else:
        data = imaging.encode(imaging.picture(120, 80).convert("RGBA"), "PNG")
        monkeypatch.setattr(decoding, "upright_rgb", no_memory)
    with pytest.raises(MediaError) as caught:
        open_media(data)
    assert caught.value.code == "UNS003"
    assert caught.value.message.startswith(f"not enough memory to {step} the 120 x 80 frame")


def test_a_later_frame_the_process_has_no_memory_for_is_over_the_limits_not_corrupt(monkeypatch):
    from vmscreen.media import decoding

    def no_memory(*args: object, **kwargs: object) -> None:
        raise MemoryError

    media = open_media(imaging.animated_gif(frames=2))
    monkeypatch.setattr(decoding, "upright_rgb", no_memory)
    with pytest.raises(MediaError) as caught:
        media.frame(1).image()
    assert caught.value.code == "UNS003"
    assert caught.value.message.startswith("not enough memory to decode the")


def test_byte_pixel_and_frame_limits():
    with pytest.raises(MediaError, match="over the 1000 limit"):
        open_media(imaging.jpeg(), Limits(max_bytes=1000))
    with pytest.raises(MediaError, match="pixels"):
        open_media(imaging.jpeg(200, 100), Limits(max_pixels=10_000))
    with pytest.raises(MediaError, match="frame limit"):
        open_media(imaging.animated_gif(frames=5), Limits(max_frames=4))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(MediaError) as caught:
        open_media(tmp_path / "nope.jpg")
    assert caught.value.code == "UNS001"
    with pytest.raises(MediaError):
        open_media(tmp_path)


def test_modes_are_converted_to_rgb():
    sixteen = Image.fromarray((np.arange(64 * 32).reshape(32, 64) * 30).astype(np.uint16))
    assert open_media(imaging.encode(sixteen, "PNG")).frame(0).image().mode == "RGB"
    transparent = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    # Transparent pixels become white, so dark text on a transparent background stays legible.
    assert open_media(imaging.encode(transparent, "PNG")).frame(0).image().getpixel((5, 5)) == (
        255, 255, 255)
    palette = imaging.picture().quantize(16)
    assert open_media(imaging.encode(palette, "PNG")).frame(0).image().mode == "RGB"


def test_in_memory_images_and_arrays():
    array = np.zeros((30, 40, 3), dtype=np.uint8)
    array[:, :20] = 255
    media = media_from_array(array)
    assert (media.width, media.height) == (40, 30)
    assert media.frame(0).image().getpixel((5, 5)) == (255, 255, 255)
    assert media_from_pil(Image.new("L", (8, 9))).height == 9
    with pytest.raises(MediaError):
        media_from_array(np.zeros((4, 4, 3), dtype=np.float32))


def test_a_large_jpeg_decodes_only_its_pyramid_levels_whatever_sizes_are_asked():
    from vmscreen.media.frames import Frame

    source = open_media(imaging.jpeg(4000, 3000)).frame(0)
    decoded: list[int | None] = []

    def decode(max_side: int | None) -> Image.Image:
        decoded.append(max_side)
        return source.image(max_side)

    frame = Frame(0, None, (4000, 3000), decode, derive=False)
    for side in (1024, 640, 512, 320, 256, 1280, 2048, 1500):
        assert max(frame.image(side).size) <= side
    assert decoded == [1024, 2048]  # each smaller size resized from the level above it
