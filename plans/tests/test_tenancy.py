"""Organisations sharing one site: each keeps its own contacts and details, and comes into
another organisation's plan only by accepting an invitation."""

import pytest
from django.core import mail
from django.urls import reverse

from conftest import add_measure, make_user
from followup.models import Answer, StatusUpdate
from followup.tests.test_rounds import links, send, start
from interchange.load import load_plan
from interchange.schema import InvalidPlan
from plans import invitations
from plans.models import (
    Contact,
    Invitation,
    InvitationKind,
    InvitationState,
    Organisation,
    Plan,
    Responsibility,
)


@pytest.fixture
def siri(world):
    """A police contact no plan uses yet."""
    return Contact.objects.create(
        name="Siri Politi",
        email="siri@politiet.no",
        phone="+47 900 00 000",
        organisation=world["police"],
    )


# The findings of issue 10


def test_directory_hides_other_organisations_contacts(world, login, siri):
    outsider = login(world["outsider"])
    page = outsider.get(reverse("plans:contacts")).content.decode()
    assert "Siri Politi" not in page and "siri@politiet.no" not in page
    url = reverse("plans:contact_edit", args=[siri.pk])
    assert outsider.get(url).status_code == 404
    response = outsider.post(
        url,
        {
            "name": "Siri Politi",
            "organisation": world["rana"].pk,
            "email": "attacker@example.org",
            "language": "nb",
        },
    )
    assert response.status_code == 404
    siri.refresh_from_db()
    assert (siri.organisation, siri.email) == (world["police"], "siri@politiet.no")


def test_contacts_a_plan_needs_are_shown_read_only_without_e_mail_or_phone(world, login, siri):
    Responsibility.objects.filter(measure=world["police_measure"]).update(contact=siri)
    page = login(world["coordinator"]).get(reverse("plans:contacts")).content.decode()
    assert "Siri Politi" in page
    assert "siri@politiet.no" not in page and "900 00 000" not in page
    assert reverse("plans:contact_edit", args=[siri.pk]) not in page
    # The police's own coordinator keeps her, e-mail and all.
    keeper = make_user("police-coordinator", world["police"], "coordinator")
    page = login(keeper).get(reverse("plans:contacts")).content.decode()
    assert "siri@politiet.no" in page


def test_a_coordinator_cannot_rename_another_organisation(world, login):
    shelter = Organisation.objects.create(name="Krisesenteret i Moss")
    make_user("shelter-coordinator", shelter, "coordinator")
    outsider = login(world["outsider"])
    url = reverse("plans:organisation_edit", args=[shelter.pk])
    assert outsider.get(url).status_code == 404
    response = outsider.post(url, {"name": "Overtatt", "kind": "other", "country": "NO"})
    assert response.status_code == 404
    shelter.refresh_from_db()
    assert shelter.name == "Krisesenteret i Moss"
    assert "Krisesenteret" not in outsider.get(reverse("plans:organisations")).content.decode()


def test_a_new_organisation_is_kept_by_whoever_added_it_until_it_has_a_coordinator(world, login):
    outsider = login(world["outsider"])
    outsider.post(
        reverse("plans:organisation_create"),
        {"name": "Utekontakten", "kind": "other", "country": "NO"},
    )
    new = Organisation.objects.get(name="Utekontakten")
    url = reverse("plans:organisation_edit", args=[new.pk])
    assert outsider.get(url).status_code == 200
    assert login(world["coordinator"]).get(url).status_code == 404
    make_user("ute-coordinator", new, "coordinator")
    assert login(world["outsider"]).get(url).status_code == 404


def test_round_offers_and_accepts_only_contacts_of_organisations_taking_part(world, login):
    stranger = Contact.objects.create(
        name="Stina Rana", email="stina@rana.kommune.no", organisation=world["rana"]
    )
    client = login(world["coordinator"])
    status_round = start(client, world["plan"])
    page = client.get(
        reverse("followup:round", args=[world["plan"].slug, status_round.pk])
    ).content.decode()
    assert "Stina Rana" not in page
    client.post(
        reverse("followup:add_item", args=[world["plan"].slug, status_round.pk]),
        {"contact": stranger.pk, "measure": world["other_measure"].pk},
    )
    assert not status_round.requests.filter(contact=stranger).exists()
    send(client, status_round)
    assert "stina@rana.kommune.no" not in [m.to[0] for m in mail.outbox]


def test_a_round_does_not_ask_people_of_an_organisation_that_has_not_accepted(world, login):
    kari = Contact.objects.create(name="Kari", email="kari@rana.no", organisation=world["rana"])
    measure = add_measure(world["plan"], "Utekontakt")
    Responsibility.objects.create(measure=measure, name="Rana", organisation=world["rana"])
    Responsibility.objects.create(measure=measure, name="Kari", contact=kari)
    invitations.invite(
        world["plan"], world["rana"], InvitationKind.PARTICIPANT, world["coordinator"]
    )
    client = login(world["coordinator"])
    status_round = start(client, world["plan"])
    assert not status_round.requests.filter(contact=kari).exists()
    send(client, status_round)
    assert "kari@rana.no" not in links()


def test_import_asks_an_existing_organisation_before_it_co_owns(world, login):
    from imports.tests.test_views import state, upload_text

    client = login(world["coordinator"])
    upload_text(client)
    response = client.post(
        reverse("imports:create"),
        {
            "revision": state(client)["revision"],
            "title": "Importert",
            "owners": [world["moss"].pk],
            "other_owners": "Rana kommune\nRygge kommune",
            "slug": "importert",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(slug="importert")
    # Rygge is new to the site, so nobody else is asked; Rana is someone else's.
    assert [o.organisation.name for o in plan.ownerships.all()] == [
        "Moss kommune",
        "Rygge kommune",
    ]
    invitation = Invitation.objects.get(plan=plan, organisation=world["rana"])
    assert (invitation.kind, invitation.state) == ("owner", "pending")
    assert login(world["outsider"]).get(plan.get_absolute_url()).status_code == 404
    viewer = make_user("rana-viewer", world["rana"], "viewer")
    assert login(viewer).get(plan.get_absolute_url()).status_code == 404


def test_a_crafted_post_cannot_change_an_accepted_answer(world, login, client):
    kari = Contact.objects.create(
        name="Kari", email="kari@politiet.no", organisation=world["police"], language="en"
    )
    coordinator = login(world["coordinator"])
    status_round = start(coordinator, world["plan"])
    send(coordinator, status_round)
    url = reverse("followup:link", args=[links()["kari@politiet.no"]])
    item = status_round.requests.get(contact=kari).items.get()
    client.post(url, {f"state_{item.pk}": "ongoing", f"seen_{item.pk}": "0", "action": "submit"})
    answer = Answer.objects.get()
    coordinator.post(
        reverse("followup:review", args=[world["plan"].slug, status_round.pk, answer.pk]),
        {"decision": "accept"},
    )
    before = StatusUpdate.objects.count()
    response = client.post(
        url,
        {f"state_{item.pk}": "done", f"seen_{item.pk}": str(answer.pk), "action": "submit"},
        follow=True,
    )
    assert StatusUpdate.objects.count() == before
    assert Answer.objects.count() == 1
    assert "was accepted already" in response.content.decode()


def test_interchange_import_refuses_a_scope_the_measure_does_not_have(db):
    document = {
        "schema": "samordna/plan@1",
        "title": "Felles plan",
        "owners": [],
        "areas": [
            {
                "title": "Område",
                "measures": [
                    {
                        "title": "Tiltak",
                        "scopes": ["Moss", "Råde"],
                        "status": {"as_of": "2020-01-01", "state": "done", "scope": "Rygge"},
                    }
                ],
            }
        ],
        "measures": [],
    }
    with pytest.raises(InvalidPlan) as error:
        load_plan(document)
    assert "areas[0].measures[0].status.scope" in str(error.value.errors)
    assert "Rygge" in error.value.errors[0] and "Moss, Råde" in error.value.errors[0]
    assert not Plan.objects.exists()
    document["areas"][0]["measures"][0]["status"]["scope"] = "Råde"
    assert load_plan(document).measures.get().status_updates.get().scope == "Råde"


# Invitations


def test_inviting_a_co_owner_waits_for_its_coordinator(world, login):
    coordinator = login(world["coordinator"])
    plan = world["plan"]
    response = coordinator.post(
        reverse("plans:edit", args=[plan.slug]),
        {
            "title": plan.title,
            "slug": plan.slug,
            "kind": plan.kind,
            "language": plan.language,
            "owners": [world["moss"].pk],
            "invite_owners": [world["rana"].pk],
        },
        follow=True,
    )
    assert "awaiting acceptance" in response.content.decode()
    assert list(plan.owners.all()) == [world["moss"]]
    outsider = login(world["outsider"])
    assert outsider.get(plan.get_absolute_url()).status_code == 404
    page = outsider.get(reverse("plans:invitations")).content.decode()
    assert plan.title in page
    invitation = Invitation.objects.get(plan=plan, organisation=world["rana"])
    # Only the invited organisation decides: not the inviter.
    decide = reverse("plans:invitation_decide", args=[invitation.pk])
    assert login(world["coordinator"]).post(decide, {"decision": "accept"}).status_code == 404
    assert login(world["viewer"]).post(decide, {"decision": "accept"}).status_code == 404
    outsider = login(world["outsider"])
    outsider.post(decide, {"decision": "accept"})
    assert set(plan.owners.all()) == {world["moss"], world["rana"]}
    assert outsider.get(reverse("plans:edit", args=[plan.slug])).status_code == 200


def test_a_declined_invitation_gives_nothing_and_stays_declined(world, login):
    invitation = invitations.invite(
        world["plan"], world["rana"], InvitationKind.OWNER, world["coordinator"]
    )
    decide = reverse("plans:invitation_decide", args=[invitation.pk])
    login(world["outsider"]).post(decide, {})  # neither: nothing is decided
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PENDING
    login(world["outsider"]).post(decide, {"decision": "decline"})
    again = invitations.invite(
        world["plan"], world["rana"], InvitationKind.OWNER, world["coordinator"]
    )
    assert again.state == InvitationState.DECLINED
    assert list(world["plan"].owners.all()) == [world["moss"]]


def test_an_administrator_may_accept_for_anyone(world, login):
    invitation = invitations.invite(
        world["plan"], world["rana"], InvitationKind.OWNER, world["coordinator"]
    )
    admin = login(world["admin"])
    assert world["plan"].title in admin.get(reverse("plans:invitations")).content.decode()
    admin.post(reverse("plans:invitation_decide", args=[invitation.pk]), {"decision": "accept"})
    assert world["rana"] in world["plan"].owners.all()


def test_naming_another_organisation_responsible_gives_it_access_only_once_accepted(world, login):
    helper = make_user("rana-contributor", world["rana"], "contributor")
    plan = world["plan"]
    measure = world["other_measure"]
    response = login(world["coordinator"]).post(
        reverse("plans:measure_edit", args=[plan.slug, measure.pk]),
        {
            "title": measure.title,
            "number": measure.number,
            "area": world["area"].pk,
            "responsible-TOTAL_FORMS": "1",
            "responsible-INITIAL_FORMS": "0",
            "responsible-0-name": "Rana kommune",
            "responsible-0-organisation": world["rana"].pk,
        },
        follow=True,
    )
    assert "awaiting acceptance" in response.content.decode()
    assert measure.responsibilities.filter(organisation=world["rana"]).exists()
    assert login(helper).get(plan.get_absolute_url()).status_code == 404
    invitation = Invitation.objects.get(plan=plan, organisation=world["rana"])
    assert invitation.kind == InvitationKind.PARTICIPANT
    assert "awaiting acceptance" in (
        login(world["coordinator"]).get(plan.get_absolute_url()).content.decode()
    )
    invitations.accept(invitation, world["outsider"])
    client = login(helper)
    assert client.get(plan.get_absolute_url()).status_code == 200
    assert "Save status" in client.get(measure.get_absolute_url()).content.decode()


def test_group_members_are_offered_only_from_organisations_taking_part(world, login, siri):
    stranger = Contact.objects.create(name="Stina Rana", organisation=world["rana"])
    page = login(world["coordinator"]).get(
        reverse("cooperation:group_create", args=[world["plan"].slug])
    )
    choices = {c.pk for c in page.context["formset"].forms[0].fields["contact"].queryset}
    assert siri.pk in choices  # the police is responsible in the plan
    assert stranger.pk not in choices
