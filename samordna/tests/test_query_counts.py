"""Every list page runs a number of queries that does not grow with what it lists.

Each page is read for a small and a larger plan (or directory); the counts must be equal.
"""

import datetime

import pytest
from django.urls import reverse

from conftest import add_measure, make_plan
from cooperation.duties import make_obligations
from cooperation.models import Group, Meeting, ReportingDuty
from followup.models import State, StatusUpdate
from plans.models import Area, Contact, Organisation
from reports.models import Report


def a_plan(name, size):
    """A plan of `size` measures in nested areas, with history, groups, meetings and reports."""
    owner = Organisation.objects.get(name="Moss kommune")
    agency = Organisation.objects.create(name=f"Etat {name}")
    plan = make_plan(f"Plan {name}", owners=[owner], published=True)
    top = Area.objects.create(plan=plan, number="1", title="Område", position=0)
    sub = Area.objects.create(plan=plan, number="1.1", title="Delområde", parent=top, position=1)
    for i in range(size):
        measure = add_measure(
            plan,
            f"Tiltak {i}",
            number=f"1.{size - i}",
            area=[top, sub][i % 2],
            responsible=[agency],
        )
        for month in (1, 4, 7):
            StatusUpdate.objects.create(
                measure=measure, as_of=datetime.date(2024, month, 1), state=State.ONGOING
            )
    for i in range(max(1, size // 5)):
        Contact.objects.create(
            name=f"Kontakt {name} {i}", email="k@example.org", organisation=agency
        )
        group = Group.objects.create(
            name=f"Gruppe {i}",
            recurrence="FREQ=MONTHLY",
            first_meeting=datetime.datetime(2024, 1, 9, 9, tzinfo=datetime.UTC),
        )
        group.plans.add(plan)
        for month in range(1, 4):
            starts = datetime.datetime(2024, month, 9, 9, tzinfo=datetime.UTC)
            Meeting.objects.create(group=group, starts_at=starts, ends_at=starts)
        Report.objects.create(plan=plan, as_of=datetime.date(2024, 1, 1) + datetime.timedelta(i))
        duty = ReportingDuty.objects.create(
            plan=plan,
            title=f"Plikt {i}",
            recurrence="FREQ=MONTHLY;INTERVAL=6",
            starts=datetime.date(2022, 6, 30),
            ends=datetime.date(2024, 12, 31),
        )
        make_obligations(duty)
    return plan


PAGES = [
    ("plans:detail", "?as_of=2024-06-01"),
    ("reports:page", "?as_of=2024-06-01&compare=2024-02-01"),
    ("followup:rounds", ""),
    ("cooperation:structure", ""),
    ("cooperation:wheel", "?year=2024"),
]


@pytest.mark.parametrize("name, query", PAGES)
def test_plan_pages_run_a_constant_number_of_queries(
    world, login, django_assert_max_num_queries, name, query
):
    small, large = a_plan("liten", 4), a_plan("stor", 30)
    client = login(world["coordinator"])
    counts = []
    for plan in (small, large):
        url = reverse(name, args=[plan.slug]) + query
        client.get(url)  # warm the session
        with django_assert_max_num_queries(60) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("name", ["plans:organisations", "plans:contacts", "plans:list"])
def test_directory_lists_run_a_constant_number_of_queries(
    world, login, django_assert_max_num_queries, name
):
    client = login(world["admin"])
    url = reverse(name)
    client.get(url)
    with django_assert_max_num_queries(60) as small:
        client.get(url)
    a_plan("mange", 30)
    with django_assert_max_num_queries(60) as large:
        client.get(url)
    assert len(small) == len(large)
