"""The generated country: its counts, its marks as generated, and a believable history."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from demo.country import GENERATED, Scale, generate_country
from followup.models import Source, State, StatusUpdate
from plans.models import Measure, Organisation, Plan

TINY = Scale(
    counties=2,
    municipalities_per_county=2,
    agencies_per_county=1,
    plans=5,
    measures_per_plan=3,
    areas_per_plan=2,
    updates_per_measure=4,
    years=2,
)


@pytest.mark.django_db
def test_a_tiny_country_has_the_counts_it_says():
    counts = generate_country(TINY, today=datetime.date(2025, 1, 1))
    assert counts == {
        "organisations": 2 * (1 + 2 + 1) + 1,
        "plans": 5,
        "measures": 15,
        "updates": StatusUpdate.objects.count(),
    }
    assert Organisation.objects.count() == counts["organisations"]
    assert Measure.objects.count() == 15
    assert 0 < counts["updates"] <= 15 * 4
    assert all(p.purpose == GENERATED for p in Plan.objects.all())
    assert not StatusUpdate.objects.filter(generated=False).exists()
    assert set(StatusUpdate.objects.values_list("source", flat=True)) == {Source.DEMO}
    assert not StatusUpdate.objects.filter(as_of__gt=datetime.date(2025, 1, 1)).exists()
    # Every plan is owned by a municipality that lies in a county.
    for plan in Plan.objects.prefetch_related("ownerships__organisation"):
        owner = plan.ownerships.get().organisation
        assert owner.kind == "municipality" and owner.parent.kind == "county_board"
    assert set(StatusUpdate.objects.values_list("state", flat=True)) <= set(State.values)


@pytest.mark.django_db
def test_the_command_writes_a_county_once_per_prefix():
    call_command("demo", "--scale", "county", "--prefix", "t")
    assert Plan.objects.filter(slug__startswith="t-").count() == 24
    with pytest.raises(CommandError, match="prefix"):
        call_command("demo", "--scale", "county", "--prefix", "t")
