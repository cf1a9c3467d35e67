"""What a heading says about the text under it: activities, background, development, a
list of goal areas, an organisation that is responsible, a kind of measure, a date."""

import re

from imports import vocabulary as vocab
from imports.textutil import NUMBERED_TITLE, parse_date

PREPOSITIONS = {"i", "in", "för", "for", "ved", "vid", "på", "of", "av"}
NAME_TAILS = {"län", "lens", "kommun", "kommune", "fylke", "fylkeskommune", "stad", "region"}


def is_activity(text):
    return vocab.contains_word(text, vocab.ACTIVITY_WORDS)


def is_background(text):
    return not is_activity(text) and vocab.contains_word(text, vocab.BACKGROUND_WORDS)


def is_development(text):
    return vocab.starts_with(text.strip("■▪•- "), vocab.DEVELOPMENT_WORDS) is not None


def is_area_list(text):
    return vocab.contains_word(text, vocab.AREA_LIST_WORDS)


def is_goal_list(text):
    return vocab.contains_word(text, vocab.GOAL_WORDS)


def is_generic(text):
    """Headings that name no goal area: "Tiltak:", "Handlingsplan 2021", "Status pr …"."""
    bare = re.sub(r"[\d.,:;()–-]+", " ", vocab.fold(text)).strip()
    if not bare:
        return True
    if vocab.starts_with(bare, vocab.HEADERS["status"]):
        return True
    if vocab.contains_word(bare, vocab.PLAN_WORDS):
        return True
    if vocab.matches(bare, vocab.ACTIVITY_WORDS) or kind_of_heading(text):
        return True
    return is_background(text) or is_development(text) or is_area_list(text)


def kind_of_heading(text):
    for kind, words in vocab.KIND_WORDS.items():
        if vocab.starts_with(text, words) and len(text.split()) <= 6:
            return kind
    return None


AREA_LABEL = re.compile(r"^\s*([^\W\d]+)\s+(\d{1,2})\s*[:.–—-]\s*(\S.*)$")


def area_number_and_title(text):
    """("2", "Rus") from "2. Rus", and from "Innsatsområde 2: Rus" or "Theme 2 – Rus"."""
    label = AREA_LABEL.match(text)
    if label and vocab.starts_with(label.group(1), vocab.HEADERS["area"] + vocab.AREA_LIST_WORDS):
        return label.group(2), label.group(3).strip(" :")
    match = NUMBERED_TITLE.match(text)
    if not match:
        return None, text.strip(" :")
    return match.group(1), text[match.end() :].strip(" :")


def agency_of(text):
    """The organisation a heading is about: "Länsstyrelsens uppdrag/aktiviteter 2021" →
    "Länsstyrelsen"; None when the heading names no organisation."""
    if not vocab.contains_word(text, vocab.ORGANISATION_WORDS):
        return None
    head = re.split(r",|\s[–—-]\s|:|\(", text)[0].strip()
    words = head.split()
    kept, i = [], 0
    while i < len(words):
        word = words[i]
        if i == 0 or word[:1].isupper() or vocab.fold(word) in NAME_TAILS:
            kept.append(word)
            i += 1
        elif word in PREPOSITIONS and i + 1 < len(words) and words[i + 1][:1].isupper():
            kept.extend(words[i : i + 2])
            i += 2
        else:
            break
    if not kept or re.search(r"\d", " ".join(kept)):
        return None
    name = " ".join(kept)
    cut = len(kept) < len(words)
    if cut and name.endswith("s") and not name.endswith("ss") and len(kept[-1]) > 3:
        name = name[:-1]  # genitive: "Kommunernas uppdrag" → "Kommunerna"
    if not vocab.contains_word(name, vocab.ORGANISATION_WORDS):
        return None
    return name


def status_date(text):
    """The date of a "Status pr 23. juni 2017" heading, or None."""
    if vocab.contains_word(text, vocab.HEADERS["status"]):
        return parse_date(text)
    return None
