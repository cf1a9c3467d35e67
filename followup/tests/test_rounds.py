"""Status rounds: who is asked, e-mails, personal links, answers, reviews, reminders, closing."""

import datetime
import re
import smtplib

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import add_measure
from followup import rounds
from followup.models import (
    Answer,
    LinkToken,
    MailState,
    OutgoingMail,
    RoundState,
    StatusRound,
    StatusUpdate,
)
from followup.status import status_as_of
from plans.models import Contact, Organisation, Responsibility

TODAY = timezone.localdate()


class BrokenBackend(BaseEmailBackend):
    """An SMTP server that refuses every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def setup(world):
    kari = Contact.objects.create(
        name="Kari Politi", email="kari@politiet.no", organisation=world["police"], language="nb"
    )
    sven = Contact.objects.create(
        name="Sven Skola", email="sven@moss.kommune.no", organisation=world["moss"], language="sv"
    )
    Responsibility.objects.filter(measure=world["other_measure"]).update(contact=sven)
    return {**world, "kari": kari, "sven": sven}


def start(client, plan, **data):
    values = {
        "as_of": TODAY.isoformat(),
        "deadline": (TODAY + datetime.timedelta(days=10)).isoformat(),
        "remind_days_before": "3",
        "message": "Hei! Vi trenger status før politirådet.",
    }
    values.update(data)
    response = client.post(reverse("followup:rounds", args=[plan.slug]), values)
    assert response.status_code == 302, response.content.decode()[:2000]
    return StatusRound.objects.latest("id")


def send(client, status_round):
    url = reverse("followup:send", args=[status_round.plan.slug, status_round.pk])
    return client.post(url, follow=True)


def link_in(message):
    return re.search(r"http://\S+/r/(\S+)/", message.body).group(1)


def links(outbox=None):
    return {m.to[0]: link_in(m) for m in (outbox or mail.outbox)}


@pytest.fixture
def opened(setup, login):
    client = login(setup["coordinator"])
    status_round = start(client, setup["plan"])
    send(client, status_round)
    # The tests read the link pages in English, as a contact who chose English would.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return {**setup, "round": status_round, "client": client, "links": links()}


def test_round_asks_the_responsible_contacts(setup, login):
    status_round = start(login(setup["coordinator"]), setup["plan"])
    asked = {
        r.contact.name: [i.measure.title for i in r.items.all()]
        for r in status_round.requests.all()
    }
    assert asked == {
        "Kari Politi": ["Informasjonsmateriell"],  # via her organisation
        "Sven Skola": ["Skolenes årshjul"],  # named on the measure
    }
    add_measure(setup["plan"], "Ingen ansvarlig")
    assert [m.title for m in rounds.uncovered_measures(status_round)] == ["Ingen ansvarlig"]
    assert status_round.state == RoundState.DRAFT and not mail.outbox


def test_round_page_keeps_its_fragment_apart_for_caches(setup, login):
    client = login(setup["coordinator"])
    status_round = start(client, setup["plan"])
    url = reverse("followup:round", args=[setup["plan"].slug, status_round.pk])
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.content.decode().startswith('<section id="round-progress"')
    assert "HX-Request" in fragment["Vary"] and "no-store" in fragment["Cache-Control"]
    assert "HX-Request" in client.get(url)["Vary"]


@pytest.mark.parametrize("name, code", [("viewer", 403), ("contributor", 403), ("outsider", 404)])
def test_only_coordinators_run_rounds(setup, login, name, code):
    assert (
        login(setup[name]).get(reverse("followup:rounds", args=[setup["plan"].slug])).status_code
        == code
    )


def test_bad_round_dates_are_explained(setup, login):
    response = login(setup["coordinator"]).post(
        reverse("followup:rounds", args=[setup["plan"].slug]),
        {"as_of": TODAY.isoformat(), "deadline": "2001-01-01", "remind_days_before": "3"},
    )
    assert "The deadline has passed already." in response.content.decode()
    assert not StatusRound.objects.exists()


def test_coordinator_adjusts_the_list_before_sending(setup, login):
    client = login(setup["coordinator"])
    status_round = start(client, setup["plan"])
    item = status_round.requests.get(contact=setup["kari"]).items.get()
    client.post(
        reverse("followup:remove_item", args=[setup["plan"].slug, status_round.pk, item.pk])
    )
    client.post(
        reverse("followup:add_item", args=[setup["plan"].slug, status_round.pk]),
        {"contact": setup["sven"].pk, "measure": setup["police_measure"].pk},
    )
    assert not status_round.requests.filter(contact=setup["kari"]).exists()
    assert status_round.requests.get(contact=setup["sven"]).items.count() == 2


def test_one_mail_per_contact_in_their_language_with_a_hashed_link(opened):
    assert sorted(m.to[0] for m in mail.outbox) == ["kari@politiet.no", "sven@moss.kommune.no"]
    kari = next(m for m in mail.outbox if m.to == ["kari@politiet.no"])
    sven = next(m for m in mail.outbox if m.to == ["sven@moss.kommune.no"])
    assert "Handlingsplan Moss" in kari.subject
    assert "Informasjonsmateriell" in kari.body and "Skolenes årshjul" not in kari.body
    assert "Vi trenger status før politirådet" in kari.body  # the coordinator's message
    assert "Hei Kari Politi" in kari.body  # Norwegian
    assert "Hej Sven Skola" in sven.body  # Swedish
    token = opened["links"]["kari@politiet.no"]
    assert len(token) >= 40
    assert LinkToken.objects.filter(token_hash=rounds.token_hash(token)).exists()
    assert not LinkToken.objects.filter(token_hash=token).exists()
    assert not OutgoingMail.objects.exclude(token="").exists()  # sent tokens are not kept
    opened["round"].refresh_from_db()
    assert opened["round"].state == RoundState.OPEN


def test_contact_answers_through_the_link_without_an_account(opened, client):
    url = reverse("followup:link", args=[opened["links"]["kari@politiet.no"]])
    page = client.get(url).content.decode()
    assert "Informasjonsmateriell" in page and "Skolenes årshjul" not in page
    item = opened["round"].requests.get(contact=opened["kari"]).items.get()
    # A draft first: nobody else sees its content, and it does not count yet.
    client.post(
        url,
        {
            f"state_{item.pk}": "ongoing",
            f"done_{item.pk}": "Brosjyre i trykken",
            f"seen_{item.pk}": "0",
            "action": "draft",
        },
    )
    assert not StatusUpdate.objects.exists()
    assert "Brosjyre i trykken" in client.get(url).content.decode()
    round_page = opened["client"].get(
        reverse("followup:round", args=[opened["plan"].slug, opened["round"].pk])
    )
    assert "1 draft" in round_page.content.decode()
    assert "Brosjyre i trykken" not in round_page.content.decode()
    # Then submitted: it counts at once (the plan's default) and is in the history.
    draft = Answer.objects.get()
    response = client.post(
        url,
        {
            f"state_{item.pk}": "done",
            f"done_{item.pk}": "Brosjyre distribuert",
            f"seen_{item.pk}": str(draft.pk),
            "action": "submit",
        },
        follow=True,
    )
    assert "Your answers were submitted" in response.content.decode()
    update = StatusUpdate.objects.get()
    assert (update.state, update.round, update.author_name) == (
        "done",
        opened["round"],
        "Kari Politi",
    )
    history = opened["client"].get(opened["police_measure"].get_absolute_url()).content.decode()
    assert "From the status round as of" in history and "Kari Politi" in history


def test_a_state_is_needed_and_typed_text_is_kept(opened, client):
    url = reverse("followup:link", args=[opened["links"]["kari@politiet.no"]])
    item = opened["round"].requests.get(contact=opened["kari"]).items.get()
    response = client.post(
        url, {f"done_{item.pk}": "Skrevet uten status", f"seen_{item.pk}": "0", "action": "submit"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a state for this measure." in page and "Skrevet uten status" in page
    assert not Answer.objects.exists()


@pytest.mark.parametrize("problem", ["guessed", "revoked", "expired"])
def test_links_that_do_not_work_reveal_nothing(opened, client, problem):
    token = opened["links"]["kari@politiet.no"]
    if problem == "guessed":
        token = token[:-4] + "AAAA"
    elif problem == "revoked":
        rounds.revoke(opened["round"].requests.get(contact=opened["kari"]))
    else:
        rounds.close_round(opened["round"], opened["coordinator"])
        StatusRound.objects.filter(pk=opened["round"].pk).update(
            closed_at=timezone.now() - datetime.timedelta(days=15)
        )
    response = client.get(reverse("followup:link", args=[token]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "This link does not work" in page
    assert "Informasjonsmateriell" not in page and "Handlingsplan Moss" not in page


def test_other_contacts_link_shows_only_their_measures(opened, client):
    page = client.get(
        reverse("followup:link", args=[opened["links"]["sven@moss.kommune.no"]])
    ).content.decode()
    assert "Skolenes årshjul" in page and "Informasjonsmateriell" not in page


def test_guessing_is_rate_limited_without_locking_out_real_links(opened, client):
    for i in range(rounds.GUESS_LIMIT):
        assert client.get(reverse("followup:link", args=[f"guess{i}"])).status_code == 404
    assert client.get(reverse("followup:link", args=["one-more-guess"])).status_code == 429
    right = reverse("followup:link", args=[opened["links"]["kari@politiet.no"]])
    assert client.get(right).status_code == 200


def test_closed_round_link_is_read_only_during_the_grace_period(opened, client):
    rounds.close_round(opened["round"], opened["coordinator"])
    url = reverse("followup:link", args=[opened["links"]["kari@politiet.no"]])
    page = client.get(url).content.decode()
    assert "The status round is closed" in page and "Submit answers" not in page


def test_review_when_answers_count_only_once_accepted(opened, client):
    plan = opened["plan"]
    plan.answers_count_when = "accepted"
    plan.save()
    url = reverse("followup:link", args=[opened["links"]["kari@politiet.no"]])
    item = opened["round"].requests.get(contact=opened["kari"]).items.get()
    client.post(url, {f"state_{item.pk}": "done", f"seen_{item.pk}": "0", "action": "submit"})
    assert not StatusUpdate.objects.exists()
    answer = Answer.objects.get()
    review_url = reverse("followup:review", args=[plan.slug, opened["round"].pk, answer.pk])
    mail.outbox.clear()
    # Sending back needs a reason; the contact gets an e-mail and sees the comment.
    opened["client"].post(review_url, {"decision": "return", "comment": ""})
    assert not hasattr(Answer.objects.get(), "review")
    opened["client"].post(review_url, {"decision": "return", "comment": "Hvor mange brosjyrer?"})
    from django.utils import translation

    with translation.override("nb"):  # Kari reads Norwegian
        subject = translation.gettext("Your status answer was sent back: %(plan)s")
    assert [m.subject for m in mail.outbox] == [subject % {"plan": "Handlingsplan Moss"}]
    assert "tilbake" in subject  # really in Norwegian
    assert "Hvor mange brosjyrer?" in client.get(url).content.decode()
    latest = Answer.objects.latest("id")
    client.post(
        url,
        {
            f"state_{item.pk}": "done",
            f"done_{item.pk}": "500 brosjyrer",
            f"seen_{item.pk}": str(latest.pk),
            "action": "submit",
        },
    )
    second = Answer.objects.latest("id")
    opened["client"].post(
        reverse("followup:review", args=[plan.slug, opened["round"].pk, second.pk]),
        {"decision": "accept"},
    )
    update = StatusUpdate.objects.get()
    assert update.answer == second and update.done == "500 brosjyrer"
    history = opened["client"].get(opened["police_measure"].get_absolute_url()).content.decode()
    assert "accepted by" in history


def test_contact_and_coordinator_at_once_keep_both(opened, client):
    url = reverse("followup:link", args=[opened["links"]["kari@politiet.no"]])
    item = opened["round"].requests.get(contact=opened["kari"]).items.get()
    request = opened["round"].requests.get(contact=opened["kari"])
    behalf = reverse(
        "followup:on_behalf", args=[opened["plan"].slug, opened["round"].pk, request.pk]
    )
    opened["client"].post(
        behalf, {f"state_{item.pk}": "ongoing", f"seen_{item.pk}": "0", "action": "submit"}
    )
    response = client.post(
        url, {f"state_{item.pk}": "done", f"seen_{item.pk}": "0", "action": "submit"}, follow=True
    )
    assert "Someone else answered here while you were writing" in response.content.decode()
    assert Answer.objects.count() == 2
    updates = list(StatusUpdate.objects.order_by("id"))
    assert [u.state for u in updates] == ["ongoing", "done"]
    assert "entered by" in updates[0].author_name
    status = status_as_of(opened["plan"], TODAY, [opened["police_measure"]])[
        opened["police_measure"].pk
    ]
    assert status.state == "done"  # the later one is current


def test_reminders_are_sent_once_and_only_to_those_who_have_not_answered(opened, client):
    item = opened["round"].requests.get(contact=opened["sven"]).items.get()
    client.post(
        reverse("followup:link", args=[opened["links"]["sven@moss.kommune.no"]]),
        {f"state_{item.pk}": "done", f"seen_{item.pk}": "0", "action": "submit"},
    )
    mail.outbox.clear()
    deadline = opened["round"].deadline
    assert rounds.send_reminders(deadline - datetime.timedelta(days=4))[0] == 0
    assert rounds.send_reminders(deadline - datetime.timedelta(days=3))[0] == 1
    assert rounds.send_reminders(deadline - datetime.timedelta(days=2))[0] == 0  # not twice
    assert rounds.send_reminders(deadline)[0] == 1  # the one on the deadline
    assert rounds.send_reminders(deadline)[0] == 0
    assert [m.to for m in mail.outbox] == [["kari@politiet.no"], ["kari@politiet.no"]]
    assert mail.outbox[0].subject.startswith("Påminnelse")  # Kari's language is nb
    # A moved deadline brings new reminders for the new date.
    opened["client"].post(
        reverse("followup:extend", args=[opened["plan"].slug, opened["round"].pk]),
        {"deadline": (deadline + datetime.timedelta(days=7)).isoformat()},
    )
    assert rounds.send_reminders(deadline + datetime.timedelta(days=4))[0] == 1


def test_failed_mail_is_shown_and_retried(setup, login, settings):
    client = login(setup["coordinator"])
    status_round = start(client, setup["plan"])
    settings.EMAIL_BACKEND = "followup.tests.test_rounds.BrokenBackend"
    response = send(client, status_round)
    assert "could not be sent" in response.content.decode()
    assert OutgoingMail.objects.filter(state=MailState.FAILED).count() == 2
    page = client.get(
        reverse("followup:round", args=[setup["plan"].slug, status_round.pk])
    ).content.decode()
    assert "SMTPServerDisconnected" in page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_reminders")
    assert len(mail.outbox) == 2
    assert OutgoingMail.objects.filter(state=MailState.SENT).count() == 2


def test_a_crashed_run_does_not_send_twice(opened):
    mail.outbox.clear()
    request = opened["round"].requests.get(contact=opened["kari"])
    stuck = rounds.remind(request)
    # A run claimed this mail and died before it could say whether it was sent.
    OutgoingMail.objects.filter(pk=stuck.pk).update(
        state=MailState.SENDING, claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )
    rounds.deliver_pending()
    rounds.deliver_pending()
    assert not mail.outbox
    assert OutgoingMail.objects.get(pk=stuck.pk).state == MailState.UNKNOWN


def test_closing_makes_unanswered_measures_unclear_and_freezes_a_report(opened, client):
    item = opened["round"].requests.get(contact=opened["kari"]).items.get()
    client.post(
        reverse("followup:link", args=[opened["links"]["kari@politiet.no"]]),
        {f"state_{item.pk}": "done", f"seen_{item.pk}": "0", "action": "submit"},
    )
    close = reverse("followup:close", args=[opened["plan"].slug, opened["round"].pk])
    # Closing asks first: the page says what will happen, and an unconfirmed post changes nothing.
    question = opened["client"].get(close).content.decode()
    assert "Close the round?" in question and 'name="confirm" value="yes"' in question
    assert "1 measure has no answer and becomes unclear" in question
    assert opened["client"].post(close).status_code == 200
    assert StatusRound.objects.get().state == RoundState.OPEN
    add_measure(opened["plan"], "Ingen å spørre")
    response = opened["client"].post(close, {"confirm": "yes"})
    status_round = StatusRound.objects.get()
    assert (
        status_round.state == RoundState.CLOSED
        and response["Location"] == status_round.report.get_absolute_url()
    )
    other = StatusUpdate.objects.get(measure=opened["other_measure"])
    assert (other.state, other.round) == ("unclear", status_round)
    snapshot = status_round.report.snapshot
    assert (
        snapshot["summary"]["counts"]["done"] == 1 and snapshot["summary"]["counts"]["unclear"] == 2
    )
    assert status_round.report.is_frozen
    # Closed, the round page no longer speaks of asking anybody.
    page = opened["client"].get(
        reverse("followup:round", args=[opened["plan"].slug, status_round.pk])
    )
    assert "nobody to ask" not in page.content.decode()


def test_measures_answered_per_municipality(setup, login, client):
    rygge = Organisation.objects.create(name="Rygge kommune", kind="municipality")
    ingrid = Contact.objects.create(
        name="Ingrid Rygge", email="ingrid@rygge.kommune.no", organisation=rygge
    )
    measure = add_measure(
        setup["plan"], "Samarbeidsrutiner", scopes=["Moss", "Rygge"], responsible=[rygge]
    )
    status_round = start(login(setup["coordinator"]), setup["plan"])
    item = status_round.requests.get(contact=ingrid).items.get()
    assert item.scope == "Rygge"
    send(login(setup["coordinator"]), status_round)
    token = links()["ingrid@rygge.kommune.no"]
    client.post(
        reverse("followup:link", args=[token]),
        {
            f"state_{item.pk}": "ongoing",
            f"remaining_{item.pk}": "Godkjenning fra Rygge",
            f"seen_{item.pk}": "0",
            "action": "submit",
        },
    )
    status = status_as_of(setup["plan"], TODAY, [measure])[measure.pk]
    assert status.scopes["Rygge"].state == "ongoing"
    assert status.scopes["Moss"].state == "unclear"
    assert status.state == "ongoing"
    # Closing would make Moss's part unclear, so the question counts the measure too.
    close = reverse("followup:close", args=[setup["plan"].slug, status_round.pk])
    question = login(setup["coordinator"]).get(close).content.decode()
    total = setup["plan"].measures.count()
    assert f"{total} measures have no answer and become unclear" in question


def test_a_sent_back_answer_stops_counting(opened, client):
    url = reverse("followup:link", args=[opened["links"]["kari@politiet.no"]])
    item = opened["round"].requests.get(contact=opened["kari"]).items.get()
    client.post(url, {f"state_{item.pk}": "done", f"seen_{item.pk}": "0", "action": "submit"})
    measure = opened["police_measure"]
    assert status_as_of(opened["plan"], TODAY, [measure])[measure.pk].state == "done"
    answer = Answer.objects.get()
    opened["client"].post(
        reverse("followup:review", args=[opened["plan"].slug, opened["round"].pk, answer.pk]),
        {"decision": "return", "comment": "Er alt virkelig ferdig?"},
    )
    status = status_as_of(opened["plan"], TODAY, [measure])[measure.pk]
    # The comment is for the contact only; the history gets Samordna's note as a code.
    assert status.state == "unclear" and status.update.note == "sent_back"
    assert "Er alt virkelig ferdig?" not in status.update.remaining
    assert StatusUpdate.objects.filter(measure=measure).count() == 2  # nothing deleted


def test_an_answer_for_the_whole_measure_holds_for_its_municipalities(setup, login, client):
    measure = add_measure(
        setup["plan"], "Felles rutine", scopes=["Moss", "Rygge"], responsible=[setup["police"]]
    )
    status_round = start(login(setup["coordinator"]), setup["plan"])
    send(login(setup["coordinator"]), status_round)
    item = status_round.requests.get(contact=setup["kari"]).items.get(measure=measure)
    assert item.scope == ""  # the police answer for the whole measure
    client.post(
        reverse("followup:link", args=[links()["kari@politiet.no"]]),
        {
            f"state_{item.pk}": "done",
            f"done_{item.pk}": "alt",
            f"seen_{item.pk}": "0",
            "action": "submit",
        },
    )
    rounds.close_round(status_round, setup["coordinator"])
    status = status_as_of(setup["plan"], TODAY, [measure])[measure.pk]
    assert {k: v.state for k, v in status.scopes.items()} == {"Moss": "done", "Rygge": "done"}
    assert status.state == "done"


def test_guesses_are_counted_per_client_behind_a_trusted_proxy(opened, client, settings):
    settings.TRUSTED_PROXIES = 1
    for i in range(rounds.GUESS_LIMIT):
        client.get(
            reverse("followup:link", args=[f"guess{i}"]), HTTP_X_FORWARDED_FOR="198.51.100.7"
        )
    blocked = client.get(
        reverse("followup:link", args=["again"]), HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert blocked.status_code == 429
    # Another visitor behind the same proxy is not blocked, and a forged left entry does not help.
    other = client.get(
        reverse("followup:link", args=["first"]), HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.8"
    )
    assert other.status_code == 404


def _round_of(plan_title, measures, world):
    """A plan of `measures` measures, each with a contact, some uncovered, in an open round."""
    from conftest import make_plan

    plan = make_plan(plan_title, owners=[world["moss"]])
    org = Organisation.objects.create(name=f"Etat for {plan_title}")
    Contact.objects.create(name=f"Kontakt {plan_title}", email="k@example.org", organisation=org)
    for i in range(measures):
        add_measure(plan, f"Tiltak {i}", number=str(i + 1), responsible=[org])
        add_measure(plan, f"Uten ansvarlig {i}", number=f"{i + 1}b")
    status_round = StatusRound.objects.create(
        plan=plan, as_of=TODAY, deadline=TODAY + datetime.timedelta(days=5)
    )
    rounds.propose_requests(status_round)
    rounds.open_round(status_round)
    request = status_round.requests.get()
    answers = {item: ("done", "Ferdig", "") for item in request.items.all()[:3]}
    rounds.save_answers(request, answers, submit=True, entered_by=world["coordinator"])
    return status_round


def test_round_pages_run_a_constant_number_of_queries(world, login, django_assert_max_num_queries):
    small, large = _round_of("Liten", 3, world), _round_of("Stor", 25, world)
    client = login(world["coordinator"])
    counts = []
    for status_round in (small, large):
        for url in (
            reverse("followup:round", args=[status_round.plan.slug, status_round.pk]),
            reverse("followup:rounds", args=[status_round.plan.slug]),
        ):
            client.get(url)  # warm the session
            with django_assert_max_num_queries(500) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:], counts


def test_link_page_speaks_the_contacts_language_unless_they_choose_another(opened, client):
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    url = reverse("followup:link", args=[opened["links"]["sven@moss.kommune.no"]])
    page = client.get(url, headers={"Accept-Language": "en"})
    assert page["Content-Language"] == "sv"
    assert 'lang="sv"' in page.content.decode() and "Skicka in svaren" in page.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": url})
    page = client.get(url)
    assert page["Content-Language"] == "en" and "Submit answers" in page.content.decode()
