"""Meeting cadences: from the words plans use ("every 14 days", "4 ganger i året",
"first Tuesday of March, June, September, December") to iCalendar RRULEs, and the
dates they give. The dates come from dateutil's rrule, never from our own arithmetic.
"""

import datetime
import re

from dateutil.rrule import rrulestr

NUMBERS = {
    "one": 1,
    "en": 1,
    "ett": 1,
    "ein": 1,
    "éin": 1,
    "én": 1,
    "eitt": 1,
    "once": 1,
    "two": 2,
    "to": 2,
    "två": 2,
    "twice": 2,
    "three": 3,
    "tre": 3,
    "four": 4,
    "fire": 4,
    "fyra": 4,
    "six": 6,
    "seks": 6,
    "sex": 6,
    "twelve": 12,
    "tolv": 12,
}
MONTHS = {
    1: ("january", "januar", "januari", "jan"),
    2: ("february", "februar", "februari", "feb"),
    3: ("march", "mars", "mar"),
    4: ("april", "apr"),
    5: ("may", "mai", "maj"),
    6: ("june", "juni", "jun"),
    7: ("july", "juli", "jul"),
    8: ("august", "augusti", "aug"),
    9: ("september", "sep"),
    10: ("october", "oktober", "okt", "oct"),
    11: ("november", "nov"),
    12: ("december", "desember", "dec", "des"),
}
WEEKDAYS = {
    "MO": ("monday", "mandag", "måndag", "måndagen", "mandagen"),
    "TU": ("tuesday", "tirsdag", "tysdag", "tisdag"),
    "WE": ("wednesday", "onsdag"),
    "TH": ("thursday", "torsdag"),
    "FR": ("friday", "fredag"),
}
ORDINALS = {
    1: ("first", "første", "fyrste", "första", "1."),
    2: ("second", "andre", "andra", "2."),
    3: ("third", "tredje", "3."),
    4: ("fourth", "fjerde", "fjärde", "4."),
    -1: ("last", "siste", "sista"),
}
DAY_WORDS = r"(days?|dager|dagar|dag|dagen|d\.)"
WEEK_WORDS = r"(weeks?|uker?|veker?|veckor|vecka|uke|veke)"
MONTH_WORDS = r"(months?|måned(?:en)?|månad(?:en)?|månader|måneder|mnd)"
YEAR_WORDS = r"(years?|året|år|årligen|årlig|årleg|annually|yearly)"


def _number(word):
    word = word.strip(".").lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def rule_from_cadence(text):
    """The RRULE for a cadence in English, Norwegian or Swedish; None if not understood."""
    t = " " + text.lower().replace("\u00a0", " ") + " "
    months = [m for m, names in MONTHS.items() if any(re.search(rf"\b{n}\b", t) for n in names)]
    for code, names in WEEKDAYS.items():
        if any(name in t for name in names):
            ordinal = next(
                (o for o, words in ORDINALS.items() if any(f" {w} " in t for w in words)), None
            )
            byday = f"{ordinal}{code}" if ordinal else code
            if months:
                return f"FREQ=YEARLY;BYMONTH={','.join(map(str, months))};BYDAY={byday}"
            if ordinal:
                return f"FREQ=MONTHLY;BYDAY={byday}"
            return f"FREQ=WEEKLY;BYDAY={code}"
    match = re.search(rf"(\d+|\w+)(?:\.|:e)?\s*{DAY_WORDS}\b", t)
    if match and re.search(r"(every|hver|hvar|var|per|each|annenhver)", t):
        days = _number(match.group(1))
        if days and days % 7 == 0:
            return f"FREQ=WEEKLY;INTERVAL={days // 7}"
        if days:
            return f"FREQ=DAILY;INTERVAL={days}"
    if re.search(r"(every other week|annenhver uke|annakvar veke|varannan vecka|fortnight)", t):
        return "FREQ=WEEKLY;INTERVAL=2"
    match = re.search(rf"(\d+|\w+)\s*{WEEK_WORDS}\b", t)
    if match and re.search(r"(every|hver|hvar|var |varje|each)", t) and _number(match.group(1)):
        return f"FREQ=WEEKLY;INTERVAL={_number(match.group(1))}"
    match = re.search(r"(\d+|\w+)\s*(times|ganger|gonger|gånger)\s*(a|i|per|om)\s*" + YEAR_WORDS, t)
    if match and _number(match.group(1)) and 12 % _number(match.group(1)) == 0:
        return f"FREQ=MONTHLY;INTERVAL={12 // _number(match.group(1))}"
    match = re.search(
        r"(\d+|\w+)\s*(times|ganger|gonger|gånger)\s*(a|i|per|om)\s*" + MONTH_WORDS, t
    )
    if match and _number(match.group(1)) == 2:
        return "FREQ=WEEKLY;INTERVAL=2"
    if re.search(
        r"(half[- ]?year|halvår|semi-?annual|twice a year|to ganger i året|två gånger per år)", t
    ):
        return "FREQ=MONTHLY;INTERVAL=6"
    if re.search(r"(quarter|kvartal)", t):
        return "FREQ=MONTHLY;INTERVAL=3"
    if re.search(
        rf"(monthly|månedlig|månadleg|månatlig|every month|hver måned|kvar månad|varje månad|(én|en|ein|éin|one|1) (gang|gong|gång) (i|per|om|a) {MONTH_WORDS}|once a month)",
        t,
    ):
        return "FREQ=MONTHLY"
    if re.search(r"(weekly|ukentlig|vekentleg|varje vecka|every week|hver uke|kvar veke)", t):
        return "FREQ=WEEKLY"
    if re.search(r"\b(årlig|årleg|årligen|yearly|annually|annual)\b", t) or (
        re.search(YEAR_WORDS, t) and re.search(r"(every|hvert|kvart|varje|once|én|en gang)", t)
    ):
        return "FREQ=YEARLY"
    return None


def occurrences(rule, start, after, before, limit=500):
    """Dates (or datetimes) of `rule` from `start`, between `after` and `before` inclusive."""
    if not rule:
        return [start] if after <= start <= before else []
    found = []
    for day in rrulestr(rule, dtstart=start):  # lazily: a rule may never end
        if day > before or len(found) >= limit:
            break
        if day >= after:
            found.append(day)
    return found


def is_valid_rule(rule):
    """A rule Samordna can use: iCalendar syntax, and nothing more often than daily."""
    if re.search(r"FREQ=(SECONDLY|MINUTELY|HOURLY)", rule.upper()):
        return False
    try:
        rrulestr(rule, dtstart=datetime.datetime(2024, 1, 1))
    except (ValueError, TypeError):
        return False
    return True
