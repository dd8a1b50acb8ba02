"""Whether an objective says something: the one rule, applied by the services (never in a form alone).

The Jersey review found work plans that said no more than "liaison with Children Service", which
"does not detail what work the Probation Officer intends to do with the client"; HMIP (2002, 55) found
SMART child-protection objectives in 24% of plans. So an objective is refused when, once the vague
phrases and filler words are taken out, too few words are left to say anything.

How the words are counted, all of it configuration in `data/`:

1. Normalise: lower case, curly quotes and apostrophes dropped ("children’s" = "childrens"),
   punctuation to spaces.
2. Every name for children's social care (`agency_names.csv`: "social services", "CSC", "the social
   worker"…) becomes one token, so "liaise with social services" reads as "liaise with children's
   social care" does.
3. The vague phrases (`vague_phrases.csv`), longest first, are taken out, then the filler words
   (`filler_words.csv`; the agency's token is one of them: naming the agency is not the work).
4. What is left must hold at least the field's minimum number of words (`meaningful_words.csv`),
   or the field gets that file's message.

"What the officer will do" needs 4 words by default. "How children's social care will be kept
informed" legitimately talks about liaison, so it goes through the same steps with a lower minimum
(3): "keep children's services informed" is refused, "email the social worker after each home visit"
is not. A count of words is a floor, not a judgement of quality: the guidance on the page and the
manager's oversight do the rest.
"""

import csv
import re
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError

DATA = Path(__file__).resolve().parent / "data"
AGENCY = "csc"  # the one token every name of children's social care becomes

# The Jersey review's example of a good objective (Jersey Probation 2016, "Work Plans/Assessments").
GOOD_EXAMPLE = (
    "to address anger management issues with client and ensure Children Service are updated to help "
    "inform their decisions regarding the children."
)


def _rows(name: str, column: str) -> list[str]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle) if row[column].strip()]


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped, punctuation to spaces, one space between words."""
    text = (text or "").lower()
    text = re.sub(r"[\u2018\u2019\u02bc`']", "", text)
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


def _phrase(words: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\S)" + re.escape(words) + r"(?!\S)")


@lru_cache(maxsize=1)
def _agency_names() -> tuple[re.Pattern[str], ...]:
    names = sorted({normalise(name) for name in _rows("agency_names.csv", "name")}, key=len, reverse=True)
    return tuple(_phrase(name) for name in names if name)


def _canonical(text: str) -> str:
    text = normalise(text)
    for pattern in _agency_names():
        text = pattern.sub(AGENCY, text)
    return text


@lru_cache(maxsize=1)
def vague_phrases() -> tuple[re.Pattern[str], ...]:
    phrases = sorted({_canonical(phrase) for phrase in _rows("vague_phrases.csv", "phrase")}, key=len, reverse=True)
    return tuple(_phrase(phrase) for phrase in phrases if phrase)


@lru_cache(maxsize=1)
def filler_words() -> frozenset[str]:
    return frozenset(normalise(word) for word in _rows("filler_words.csv", "word")) | {AGENCY}


@lru_cache(maxsize=1)
def minimums() -> dict[str, tuple[int, str]]:
    """Field → (the fewest meaningful words it may hold, the message when it holds fewer)."""
    with (DATA / "meaningful_words.csv").open(encoding="utf-8", newline="") as handle:
        return {row["field"]: (int(row["minimum"]), row["what_is_missing"]) for row in csv.DictReader(handle)}


def meaningful_words(text: str) -> list[str]:
    """The words of `text` that say something, once the vague phrases and filler words are out."""
    canonical = _canonical(text)
    for pattern in vague_phrases():
        canonical = pattern.sub(" ", canonical)
    return [word for word in canonical.split() if word not in filler_words()]


def check(field: str, text: str | None) -> str:
    """`text` without surrounding spaces, or a ValidationError on `field` saying what is missing."""
    minimum, missing = minimums()[field]
    stripped = (text or "").strip()
    if len(meaningful_words(stripped)) < minimum:
        raise ValidationError({field: missing})
    return stripped
