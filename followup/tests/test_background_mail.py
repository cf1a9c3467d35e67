"""Round e-mail is sent by the worker: pages never wait on the mail server, and a task
that runs twice sends each mail once."""

import socket
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from followup import rounds, tasks
from followup.models import MailState, OutgoingMail
from followup.tests.test_rounds import send, setup, start  # noqa: F401  (fixture)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def hanging_smtp():
    """A mail server on loopback that accepts connections and then says nothing."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)  # the kernel accepts; nobody ever greets
    yield server.getsockname()[1]
    server.close()


def test_sending_a_round_does_not_wait_on_a_hanging_mail_server(
    setup,  # noqa: F811
    login,
    settings,
    hanging_smtp,
):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", hanging_smtp
    settings.EMAIL_TIMEOUT = 30
    client = login(setup["coordinator"])
    status_round = start(client, setup["plan"])
    started = time.monotonic()
    response = send(client, status_round)
    elapsed = time.monotonic() - started
    print(f"round sent with a hanging mail server: page in {elapsed:.2f} s")
    assert elapsed < 5, f"the page waited {elapsed:.1f} s"
    page = response.content.decode()
    assert "queued and sent in the background" in page
    assert "Waiting to be sent" in page
    assert OutgoingMail.objects.filter(state=MailState.QUEUED).count() == 2


def test_the_worker_gives_up_on_a_hanging_mail_server_and_retries_later(
    setup,  # noqa: F811
    login,
    settings,
    hanging_smtp,
):
    settings.TASKS = DATABASE_TASKS
    client = login(setup["coordinator"])
    send(client, start(client, setup["plan"]))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", hanging_smtp
    settings.EMAIL_TIMEOUT = 1
    assert rounds.deliver_pending() == (0, 2)
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {MailState.FAILED}
    assert "timed out" in OutgoingMail.objects.first().error


# The worker closes its database connection between tasks, as in production: the test
# data must be committed for that, so this test runs outside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_one_worker_pass_sends_the_round(setup, login, settings):  # noqa: F811
    settings.TASKS = DATABASE_TASKS
    client = login(setup["coordinator"])
    status_round = start(client, setup["plan"])
    send(client, status_round)
    assert not mail.outbox
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == ["kari@politiet.no", "sven@moss.kommune.no"]
    page = client.get(reverse("followup:round", args=[setup["plan"].slug, status_round.pk]))
    assert page.content.decode().count("<td>Sent") == 2
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {MailState.SENT}


def test_a_delivery_task_that_runs_twice_sends_once(setup, login):  # noqa: F811
    client = login(setup["coordinator"])
    send(client, start(client, setup["plan"]))  # the immediate backend delivers at once
    assert len(mail.outbox) == 2
    tasks.deliver_mail.call()
    tasks.deliver_mail.enqueue()
    assert len(mail.outbox) == 2
