"""PDQ, Meta's perceptual image hash (through the ``pdqhash`` bindings, MIT over Meta's
BSD-style C++): 256 bits from the DCT of a 64x64 luma reduction, and a quality 0..100 that says
how much structure the hash rests on.

A frame is hashed once, with the hashes of its eight dihedral transforms (rotations by 90
degrees and flips) that PDQ derives from the same DCT almost for free. A bank keeps only the
original hash of what it holds; matching all eight query hashes against it finds a copy that
was rotated or mirrored, at no cost to the bank's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np
from PIL import Image

# The view of a frame that is hashed: a reduced decode (cheap: a JPEG's DCT scaling), never
# the full resolution.
HASH_SIDE = 512
# PDQ reduces every picture to 64x64 luma before its DCT. vmscreen makes that reduction itself,
# with a box filter, and hands PDQ the 64x64 picture: PDQ's own (Jarosz) filter uses windows of
# even width that shift the picture by half a pixel one way, so a copy turned by 90 degrees
# hashed up to 38 bits away from the original on the real photos of the benchmark; through a
# box filter, which is symmetric, 10 at most. The price: these hashes are PDQ hashes of the
# 64x64 reduction, not of the file, so they are compared with banks vmscreen built, not with
# PDQ lists made by other tools.
REDUCED = 64
# Below this quality PDQ's hash rests on too little structure (a flat wall, a black frame) to
# mean anything: Meta's own tools drop such hashes. Neither banked nor matched.
MIN_QUALITY = 50
# A crop moves every part of the picture against the hash's 64x64 grid: PDQ matches a copy with
# about 1.5% cut off a side, rarely one with more. So a bank keeps, beside each picture's hash,
# the hashes of the picture cut by 3, 6 and 9% on each side (at most 9% of the width and of the
# height in all), and by 5% on both (a centred 10% crop, the commonest): a copy cut by up to
# about 10% lies within 1.5-2% of one of them. 11 cuts a side pair, 121 hashes a picture
# (benchmarks/banks.py: a crop of 5-10% matched 0.3% of the time with the whole picture's hash
# alone).
CROP_STEP = 0.03
CROP_MOST = 0.09
_CUTS = (*((a * CROP_STEP, b * CROP_STEP) for a, b in product(range(4), repeat=2)
           if (a + b) * CROP_STEP <= CROP_MOST + 1e-9), (0.05, 0.05))
CROPS = tuple(product(_CUTS, _CUTS))  # ((left, right), (top, bottom)), the whole one first
# pdqhash.compute_dihedral's order: the original, three rotations, four flips.
TRANSFORMS = ("original", "rotate-90", "rotate-180", "rotate-270", "flip-x", "flip-y",
              "flip-diagonal", "flip-antidiagonal")


@dataclass(frozen=True)
class PdqHash:
    """A frame's PDQ hashes: ``hashes[i]`` is the 32-byte hash of ``TRANSFORMS[i]`` of it
    (big-endian, the bytes of PDQ's usual 64-digit hex form), and its quality."""

    hashes: tuple[bytes, ...]
    quality: int

    @property
    def hash(self) -> bytes:
        return self.hashes[0]

    @property
    def reliable(self) -> bool:
        return self.quality >= MIN_QUALITY

    def hex(self) -> str:
        return self.hashes[0].hex()


def reduced(image: Image.Image) -> Image.Image:
    """The 64x64 RGB picture PDQ hashes (a box filter over the whole image)."""
    return image.convert("RGB").resize((REDUCED, REDUCED), Image.Resampling.BOX,
                                       reducing_gap=None)


def _pixels(image: Image.Image) -> np.ndarray:
    """The 64x64 reduction as the contiguous uint8 array pdqhash takes."""
    return np.ascontiguousarray(np.asarray(reduced(image), dtype=np.uint8))


def pdq_of(image: Image.Image) -> PdqHash:
    """The PDQ hashes of an image, through its 64x64 box reduction."""
    import pdqhash  # a compiled extension: imported when a bank is first matched

    vectors, quality = pdqhash.compute_dihedral(_pixels(image))
    bits = np.asarray(vectors, dtype=np.uint8)  # (8, 256), most significant bit first
    return PdqHash(tuple(bytes(row) for row in np.packbits(bits, axis=1)), int(quality))


def banked_hashes(image: Image.Image) -> tuple[bytes, ...]:
    """What a bank keeps of a picture: the hash of the whole, then those of its crops (each
    distinct and reliable), or nothing when the whole is too flat to hash reliably."""
    import pdqhash

    width, height = image.size
    hashes: dict[bytes, None] = {}
    for (left, right), (top, bottom) in CROPS:
        box = (round(width * left), round(height * top), width - round(width * right),
               height - round(height * bottom))
        part = image.crop(box) if box != (0, 0, width, height) else image
        vector, quality = pdqhash.compute(_pixels(part))
        if quality < MIN_QUALITY:
            if not hashes:
                return ()
            continue
        hashes[bytes(np.packbits(np.asarray(vector, np.uint8)))] = None
    return tuple(hashes)
