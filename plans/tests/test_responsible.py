"""Responsible as data: near-duplicate names grouped, matched to organisations, reports grouped."""

import datetime

import pytest
from django.urls import reverse

from conftest import add_measure, make_plan
from demo.loader import read_demo_plan
from interchange.load import load_plan
from plans.models import (
    Invitation,
    InvitationKind,
    InvitationState,
    Organisation,
    Responsibility,
)
from plans.responsible import match_group, name_groups, normalise
from reports.report import Filters, build_report


@pytest.mark.parametrize(
    "spellings",
    [
        ("barnevern", "barnevernet", "Barnevernet "),
        ("Skoler", "Skolene", "skole"),
        ("Virksomhetsleder", "Virksomhetsledere", "Virksomhetslederne"),
        ("Helsestasjon", "helsestasjonene", "Helsestasjoner"),
        ("Kommuneledelse", "Kommuneledelsen"),
        ("Politi", "politiet"),
        ("Kommunerna", "kommuner"),
    ],
)
def test_spellings_of_one_name_share_a_key(spellings):
    assert len({normalise(s) for s in spellings}) == 1


def test_different_names_keep_different_keys():
    assert normalise("Politi") != normalise("Politikere")
    assert normalise("barnevern") != normalise("Barnevernvakten")


@pytest.fixture
def spelt(world):
    plan = world["plan"]
    for i, name in enumerate(["barnevern", "barnevernet", "Barnevernet", "Skoler", "Skolene"]):
        add_measure(plan, f"Tiltak {i}", number=str(20 + i), responsible=[name])
    return world


def test_report_and_filter_group_near_duplicates(spelt):
    report = build_report(spelt["plan"], datetime.date.today())
    names = [row["name"] for row in report["responsible"]]
    assert names.count("barnevern") == 1 and "barnevernet" not in names
    assert [r["summary"]["total"] for r in report["responsible"] if r["name"] == "barnevern"] == [3]
    assert "Skoler" in names and "Skolene" not in names
    assert len(report["choices"]["responsible"]) == len([n for n in names if n])
    narrowed = build_report(
        spelt["plan"], datetime.date.today(), Filters(responsible="Barnevernet")
    )
    assert len(narrowed["measures"]) == 3


@pytest.mark.parametrize("name, code", [("viewer", 403), ("contributor", 403), ("outsider", 404)])
def test_only_editors_merge(spelt, login, name, code):
    url = reverse("plans:responsible", args=[spelt["plan"].slug])
    assert login(spelt[name]).get(url).status_code == code


def test_coordinator_matches_a_group_to_a_new_organisation(spelt, login):
    client = login(spelt["coordinator"])
    url = reverse("plans:responsible", args=[spelt["plan"].slug])
    page = client.get(url).content.decode()
    key = normalise("barnevern")
    assert page.count(f'name="key" value="{key}"') == 1  # three spellings, one group
    assert "Apply to 3 measures" in page
    response = client.post(url, {"key": key, "new_name": "Barneverntjenesten i Moss"})
    assert response.status_code == 302
    matched = Responsibility.objects.filter(organisation__name="Barneverntjenesten i Moss")
    assert matched.count() == 3
    assert set(matched.values_list("name", flat=True)) == {
        "barnevern",
        "barnevernet",
        "Barnevernet",
    }
    assert key not in {g.key for g in name_groups(spelt["plan"])}
    report = build_report(spelt["plan"], datetime.date.today())
    assert "Barneverntjenesten i Moss" in [r["name"] for r in report["responsible"]]
    # An existing organisation is picked by id; nothing chosen is refused with a message.
    police = Organisation.objects.get(name="Politiet i Øst")
    client.post(url, {"key": normalise("Skoler"), "organisation": str(police.pk)})
    assert Responsibility.objects.filter(organisation=police).count() == 3
    response = client.post(url, {"key": normalise("Kommunalsjef")}, follow=True)
    assert "Choose an organisation" in response.content.decode()


def test_a_new_name_with_nul_is_refused_with_a_message(spelt, login):
    """PostgreSQL refuses NUL: the name is refused before any organisation is made."""
    client = login(spelt["coordinator"])
    url = reverse("plans:responsible", args=[spelt["plan"].slug])
    before = Organisation.objects.count()
    data = {"key": normalise("barnevern"), "new_name": "Barnevern\x00tjenesten"}
    response = client.post(url, data, follow=True)
    assert "The text holds invisible control characters" in response.content.decode()
    assert Organisation.objects.count() == before
    assert not Responsibility.objects.filter(organisation__isnull=False, name="barnevern").exists()


def test_mosseregionen_near_duplicates_shrink(db):
    plan = load_plan(read_demo_plan("mosseregionen.json"), slug="mosseregionen")
    report = build_report(plan, datetime.date(2017, 6, 1))
    names = [r["name"] for r in report["responsible"] if r["name"]]
    spelt = {r.name for r in Responsibility.objects.filter(measure__plan=plan)}
    # 55 spellings in the demo's transcription of the document, 40 once grouped (before
    # grouping, a report listed one row per spelling that differed in more than case).
    assert len(spelt) == 55 and len(names) == 40


def test_a_match_survives_export_and_import(spelt):
    from interchange.export import export_plan

    organisation = Organisation.objects.create(name="Barneverntjenesten i Moss")
    match_group(spelt["plan"], normalise("barnevern"), organisation)
    document = export_plan(spelt["plan"])
    assert {"name": "barnevernet", "organisation": "Barneverntjenesten i Moss"} in [
        r for m in document["measures"] for r in m["responsible"]
    ]
    copy = load_plan(document, slug="kopi")
    matched = Responsibility.objects.filter(measure__plan=copy, organisation=organisation)
    assert matched.count() == 3


def test_merge_page_costs_the_same_queries_for_more_names(spelt, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(spelt["coordinator"])
    url = reverse("plans:responsible", args=[spelt["plan"].slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for i, name in enumerate(["Helsestasjon", "helsestasjonene", "NAV", "Rektor"]):
        add_measure(spelt["plan"], f"Mer {i}", number=str(40 + i), responsible=[name])
    assert count() == few


# Tenancy: matching a group to another organisation invites it, as the measure form does.


def test_matching_a_group_to_another_organisation_invites_it(spelt, login):
    plan = make_plan("Ny plan", owners=[spelt["moss"]])
    add_measure(plan, "Felles rutiner", number="1", responsible=["politiet"])
    client = login(spelt["coordinator"])
    url = reverse("plans:responsible", args=[plan.slug])
    response = client.post(
        url, {"key": normalise("politiet"), "organisation": str(spelt["police"].pk)}, follow=True
    )
    page = response.content.decode()
    assert "Invited, awaiting acceptance by their coordinators: Politiet i Øst." in page
    assert Responsibility.objects.get(measure__plan=plan).organisation == spelt["police"]
    invitation = Invitation.objects.get(plan=plan, organisation=spelt["police"])
    assert (invitation.kind, invitation.state) == (
        InvitationKind.PARTICIPANT,
        InvitationState.PENDING,
    )
    assert login(spelt["contributor"]).get(plan.get_absolute_url()).status_code == 404


def test_another_organisations_name_typed_as_new_is_neither_duplicated_nor_taken(spelt, login):
    plan = make_plan("Ny plan", owners=[spelt["moss"]])
    add_measure(plan, "Felles rutiner", number="1", responsible=["Politi"])
    add_measure(plan, "Kurs", number="2", responsible=["Rana"])
    client = login(spelt["coordinator"])
    url = reverse("plans:responsible", args=[plan.slug])
    before = Organisation.objects.count()
    client.post(url, {"key": normalise("Politi"), "new_name": "politiet  i øst"})
    client.post(url, {"key": normalise("Rana"), "new_name": "Rana kommune"})
    assert Organisation.objects.count() == before
    assert [o.name for o in Organisation.objects.all()].count("Politiet i Øst") == 1
    matched = {r.name: r.organisation for r in Responsibility.objects.filter(measure__plan=plan)}
    assert matched == {"Politi": spelt["police"], "Rana": spelt["rana"]}
    states = set(Invitation.objects.filter(plan=plan).values_list("organisation__name", "state"))
    assert states == {
        ("Politiet i Øst", InvitationState.PENDING),
        ("Rana kommune", InvitationState.PENDING),
    }
    assert login(spelt["outsider"]).get(plan.get_absolute_url()).status_code == 404


def test_a_new_organisation_typed_on_the_merge_page_is_kept_by_whoever_added_it(spelt, login):
    client = login(spelt["coordinator"])
    url = reverse("plans:responsible", args=[spelt["plan"].slug])
    client.post(url, {"key": normalise("barnevern"), "new_name": "Barneverntjenesten i Moss"})
    new = Organisation.objects.get(name="Barneverntjenesten i Moss")
    assert new.created_by == spelt["coordinator"]
    assert new.country == spelt["moss"].country and new.time_zone == spelt["moss"].time_zone
    # Kept by its maker, so it is in the plan at once, without an invitation to wait for.
    assert not Invitation.objects.filter(organisation=new, state=InvitationState.PENDING).exists()
    edit = reverse("plans:organisation_edit", args=[new.pk])
    assert client.get(edit).status_code == 200
    assert login(spelt["outsider"]).get(edit).status_code == 404


def test_the_merge_page_offers_what_the_measure_form_offers(spelt, login):
    client = login(spelt["coordinator"])
    page = client.get(reverse("plans:responsible", args=[spelt["plan"].slug]))
    form = client.get(reverse("plans:measure_create", args=[spelt["plan"].slug]))
    offered = list(form.context["formset"].forms[0].fields["organisation"].queryset)
    assert list(page.context["organisations"]) == offered
