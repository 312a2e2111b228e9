"""The synthetic set: reproducible from its seed, labelled per file, every kind present."""

from __future__ import annotations

import numpy as np
from PIL import Image

from benchmarks.labels import read_labels
from benchmarks.sets import synthetic


def test_the_slice_holds_every_kind_with_labels_that_match_the_files(synthetic_slice):
    root, labels = synthetic_slice
    assert {label.kind for label in labels} == {kind.name for kind in synthetic.kinds()}
    assert read_labels(root / "labels.csv") == sorted(labels, key=lambda label: label.path)
    for label in labels:
        with Image.open(root / label.path) as image:
            image.verify()
    by_kind = {label.kind: label for label in labels}
    assert by_kind["card-amex"].categories == {"sensitive-id"}
    assert by_kind["card-amex"].expected == "reject"
    assert by_kind["licence-front"].expected == "review"
    assert by_kind["negative-receipt"].clean and by_kind["negative-receipt"].expected == "accept"
    assert by_kind["metadata-gps-agency"].categories == {"copyright", "metadata"}


def test_the_same_seed_draws_the_same_file_and_another_seed_does_not():
    kind = next(k for k in synthetic.kinds() if k.name == "negative-ticket-dates")
    first, _ = kind.render(np.random.default_rng([5, 0]))
    again, _ = kind.render(np.random.default_rng([5, 0]))
    other, _ = kind.render(np.random.default_rng([6, 0]))
    assert np.array_equal(first, again)
    assert first.shape != other.shape or not np.array_equal(first, other)


def test_a_pdf417_licence_back_decodes_to_aamva_data():
    import zxingcpp

    from benchmarks.sets import synthetic_documents as docs

    back = docs.licence_back(np.random.default_rng(2)).convert("RGB")
    codes = zxingcpp.read_barcodes(np.asarray(back))
    assert codes and codes[0].format == zxingcpp.BarcodeFormat.PDF417
    assert codes[0].bytes.startswith(b"@\n\x1e\rANSI ")
