"""The numbers printed on the synthetic documents: card numbers of every major scheme, SSNs,
ICAO machine-readable zones and the near misses that must not be flagged.

Written here independently of vmscreen's own validators, so a bug in one is caught by the other.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# scheme -> (IIN prefixes, length, print grouping)
SCHEMES: dict[str, tuple[tuple[str, ...], int, tuple[int, ...]]] = {
    "visa": (("4",), 16, (4, 4, 4, 4)),
    "mastercard": (("51", "53", "55", "2221", "2720"), 16, (4, 4, 4, 4)),
    "amex": (("34", "37"), 15, (4, 6, 5)),
    "discover": (("6011", "65", "644"), 16, (4, 4, 4, 4)),
    "diners": (("36", "300", "305"), 14, (4, 6, 4)),
    "jcb": (("3528", "3589"), 16, (4, 4, 4, 4)),
    "unionpay": (("62",), 16, (4, 4, 4, 4)),
    "maestro": (("6759", "5018"), 19, (4, 4, 4, 4, 3)),
}


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _luhn_complete(body: str) -> str:
    """Append the check digit that makes ``body`` Luhn-valid."""
    for last in "0123456789":
        if luhn_ok(body + last):
            return body + last
    raise AssertionError("unreachable: one of ten digits always completes a Luhn number")


def _random_digits(rng: np.random.Generator, count: int) -> str:
    return "".join(str(d) for d in rng.integers(0, 10, count))


def card_number(rng: np.random.Generator, scheme: str) -> str:
    prefixes, length, _ = SCHEMES[scheme]
    prefix = prefixes[int(rng.integers(len(prefixes)))]
    return _luhn_complete(prefix + _random_digits(rng, length - len(prefix) - 1))


def luhn_failing(rng: np.random.Generator, length: int = 16, prefix: str = "4") -> str:
    """A number that looks like a card's but fails the Luhn check."""
    valid = _luhn_complete(prefix + _random_digits(rng, length - len(prefix) - 1))
    wrong = (int(valid[-1]) + int(rng.integers(1, 10))) % 10
    return valid[:-1] + str(wrong)


def group(number: str, grouping: tuple[int, ...], separator: str = " ") -> str:
    parts, start = [], 0
    for size in grouping:
        parts.append(number[start:start + size])
        start += size
    return separator.join(p for p in parts if p)


def ssn(rng: np.random.Generator) -> str:
    """A number that passes the SSA's rules: area not 000, 666 or 9xx; group and serial not 0."""
    area = int(rng.integers(1, 900))
    while area == 666:
        area = int(rng.integers(1, 900))
    return f"{area:03d}-{int(rng.integers(1, 100)):02d}-{int(rng.integers(1, 10000)):04d}"


def phone(rng: np.random.Generator) -> str:
    formats = ("+1 ({a}) 555-{b:04d}", "+44 20 7946 {b:04d}", "0{a} {c} {b:04d}",
               "+49 30 {c}{b:04d}")
    fmt = formats[int(rng.integers(len(formats)))]
    return fmt.format(a=int(rng.integers(200, 999)), b=int(rng.integers(0, 10000)),
                      c=int(rng.integers(100, 999)))


# --- ICAO 9303 machine-readable zones ------------------------------------------------------

_MRZ_VALUES = {**{str(d): d for d in range(10)},
               **{chr(ord("A") + i): 10 + i for i in range(26)}, "<": 0}


def check_digit(field: str) -> str:
    """ICAO 9303 part 3: weights 7, 3, 1 repeating; letters A=10..Z=35; filler 0."""
    weights = (7, 3, 1)
    return str(sum(_MRZ_VALUES[c] * weights[i % 3] for i, c in enumerate(field)) % 10)


def _pad(text: str, width: int) -> str:
    text = "".join(c if c.isalnum() else "<" for c in text.upper())
    if len(text) > width:
        raise ValueError(f"{text!r} is longer than {width}")
    return text + "<" * (width - len(text))


def _name_field(surname: str, given: str, width: int) -> str:
    name = surname.replace(" ", "<") + "<<" + given.replace(" ", "<")
    return _pad(name[:width], width)


@dataclass(frozen=True)
class Person:
    surname: str
    given: str
    nationality: str
    birth: str  # YYMMDD
    sex: str
    expiry: str  # YYMMDD
    number: str  # document number, up to 9 characters


SURNAMES = ("MUSTERMANN", "ERIKSSON", "DUPONT", "ROSSI", "GARCIA LOPEZ", "NOWAK", "SMITH",
            "OKAFOR", "TANAKA", "VAN DER BERG", "SILVA", "MURPHY", "KOWALSKI", "ANDERSEN")
GIVEN = ("ERIKA", "ANNA MARIA", "JEAN", "GIULIA", "JAVIER", "PIOTR", "OLIVIA", "CHIDI", "YUKI",
         "SANNE", "JOAO", "AOIFE", "KASIA", "LARS ERIK")
COUNTRIES = ("UTO", "D<<", "FRA", "ITA", "ESP", "POL", "GBR", "NLD", "USA", "IRL", "SWE", "CAN")


def person(rng: np.random.Generator) -> Person:
    def date(lo: int, hi: int) -> str:
        return f"{int(rng.integers(lo, hi)):02d}{int(rng.integers(1, 13)):02d}" \
               f"{int(rng.integers(1, 29)):02d}"

    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    number = "".join(
        letters[int(rng.integers(len(letters)))] if rng.random() < 0.3 else str(rng.integers(10))
        for _ in range(9)
    )
    return Person(
        surname=SURNAMES[int(rng.integers(len(SURNAMES)))],
        given=GIVEN[int(rng.integers(len(GIVEN)))],
        nationality=COUNTRIES[int(rng.integers(len(COUNTRIES)))],
        birth=date(50, 99), sex="MF"[int(rng.integers(2))], expiry=date(27, 36), number=number,
    )


def _dates(p: Person) -> tuple[str, str]:
    birth = p.birth + check_digit(p.birth)
    expiry = p.expiry + check_digit(p.expiry)
    return birth, expiry


def td3(p: Person, code: str = "P<", optional: str = "") -> tuple[str, str]:
    """Passport: 2 lines of 44."""
    line1 = code + p.nationality + _name_field(p.surname, p.given, 39)
    number = _pad(p.number, 9)
    personal = _pad(optional, 14)
    birth, expiry = _dates(p)
    body = number + check_digit(number) + p.nationality + birth + p.sex + expiry
    body += personal + check_digit(personal)
    composite = body[0:10] + body[13:20] + body[21:43]
    return line1, body + check_digit(composite)


def td2(p: Person, code: str = "I<") -> tuple[str, str]:
    """Official travel document or older ID card: 2 lines of 36."""
    line1 = code + p.nationality + _name_field(p.surname, p.given, 31)
    number = _pad(p.number, 9)
    birth, expiry = _dates(p)
    body = number + check_digit(number) + p.nationality + birth + p.sex + expiry + "<" * 7
    composite = body[0:10] + body[13:20] + body[21:35]
    return line1, body + check_digit(composite)


def td1(p: Person, code: str = "ID") -> tuple[str, str, str]:
    """ID card: 3 lines of 30."""
    number = _pad(p.number, 9)
    line1 = code + p.nationality + number + check_digit(number) + "<" * 15
    birth, expiry = _dates(p)
    line2 = birth + p.sex + expiry + p.nationality + "<" * 11
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    line2 += check_digit(composite)
    line3 = _name_field(p.surname, p.given, 30)
    return line1, line2, line3


def visa(p: Person, width: int = 44) -> tuple[str, str]:
    """Machine-readable visa, format A (2 x 44) or B (2 x 36): no composite check digit."""
    line1 = "V<" + p.nationality + _name_field(p.surname, p.given, width - 5)
    number = _pad(p.number, 9)
    birth, expiry = _dates(p)
    body = number + check_digit(number) + p.nationality + birth + p.sex + expiry
    return line1, body + "<" * (width - len(body))


def aamva(p: Person, state: str, licence: str) -> str:
    """AAMVA DL/ID card design data, as a PDF417 on the back of a US licence carries it."""
    fields = [f"DAQ{licence}", f"DCS{p.surname}", f"DAC{p.given.split()[0]}",
              f"DBB{p.birth[2:4]}{p.birth[4:6]}19{p.birth[0:2]}",
              f"DBA{p.expiry[2:4]}{p.expiry[4:6]}20{p.expiry[0:2]}",
              f"DBC{1 if p.sex == 'M' else 2}", f"DAJ{state}", "DCGUSA"]
    subfile = "DL" + "\n".join(fields) + "\r"
    header = f"@\n\x1e\rANSI 636000090001DL00410{len(subfile):04d}"
    return header + subfile
