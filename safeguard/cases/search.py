"""What a search of the case list means, read once from what was typed.

People type what the service shows them: "HOLT, Darren" (as the case list writes a name), "Darren
Holt" or "Holt Darren", part of a CRN ("D1000") or PNC number ("2012/0123"), and dates of birth as
"18 October 1985", "18/10/85" or "1985-10-18". `parse_query` decides which it is; the selector turns
that into indexed lookups and the page says back what was searched for.
"""

import datetime
import re
from dataclasses import dataclass

from dateutil import parser as date_parser

from safeguard.core import clock
from safeguard.core.forms import name_key, normalise_name
from safeguard.people.models import normalise_pnc, pnc_year

# A CRN is a letter and six digits: a letter and one to six digits is the start of one.
CRN_PREFIX = re.compile(r"[A-Z]\d{1,6}")
# A PNC number is stored as YYYY/NNNNNNNX: a year and a slash, then the start of the rest.
PNC_PREFIX = re.compile(r"(\d{2}|\d{4})/\d{0,7}[A-Z]?")

# Two parses with different defaults: a date that comes out the same both times had a day, a month
# and a year in what was typed ("October 1985" and "1 2" are not dates of birth).
_DEFAULTS = (datetime.datetime(2000, 1, 1), datetime.datetime(2001, 2, 2))  # noqa: DTZ001 - dates only


def parse_date_of_birth(text: str) -> datetime.date | None:
    """A whole date typed as people type it, day first (UK): 18 October 1985, 18 Oct 85, 18/10/85,
    18.10.1985, 1985-10-18. A two-digit year that would put the birth in the future is last century
    (a date of birth is in the past). Anything else, or part of a date, is None."""
    text = text.strip()
    if not re.search(r"\d", text) or len(re.findall(r"[0-9]+|[A-Za-z]+", text)) < 3:
        return None
    try:
        first, second = (date_parser.parse(text, dayfirst=True, default=default).date() for default in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    if first != second:
        return None
    if first > clock.today() and not re.search(r"\d{4}", text):
        first = first.replace(year=first.year - 100)
    return first


def _shown(word: str) -> str:
    """A word as the page repeats it: "HOLT" and "holt" as Holt; "McDonald" as typed."""
    return word.title() if word.isupper() or word.islower() else word


@dataclass(frozen=True)
class CaseQuery:
    """One search, understood. At most one of the date, the CRN, the PNC number and the names is set.

    `names` are the ways to read the words as (first name, surname) key prefixes; an empty prefix
    matches any name."""

    text: str = ""
    date_of_birth: datetime.date | None = None
    crn: str = ""
    pnc: str = ""
    names: tuple[tuple[str, str], ...] = ()
    description: str = ""
    surname_words: tuple[str, ...] = ()  # words that could be searched alone to widen a name search

    @property
    def is_empty(self) -> bool:
        return not self.text


def parse_query(text: str) -> CaseQuery:
    """Read a case-list search: a date of birth, part of a CRN or PNC number, or names.

    A comma means "SURNAME, First"; two or more words are tried both ways round (first word the
    first name, last word the surname; or first word the surname, second the first name); one word
    is the start of a surname or a first name."""
    text = normalise_name(text or "")
    if not text:
        return CaseQuery()
    date = parse_date_of_birth(text)
    if date is not None:
        return CaseQuery(text=text, date_of_birth=date, description=f"date of birth {date.day} {date:%B %Y}")
    compact = re.sub(r"\s+", "", text.upper())
    if CRN_PREFIX.fullmatch(compact):
        starting = "" if len(compact) == 7 else "starting "
        return CaseQuery(text=text, crn=compact, description=f"CRN {starting}{compact}")
    if PNC_PREFIX.fullmatch(compact):
        if compact[-1].isalpha():  # a whole number, with its check letter: stored as YYYY/NNNNNNNX
            full = normalise_pnc(compact)
            return CaseQuery(text=text, pnc=full, description=f"PNC number {full}")
        year, _, number = compact.partition("/")
        start = f"{pnc_year(year)}/{number}"
        return CaseQuery(text=text, pnc=start, description=f"PNC number starting {start}")
    return _names(text)


def _names(text: str) -> CaseQuery:
    if "," in text:
        surname_part, _, first_part = text.partition(",")
        surnames = [w for w in surname_part.split() if name_key(w)]
        firsts = [w for w in first_part.split() if name_key(w)]
        if not surnames and not firsts:
            return CaseQuery(text=text)
        surname = " ".join(surnames)
        first = firsts[0] if firsts else ""
        said = [f"surname {_shown(surname)}"] if surname else []
        said += [f"first name {_shown(first)}"] if first else []
        return CaseQuery(
            text=text,
            names=((name_key(first), name_key(surname)),),
            description=", ".join(said),
            surname_words=(surname,) if surname and first else (),
        )
    words = [w for w in text.split() if name_key(w)]
    keys = [name_key(w) for w in words]
    if not words:
        return CaseQuery(text=text)
    if len(words) == 1:
        return CaseQuery(text=text, names=(("", keys[0]), (keys[0], "")), description=f"surname or first name {_shown(words[0])}")
    first, last = _shown(words[0]), _shown(words[-1])
    second = _shown(words[1])
    return CaseQuery(
        text=text,
        names=((keys[0], keys[-1]), (keys[1], keys[0])),
        description=f"first name {first} and surname {last}, or surname {first} and first name {second}",
        surname_words=tuple(dict.fromkeys([words[-1], words[0]])),
    )
