"""The sensitive-id detector: card numbers, SSNs, IBANs, machine-readable zones and the wording
of identity documents, read from the frame's shared OCR pass and from the text of the barcodes
it holds, and the layout of an identity document (a portrait beside lines of text).

Findings carry what kind of thing was found and where; a number appears only as its last four
digits, an MRZ only as its layout and how many check digits hold.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace

from vmscreen.analyses import CONFIDENT_FACE_SCORE, DocumentLayout, Line, Reading
from vmscreen.analyses.ocr import TextPlan, box_holding, lines_of_text
from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Box, Category, CodeInfo, Cover, Finding
from vmscreen.rules.card_furniture import furnished, furniture_cues
from vmscreen.rules.card_grouping import CardLikeNumber, find_card_like
from vmscreen.rules.id_numbers import (
    CARD_CONTEXT,
    NUMBER_CUE,
    SSN_CONTEXT,
    NumberMatch,
    find_cards,
    find_ibans,
    find_ssns,
    tokens_of,
)
from vmscreen.rules.id_wording import find_wording, wording_lines
from vmscreen.rules.mrz import find_mrz

NAME = "sensitive-id"

CARD_NUMBER = CodeInfo(
    "PAN101", "card-number", Category.SENSITIVE_ID, "A payment card number is legible.",
    "OCR read 13 to 19 digits, in a card scheme's printed grouping or run together, that pass "
    "the Luhn check and fall in a known issuer range (Visa, Mastercard, American Express, "
    "Discover, Diners Club, JCB, UnionPay, Maestro, Mir, RuPay). Common OCR confusions (O for 0, "
    "l for 1, S for 5, B for 8) are corrected first, and a number split over several boxes on "
    "one line is joined. A legible card number can be used for fraud and is excluded by the "
    "contributor policy. Evidence: the scheme and the last four digits only.",
)
CARD_UNVERIFIED = CodeInfo(
    "PAN102", "card-number-unverified", Category.SENSITIVE_ID,
    "A payment card number is legible, but its Luhn check fails.",
    "15 to 19 digits in a card scheme's printed grouping and issuer range, on a medium that also "
    "shows a scheme's name or an expiry label (VISA, Mastercard, UnionPay, VALID THRU...), whose "
    "Luhn check fails: a real card whose number OCR misread by a digit, or a specimen. A person "
    "checks: the default policy sends it to review. Evidence: the scheme and the last four "
    "digits only.",
)
CARD_LIKE = CodeInfo(
    "PAN103", "card-like-number", Category.SENSITIVE_ID,
    "A number in a payment card's printed grouping, on what looks like a card, that no "
    "issuer range or Luhn check confirms.",
    "Digits in a card scheme's printed grouping (4-4-4-4, 4-6-5, 4-6-4, 4-4-4-4-3), also when "
    "the recogniser misread them (a group read with a letter or an unreadable glyph, a digit "
    "dropped, one separator lost), next to the furniture of a payment card: a scheme's name, "
    "an expiry label (VALID THRU, GOOD THRU, EXPIRES...), or two weaker cues among an expiry "
    "date (MM/YY) and a cardholder's name line. 'Next to' is within the length of the number "
    "from it. 15 or 16 digits read with every separator lost count only beside an expiry "
    "label and one more cue (a receipt prints its reference beside 'VISA'). The number fails "
    "the Luhn check or no issuer range holds it: a placeholder (4444 4444 4444 4444), a "
    "sequential run, a specimen, or a real card misread in a segment-style or embossed font. "
    "A number that passes (PAN101) or sits in an issuer range beside a "
    "scheme's wording (PAN102) is reported under those codes instead, never twice. A gift "
    "card's or a receipt's number lacks the furniture and is not reported. A person checks: "
    "the default policy sends it to review. Evidence: the grouping, the furniture seen, the "
    "pattern of the digits (repeated, sequential, misread, other) and at most the last four "
    "digits.",
)
SSN = CodeInfo(
    "SSN101", "us-social-security-number", Category.SENSITIVE_ID,
    "A US social security number is legible.",
    "A number in the form AAA-GG-SSSS that follows the Social Security Administration's rules "
    "(area not 000, 666 or 900-999; group not 00; serial not 0000). Near the words 'social "
    "security' or 'SSN' the score is 0.95 and the default policy rejects; a dashed number alone "
    "scores 0.6 and goes to review, since invoice and order numbers share the form. Evidence: "
    "the last four digits only.",
)
IBAN = CodeInfo(
    "IBN101", "iban", Category.SENSITIVE_ID, "An international bank account number is legible.",
    "A country code, two check digits and the account, at the length the IBAN registry gives "
    "for that country, passing the ISO 13616 mod-97 check. Bank details identify the account "
    "holder. Evidence: the country and the last four characters.",
)
MRZ_VALID = CodeInfo(
    "MRZ101", "machine-readable-zone", Category.SENSITIVE_ID,
    "A passport, ID card or visa machine-readable zone is legible.",
    "Two or three lines in an ICAO 9303 layout (TD1 ID cards, TD2, TD3 passports, MRV-A and "
    "MRV-B visas) whose 7-3-1 check digits hold (all, or all but one where OCR misread a "
    "character). An MRZ holds the bearer's name, document number, nationality and dates in a "
    "form any reader can parse: the document is identified beyond doubt. Reported as found, "
    "with how many check digits hold; never parsed into stored fields.",
)
MRZ_SHAPE = CodeInfo(
    "MRZ102", "mrz-like-text", Category.SENSITIVE_ID,
    "Text shaped like a machine-readable zone, with check digits that do not hold.",
    "Lines of the MRZ alphabet in an ICAO layout with filler characters, but too few valid check "
    "digits: a blurred or partly hidden passport or ID card, or a specimen. A block of two or "
    "three consecutive lines in the MRZ alphabet only, at an ICAO width (30, 36 or 44, give or "
    "take 3) and equally long (within 2), with a filler run ('<<') and a line of eight digits "
    "or more, counts even when its first letter is no ICAO document code (a specimen's "
    "made-up code, or one misread); such a block is never reported as valid (MRZ101), however "
    "many of its check digits hold. The MRZ alphabet and layout are themselves the mark of an "
    "identity document. A person checks: the default policy sends it to review. Evidence: the "
    "layout, the document code (? where there is none) and how many check digits hold; never "
    "the text.",
)
WORDING = CodeInfo(
    "IDD101", "id-document-wording", Category.SENSITIVE_ID,
    "The wording of an identity document is visible.",
    "Titles such as passport, identity card, driving licence, Personalausweis, permis de "
    "conduire or social security, and the labels of document fields (surname, date of birth, "
    "nationality...) in several languages. A document front without an MRZ (a driving licence, "
    "an ID card front, an SSN card) shows the bearer's identity; the wording alone is a weaker "
    "cue than a valid number, so the default policy sends it to review. German, French and "
    "Italian fronts are known by their titles (PERSONALAUSWEIS, CARTE NATIONALE D'IDENTITÉ, "
    "CARTA DI IDENTITÀ, also as OCR misreads them: a title of 16 characters or more one letter "
    "off), their issuing state's heading and labels "
    "(Geburtsdatum, Né(e) le, Cittadinanza...); everyday words among the labels (Name, Nom, "
    "Nome, Sex, Sesso, Scadenza) count only beside a title or a label a document alone prints. "
    "Two kinds of text are not a document: a title met only in an instruction or beside a "
    "question ('Scan the front of your ID card', 'Which document...'), with no document's "
    "labels and no values, as an identity-verification app or a help page shows it; and field "
    "labels over empty fields with a form's own words (email, password, first name) and no "
    "title or value, as a sign-up form shows them.",
)

LAYOUT = CodeInfo(
    "IDD102", "id-document-layout", Category.SENSITIVE_ID,
    "A card or passport page holding a portrait beside lines of text.",
    "A rectangle of the ID-1 card shape (aspect 1.59) or of a passport data page (1.42), either "
    "the whole frame (a scan, a close-up) or an outline in the photo (a card on a table), with "
    "one upright face on one side of it and at least three lines of text on the other: the "
    "layout of an identity document, found even when its wording is not legible or not in a "
    "language the wording rules know. A group of similar faces, or a face standing along the "
    "long side (a person in a portrait-format photo), does not count. The portrait is reported "
    "here, once, not as another person. A layout is a weaker cue than a valid number or MRZ: "
    "the default policy sends it to review.",
)


DOCUMENT_TEXT = CodeInfo(
    "IDD103", "document-text", Category.SENSITIVE_ID,
    "The text around a sensitive number or document, boxed for a sanitised copy.",
    "Where a frame shows a card number, an SSN, an IBAN, a machine-readable zone, identity "
    "document wording or layout, the other lines of text around it are the bearer's name, "
    "dates, address and numbers more often than not. This finding boxes all the frame's text "
    "(or, where the document's outline was found, the outline itself, IDD102), so that "
    "`vmscreen redact` fills every field it can locate and not only the number or the MRZ. It "
    "appears only beside one of those findings and adds nothing to the decision they make: "
    "the default policy accepts it. Evidence: how many lines the box holds.",
    cover_accepted=True,
)
DOCUMENT_PORTRAIT = CodeInfo(
    "IDD104", "document-portrait", Category.SENSITIVE_ID,
    "A face beside a sensitive number or document: a document's portrait.",
    "A face found in a frame that shows an identity document or a payment card, on the "
    "document or too faint for the faces detector (printed portraits often score below its "
    "threshold): the bearer's portrait or its ghost image. Reported so that a sanitised copy "
    "blurs it, like every face; the findings beside it make the decision, and the default "
    "policy accepts it. Evidence: the face's height in pixels.",
    cover=Cover.BLUR, cover_accepted=True,
)


def _line_box(line: Line, word_indices: Sequence[int]) -> Box:
    return Box.around(line.words[i].box for i in word_indices) if word_indices else line.box


# Findings that settle what a number is: nothing a thorough reading could add would change
# the decision.
SETTLED = frozenset({CARD_NUMBER.code, SSN.code, IBAN.code, MRZ_VALID.code})


def _number_finding(match: NumberMatch, box: Box) -> Finding:
    if match.kind == "card":
        return CARD_NUMBER.finding(
            NAME, match.score, f"a Luhn-valid {match.detail} card number ending {match.last4}",
            box=box, evidence={"scheme": match.detail, "last4": match.last4,
                               "ocr_corrected": match.corrected})
    if match.kind == "card-unverified":
        return CARD_UNVERIFIED.finding(
            NAME, match.score,
            f"a {match.detail} card number ending {match.last4} that fails the Luhn check",
            box=box, evidence={"scheme": match.detail, "last4": match.last4,
                               "ocr_corrected": match.corrected})
    if match.kind == "ssn":
        return SSN.finding(
            NAME, match.score, f"a valid-form US social security number ending {match.last4}",
            box=box, evidence={"last4": match.last4, "context": match.score >= 0.85})
    return IBAN.finding(NAME, match.score, f"a valid {match.detail} IBAN ending {match.last4}",
                        box=box, evidence={"country": match.detail, "last4": match.last4})


def _centre(box: Box) -> tuple[float, float]:
    return (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2


def _around(line: Line, lines: Sequence[Line]) -> list[str]:
    """The text of the lines whose centre lies within the length of ``line`` from its centre:
    on a card, everything printed on it lies that close to its number. A card number is at
    least eight of its digits' heights long, even when read as one box."""
    (x, y), reach = _centre(line.box), max(line.box.width, line.box.height, 8 * line.height)
    return [other.text for other in lines
            if math.dist((x, y), _centre(other.box)) <= reach]


def _card_like_finding(number: CardLikeNumber, line: Line, lines: Sequence[Line]
                       ) -> list[Finding]:
    """PAN103 for a number in a card grouping when card furniture lies around it."""
    cues = furniture_cues(_around(line, lines))
    if not furnished(cues, strict=number.run_together):
        return []
    ending = f" ending {number.last4}" if number.last4 else ""
    grouped = "run together" if number.run_together else f"in a card's {number.grouping} grouping"
    return [CARD_LIKE.finding(
        NAME, 0.5, f"a number {grouped}{ending} beside card "
        f"furniture ({', '.join(sorted(cues))}), not confirmed by Luhn and issuer range",
        box=_line_box(line, number.words),
        evidence={"grouping": number.grouping if not number.run_together else "run-together",
                  "furniture": ",".join(sorted(cues)),
                  "pattern": number.pattern, "last4": number.last4,
                  "ocr_corrected": number.misread})]


def text_findings(lines: Sequence[Line]) -> list[Finding]:
    """Every sensitive-id finding in lines of text: an OCR reading's, or a barcode's."""
    context = any(SSN_CONTEXT.search(line.text) for line in lines)
    card_context = any(CARD_CONTEXT.search(line.text) for line in lines)
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for line in lines:
        texts = [word.text for word in line.words]
        tokens = tokens_of(texts)
        taken: set[int] = set()
        for match in (*find_cards(tokens, card_context), *find_ssns(texts, context),
                      *find_ibans(tokens)):
            taken.update(match.words)
            key = (match.kind, match.last4)
            if key not in seen:
                seen.add(key)
                findings.append(_number_finding(match, _line_box(line, match.words)))
        # PAN103 only for what no stronger rule took (PAN101 > PAN102 > PAN103).
        for number in find_card_like(tokens):
            if not taken.intersection(number.words):
                findings.extend(_card_like_finding(number, line, lines))
    for zone in find_mrz([line.text for line in lines]):
        box = Box.around(lines[i].box for i in zone.line_indices)
        checks = f"{zone.valid_checks} of {zone.total_checks} check digits"
        evidence = {"layout": zone.layout, "document_code": zone.document_code,
                    "valid_checks": zone.valid_checks, "total_checks": zone.total_checks}
        if zone.valid:
            findings.append(MRZ_VALID.finding(
                NAME, 0.97 if zone.valid_checks == zone.total_checks else 0.9,
                f"a {zone.layout} machine-readable zone, valid, {checks}", box=box,
                evidence=evidence))
        else:
            shape = "lines" if zone.coded else "lines without a document code"
            findings.append(MRZ_SHAPE.finding(
                NAME, 0.6, f"MRZ-like {zone.layout} {shape}, {checks} hold", box=box,
                evidence={**evidence, "document_code_known": zone.coded}))
    wording = find_wording(line.text for line in lines)
    if wording is not None:
        named = ", ".join(wording.documents) or "document field labels"
        where = wording_lines([line.text for line in lines])
        findings.append(WORDING.finding(
            NAME, wording.score, f"identity document wording: {named}",
            box=Box.around(lines[i].box for i in where) if where else None,
            evidence={"documents": ",".join(wording.documents), "field_labels": wording.labels}))
    return findings


def _unsettled(reading: Reading, findings: Sequence[Finding]) -> bool:
    """Whether the fast reading shows a number or MRZ filler that no finding settled: the
    thorough reading may read it whole (an embossed card number, a dense MRZ)."""
    return (not any(f.code in SETTLED for f in findings)
            and any(NUMBER_CUE.search(line.text) for line in reading.lines))


def _outside(lines: Sequence[Line], strips: TextPlan) -> list[Line]:
    """The fast reading's lines the thorough reading did not read again: their words, with the
    thorough reading's lines, are the page's text (the context a number is judged in)."""
    return [line for line in lines if box_holding(line, strips) is None]


# Codes that report what one number or one MRZ reads as: where the thorough reading reports
# one of a family over the fast reading's, the thorough one read those characters again.
_REREAD_FAMILIES = ({CARD_NUMBER.code, CARD_UNVERIFIED.code, CARD_LIKE.code, SSN.code,
                     IBAN.code}, {MRZ_VALID.code, MRZ_SHAPE.code})


def _reread(fast: Finding, thorough: Sequence[Finding]) -> bool:
    """Whether a thorough finding of the fast finding's family covers its box."""
    family = next((f for f in _REREAD_FAMILIES if fast.code in f), set())
    return any(t.code in family and _overlap(t.box, fast.box) for t in thorough)


def _joined(thorough: list[Finding], fast: list[Finding]) -> list[Finding]:
    """The thorough reading's findings, and the fast one's of codes it did not report, but
    for a number or an MRZ the thorough reading read again: a digit the fast reading misread
    (PAN102 where the thorough one reads PAN101) is one number, not two."""
    codes = {finding.code for finding in thorough}
    return thorough + [finding for finding in fast
                       if finding.code not in codes and not _reread(finding, thorough)]


def _overlap(a: Box | None, b: Box | None) -> bool:
    return a is not None and b is not None and a.overlaps(b)


def _outranked_dropped(findings: list[Finding]) -> list[Finding]:
    """PAN103 findings dropped where PAN101 or PAN102 reports the same number (one reading
    confirmed what the other could not, or a barcode holds it): one number, one code."""
    stronger = [f for f in findings if f.code in (CARD_NUMBER.code, CARD_UNVERIFIED.code)]
    return [f for f in findings if f.code != CARD_LIKE.code or not any(
        _overlap(f.box, s.box) or f.evidence_dict.get("last4") == s.evidence_dict["last4"]
        for s in stronger)]


def barcode_findings(subject: Subject) -> list[Finding]:
    """What the text of the frame's barcodes holds, each finding boxed by its barcode."""
    return [replace(finding, box=code.box,
                    evidence={**finding.evidence_dict, "source": f"barcode {code.format}"})
            for code in subject.analyses.barcodes()
            for finding in text_findings(lines_of_text(code.text))]


def coverage_findings(subject: Subject, lines: Sequence[Line], layout: DocumentLayout | None
                      ) -> list[Finding]:
    """The document's text and portraits as boxes for a sanitised copy (IDD103, IDD104): asked
    for only where the frame holds sensitive-id evidence."""
    frame, findings = subject.frame, []
    if layout is None and lines:
        area = Box.around(line.box for line in lines)
        findings.append(DOCUMENT_TEXT.finding(
            NAME, 0.5, f"{len(lines)} lines of text around the document", box=area,
            evidence={"lines": len(lines)}))
    else:
        area = layout.box(frame.width, frame.height) if layout is not None else None
    for face in subject.analyses.faces():
        x, y = face.centre
        inside = area is not None and area.x0 <= x <= area.x1 and area.y0 <= y <= area.y1
        if inside or face.score < CONFIDENT_FACE_SCORE:
            findings.append(DOCUMENT_PORTRAIT.finding(
                NAME, round(face.score, 3), f"a face {round(face.height)} px high beside the "
                "document", box=face.pixel_box(frame.width, frame.height),
                evidence={"height_px": round(face.height)}))
    return findings


def layout_finding(layout: DocumentLayout, width: int, height: int) -> Finding:
    where = "the whole frame" if layout.whole_frame else "a card-shaped outline"
    return LAYOUT.finding(
        NAME, 0.7, f"a portrait beside {layout.text_lines} lines of text in {where}",
        box=layout.box(width, height),
        evidence={"whole_frame": layout.whole_frame, "text_lines": layout.text_lines,
                  "aspect": round(layout.outline.size[0] / layout.outline.size[1], 2)})


class SensitiveIdDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.5.0",
        codes=(CARD_NUMBER, CARD_UNVERIFIED, CARD_LIKE, SSN, IBAN, MRZ_VALID, MRZ_SHAPE,
               WORDING, LAYOUT, DOCUMENT_TEXT, DOCUMENT_PORTRAIT),
        licence="Apache-2.0",
        time_budget_s=60.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        analyses, frame = subject.analyses, subject.frame
        fast = analyses.reading()
        lines = fast.lines
        findings = text_findings(lines)
        if _unsettled(fast, findings):
            thorough = analyses.reading(thorough=True).lines
            rest = _outside(lines, analyses.number_strips())
            findings = _joined(text_findings((*rest, *thorough)), findings)
            lines = (*lines, *thorough)
        findings = _outranked_dropped(findings + barcode_findings(subject))
        layout = analyses.document()
        if layout is not None:
            findings.append(layout_finding(layout, frame.width, frame.height))
        if findings:
            findings += coverage_findings(subject, lines, layout)
        return findings
