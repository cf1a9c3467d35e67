"""Meeting cadences: from the words plans use ("every 14 days", "4 ganger i året",
"first Tuesday of March, June, September, December") to iCalendar RRULEs, and the
dates they give. The dates come from dateutil's rrule, never from our own arithmetic.
"""

import datetime
import re

from dateutil.rrule import rrulestr
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.dates import WEEKDAYS as WEEKDAY_NAMES
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

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


# Rules as coordinators read them

_WEEKDAY_INDEX = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_WEEKDAY_CODES = {index: code for code, index in _WEEKDAY_INDEX.items()}
_DAY_RULE_PARTS = ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS")


def _parts(rule):
    parts = {}
    for piece in (rule or "").upper().split(";"):
        key, _sep, value = piece.partition("=")
        if key and value:
            parts[key.strip()] = value.strip()
    return parts


def anchored(rule, start):
    """A meeting rule that repeats monthly or yearly kept on the first meeting's weekday.

    "Monthly" from Tuesday 9 March would by date fall on Saturday 9 April 2022; a
    coordinator means "the second Tuesday of the month" (the fifth is taken as the last).
    Rules that already say which day (BYDAY, BYMONTHDAY …) are left as they are.
    """
    parts = _parts(rule)
    if parts.get("FREQ") not in ("MONTHLY", "YEARLY") or any(p in parts for p in _DAY_RULE_PARTS):
        return rule
    week = (start.day - 1) // 7 + 1
    ordinal = -1 if week == 5 else week
    extra = f"BYDAY={ordinal}{_WEEKDAY_CODES[start.weekday()]}"
    if parts["FREQ"] == "YEARLY" and "BYMONTH" not in parts:
        extra = f"BYMONTH={start.month};{extra}"
    return f"{rule.rstrip(';')};{extra}"


# FREQ -> (the word for every one, the words for every n).
_FREQUENCIES = {
    "DAILY": (gettext_lazy("Daily"), ngettext_lazy("Every %(n)s day", "Every %(n)s days", "n")),
    "WEEKLY": (
        gettext_lazy("Weekly"),
        ngettext_lazy("Every %(n)s week", "Every %(n)s weeks", "n"),
    ),
    "MONTHLY": (
        gettext_lazy("Monthly"),
        ngettext_lazy("Every %(n)s month", "Every %(n)s months", "n"),
    ),
    "YEARLY": (
        gettext_lazy("Yearly"),
        ngettext_lazy("Every %(n)s year", "Every %(n)s years", "n"),
    ),
}


def describe(rule):
    """The rule in the reader's language: "Monthly, on the first Tuesday"; the rule itself
    if it says more than Samordna can put in words."""
    parts = _parts(rule)
    known = {"FREQ", "INTERVAL", "BYDAY", "BYMONTH", "BYMONTHDAY", "WKST"}
    if not parts or set(parts) - known:
        return rule
    try:
        interval = int(parts.get("INTERVAL", "1"))
        months = [int(m) for m in parts["BYMONTH"].split(",")] if "BYMONTH" in parts else []
        month_days = (
            [int(d) for d in parts["BYMONTHDAY"].split(",")] if "BYMONTHDAY" in parts else []
        )
    except ValueError:
        return rule
    if parts.get("FREQ") not in _FREQUENCIES:
        return rule
    once, every = _FREQUENCIES[parts["FREQ"]]
    text = str(once) if interval == 1 else every % {"n": interval}
    if months:
        if any(not 1 <= m <= 12 for m in months):
            return rule
        names = [str(MONTH_NAMES[m]) for m in months]
        text += " " + _("in %(months)s") % {"months": get_text_list(names, _("and"))}
    ordinal_words = {
        1: _("on the first %(weekday)s"),
        2: _("on the second %(weekday)s"),
        3: _("on the third %(weekday)s"),
        4: _("on the fourth %(weekday)s"),
        -1: _("on the last %(weekday)s"),
    }
    days = []
    for piece in filter(None, parts.get("BYDAY", "").split(",")):
        match = re.fullmatch(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)", piece)
        if not match:
            return rule
        name = str(WEEKDAY_NAMES[_WEEKDAY_INDEX[match.group(2)]])
        if match.group(1):
            pattern = ordinal_words.get(int(match.group(1)))
            if pattern is None:
                return rule
            days.append(pattern % {"weekday": name})
        else:
            days.append(_("on %(weekday)s") % {"weekday": name})
    if days:
        text += ", " + get_text_list(days, _("and"))
    if month_days:
        text += ", " + ngettext("on day %(days)s", "on days %(days)s", len(month_days)) % {
            "days": get_text_list([str(d) for d in month_days], _("and"))
        }
    return text
