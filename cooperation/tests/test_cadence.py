"""Cadences in words become RRULEs, and their dates come from dateutil, across summer time."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from cooperation.cadence import occurrences, rule_from_cadence


@pytest.mark.parametrize(
    "words, rule",
    [
        ("every 14 days", "FREQ=WEEKLY;INTERVAL=2"),
        ("monthly", "FREQ=MONTHLY"),
        ("4 times a year", "FREQ=MONTHLY;INTERVAL=3"),
        (
            "first Tuesday of March, June, September, December",
            "FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=1TU",
        ),
        ("4 ganger i året eller oftere ved behov", "FREQ=MONTHLY;INTERVAL=3"),
        ("én gang i måneden. (eller oftere ved behov)", "FREQ=MONTHLY"),
        ("Én gang per 14. dag. (eller oftere ved behov)", "FREQ=WEEKLY;INTERVAL=2"),
        ("en gång i månaden", "FREQ=MONTHLY"),
        ("4 gånger per år", "FREQ=MONTHLY;INTERVAL=3"),
        ("varannan vecka", "FREQ=WEEKLY;INTERVAL=2"),
        ("hvert halvår", "FREQ=MONTHLY;INTERVAL=6"),
        ("første tirsdag i mars og september", "FREQ=YEARLY;BYMONTH=3,9;BYDAY=1TU"),
        ("var 14:e dag", "FREQ=WEEKLY;INTERVAL=2"),
        ("årleg", "FREQ=YEARLY"),
        ("bestämmer själva mötesfrekvens", None),
    ],
)
def test_rule_from_cadence(words, rule):
    assert rule_from_cadence(words) == rule


def test_first_tuesdays():
    days = occurrences(
        "FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=1TU",
        datetime.datetime(2025, 1, 1, 18),
        datetime.datetime(2025, 1, 1),
        datetime.datetime(2025, 12, 31),
    )
    assert [d.date().isoformat() for d in days] == [
        "2025-03-04",
        "2025-06-03",
        "2025-09-02",
        "2025-12-02",
    ]
    assert all(d.hour == 18 for d in days)


def test_every_14_days_keeps_local_time_across_summer_time():
    """Wall-clock 18:00 in Oslo before and after the switch on 30 March 2025."""
    oslo = ZoneInfo("Europe/Oslo")
    days = occurrences(
        "FREQ=WEEKLY;INTERVAL=2",
        datetime.datetime(2025, 3, 20, 18),
        datetime.datetime(2025, 3, 1),
        datetime.datetime(2025, 4, 30),
    )
    local = [d.replace(tzinfo=oslo) for d in days]
    assert [d.date().isoformat() for d in local] == ["2025-03-20", "2025-04-03", "2025-04-17"]
    assert [d.hour for d in local] == [18, 18, 18]
    assert [d.utcoffset() for d in local] == [
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
        datetime.timedelta(hours=2),
    ]


def test_rules_more_frequent_than_daily_are_refused():
    from cooperation.cadence import is_valid_rule

    assert not is_valid_rule("FREQ=MINUTELY")
    assert not is_valid_rule("FREQ=SECONDLY;INTERVAL=1")
    assert is_valid_rule("FREQ=DAILY;INTERVAL=3")


def test_an_endless_rule_is_read_lazily():
    days = occurrences(
        "FREQ=DAILY",
        datetime.datetime(2000, 1, 1),
        datetime.datetime(2030, 1, 1),
        datetime.datetime(2030, 1, 5),
    )
    assert len(days) == 5
