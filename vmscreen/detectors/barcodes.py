"""Barcodes: PDF417 carrying AAMVA driving-licence data, and QR codes, from the frame's shared
barcode decoding. What a barcode's text holds (a card number, an MRZ) is the sensitive-id
detector's to report, through the same rules as OCR text."""

from __future__ import annotations

from collections.abc import Iterable

from vmscreen.analyses.barcodes import DECODER
from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Category, CodeInfo, Finding

NAME = "barcodes"
QR_FORMATS = ("QRCode", "MicroQRCode")

LICENCE_BARCODE = CodeInfo(
    "BAR101", "licence-barcode", Category.SENSITIVE_ID,
    "A driving licence or ID card barcode (AAMVA PDF417) is readable.",
    "The back of North American driving licences and ID cards carries a PDF417 barcode with the "
    "bearer's name, address, date of birth and licence number in the AAMVA format. Any phone can "
    "read it, so a photo of it discloses the whole document. Evidence: the format only.",
)
QR_CODE = CodeInfo(
    "BAR102", "qr-code", Category.SENSITIVE_ID, "A QR code is readable.",
    "A QR code was decoded. Most are harmless (menus, links, tickets) and the default policy "
    "accepts them; its contents are checked like OCR text by the sensitive-id detector, and a "
    "QR code that carries a card number, an SSN or an MRZ is reported under those codes too.",
)


def is_aamva(payload: bytes) -> bool:
    """The AAMVA header: '@', then 'ANSI ' and the issuer number, in the first bytes."""
    head = payload[:64]
    return (head.startswith(b"@") and b"ANSI " in head) or b"AAMVA" in head


class BarcodeDetector:
    info = DetectorInfo(
        name=NAME,
        version=f"1.1.0 ({DECODER})",
        codes=(LICENCE_BARCODE, QR_CODE),
        licence="Apache-2.0",
        time_budget_s=30.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        findings: list[Finding] = []
        for code in subject.analyses.barcodes():
            if code.format == "PDF417" and is_aamva(code.payload):
                findings.append(LICENCE_BARCODE.finding(
                    NAME, 0.97, "an AAMVA driving-licence barcode (PDF417)", box=code.box,
                    evidence={"format": "PDF417", "standard": "AAMVA"}))
            elif code.format in QR_FORMATS:
                findings.append(QR_CODE.finding(NAME, 0.3, "a QR code", box=code.box,
                                                evidence={"format": "QRCode"}))
        return findings
