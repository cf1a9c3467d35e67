"""Small text helpers the recogniser shares: sentences, numbers, references, dates."""

import datetime
import re

from imports import vocabulary as vocab

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "bl.a",
    "f.eks",
    "t.ex",
    "kap",
    "nr",
    "jf",
    "jfr",
    "ca",
    "dvs",
    "mv",
    "m.fl",
    "mfl",
    "osv",
    "pkt",
    "st",
    "e.g",
    "i.e",
    "etc",
    "vs",
    "inkl",
    "evt",
    "ev",
    "iht",
    "jmf",
    "s",
    "ref",
    "avd",
    "tlf",
    "tfn",
    "fig",
    "o.l",
    "m.m",
    "bl",
    "mm",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"“(]?[A-ZÆØÅÄÖÉ0-9])")
NUMBER_PREFIX = re.compile(r"^\s*(\d{1,3}[a-z]?)\s*[.)]\s*(?=\S)")
NUMBERED_TITLE = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s+(?=[A-ZÆØÅÄÖa-zæøåäö«\"“])")
MONTHS = {
    "jan": 1,
    "januar": 1,
    "januari": 1,
    "january": 1,
    "feb": 2,
    "februar": 2,
    "februari": 2,
    "february": 2,
    "mar": 3,
    "mars": 3,
    "march": 3,
    "marts": 3,
    "apr": 4,
    "april": 4,
    "mai": 5,
    "maj": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "june": 6,
    "jul": 7,
    "juli": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "augusti": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oct": 10,
    "oktober": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "des": 12,
    "dec": 12,
    "desember": 12,
    "december": 12,
}


def sentences(text):
    """`text` split into sentences, not at abbreviations such as "bl.a." or "kap."."""
    parts = []
    for piece in _SENTENCE_END.split(text or ""):
        if parts:
            before = parts[-1].rstrip(".!? ")
            last_word = before.split()[-1].lower() if before.split() else ""
            if last_word.rstrip(".") in ABBREVIATIONS or re.fullmatch(r"\d{1,3}", last_word):
                parts[-1] = parts[-1] + " " + piece
                continue
        parts.append(piece)
    return [p.strip() for p in parts if p.strip()]


def split_title(text, bold_lead=""):
    """(title, description) of a measure's text: its bold lead-in, or its first sentence."""
    text = (text or "").strip()
    lead = (bold_lead or "").strip()
    if lead and text.startswith(lead) and len(lead) >= 3 and len(lead) < len(text):
        return lead, text[len(lead) :].strip()
    if lead and text.startswith(lead):
        return text, ""
    parts = sentences(text)
    if len(parts) <= 1:
        return text, ""
    return parts[0], " ".join(parts[1:])


def number_prefix(text):
    """("14a", rest) when `text` starts with a measure number like "14a." or "3)"."""
    match = NUMBER_PREFIX.match(text or "")
    if not match:
        return None, text
    return match.group(1), text[match.end() :]


def refs_in(text):
    """Numbers of other measures `text` refers to ("se tiltak 9 og 10" → ["9", "10"])."""
    found = []
    for match in vocab.REF_PATTERN.finditer(text or ""):
        for number in re.findall(r"\d{1,3}[a-z]?", match.group(1)):
            if number not in found:
                found.append(number)
    return found


def without_refs(text):
    """`text` without its references to other measures (they are kept in `refs`)."""
    text = re.sub(r"\s*\((?:[^()]*?)\b(?:se|jf|jfr|see|cf)\b[^()]*\)", "", text or "", flags=re.I)
    text = vocab.REF_PATTERN.sub("", text)
    text = re.sub(r"\s+([.,;])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,;–-")


def parse_date(text):
    """The first date in `text` (01.06.2017, 2017-06-01, 23. juni 2017), or None."""
    text = text or ""
    match = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text)
    if match:
        return _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = re.search(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b", text)
    if match:
        year = int(match.group(3))
        year = year + 2000 if year < 100 else year
        return _date(year, int(match.group(2)), int(match.group(1)))
    match = re.search(r"\b(\d{1,2})\.?\s+([A-Za-zæøåäöÆØÅÄÖ]+)\.?\s+(\d{4})\b", text)
    if match and match.group(2).lower() in MONTHS:
        return _date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
    return None


def _date(year, month, day):
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def period_in(text):
    """{"start", "end"} from years in `text` ("2021-2024", "2017 – 2020", "2021")."""
    match = re.search(r"\b((?:19|20)\d{2})\s*[-–—/]\s*((?:19|20)\d{2})\b", text or "")
    if match and match.group(1) <= match.group(2):
        return {"start": f"{match.group(1)}-01-01", "end": f"{match.group(2)}-12-31"}
    years = re.findall(r"\b((?:19|20)\d{2})\b", text or "")
    if len(years) == 1:
        return {"start": f"{years[0]}-01-01", "end": f"{years[0]}-12-31"}
    return {"start": None, "end": None}


def similarity(a, b):
    """How alike two short texts are, 0–1, ignoring case, punctuation and numbering."""
    from difflib import SequenceMatcher

    a, b = normalise(a), normalise(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def normalise(text):
    text = vocab.fold(text)
    text = re.sub(r"^\s*\d{1,3}[a-z]?\s*[.)]\s*", "", text)
    text = re.sub(r"[^\wæøåäö]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# A text that only points elsewhere: "Se tiltak 9 og 10", "(se kap. 4)".
REF_ONLY = re.compile(
    r"\(?\s*(?:se|jf\.?|jfr\.?|see|cf\.?|se även|se også)\b[^.]{0,80}\)?\.?", re.I
)
