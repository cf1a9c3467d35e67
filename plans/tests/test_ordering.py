"""The one order of areas and measures: natural by number, the plan's order where numbers say nothing."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from conftest import add_measure
from followup.models import StatusRound
from plans.models import Area
from plans.ordering import in_number_order, natural_key


def items(*numbers):
    return [SimpleNamespace(number=n, position=i, pk=i + 1) for i, n in enumerate(numbers)]


def numbers(found):
    return [item.number for item in found]


@pytest.mark.parametrize(
    "given, expected",
    [
        (["1.2", "1.1", "1.10", "2"], ["1.1", "1.2", "1.10", "2"]),
        (["14a", "15", "14", "2"], ["2", "14", "14a", "15"]),
        # A measure without a number stays after the one it follows.
        (["2", "", "1"], ["1", "2", ""]),
        (["", "2", "1"], ["", "1", "2"]),
        # Numbering that starts again (existing 1-3, then proposed 1-2) keeps both runs.
        (["1", "3", "2", "1", "2"], ["1", "2", "3", "1", "2"]),
        (["", "", ""], ["", "", ""]),
    ],
)
def test_natural_order(given, expected):
    assert numbers(in_number_order(items(*given))) == expected


def test_natural_key():
    assert natural_key("1.2") < natural_key("1.10") < natural_key("2") < natural_key("10")
    assert natural_key("14") < natural_key("14a") < natural_key("15")


def test_plan_report_export_and_round_list_measures_by_number(world, login):
    plan = world["plan"]
    second = Area.objects.create(plan=plan, number="2", title="Skole", position=0)
    third = Area.objects.create(plan=plan, number="10", title="Helse", position=0)
    add_measure(plan, "Tiltak en-to", number="1.2", area=second)
    add_measure(plan, "Tiltak en-en", number="1.1", area=second)
    add_measure(plan, "Tiltak ti", number="10.1", area=third)
    client = login(world["coordinator"])
    expected = ["Informasjonsmateriell", "Skolenes årshjul", "Tiltak en-en", "Tiltak en-to"]
    expected.append("Tiltak ti")

    def in_order(text):
        places = [text.index(title) for title in expected]
        return places == sorted(places)

    assert in_order(client.get(reverse("plans:detail", args=[plan.slug])).content.decode())
    assert in_order(client.get(reverse("reports:page", args=[plan.slug])).content.decode())
    exported = client.get(reverse("plans:json", args=[plan.slug])).content.decode()
    assert in_order(exported)
    csv = client.get(reverse("reports:download", args=[plan.slug, "csv"])).content.decode()
    assert in_order(csv)
    status_round = StatusRound.objects.create(plan=plan, as_of="2024-01-01", deadline="2099-01-01")
    round_page = client.get(reverse("followup:round", args=[plan.slug, status_round.pk]))
    assert in_order(round_page.content.decode().split('id="add-measure"')[1])
