"""Writing status updates through the measure page."""

import datetime

from django.urls import reverse
from django.utils import timezone

from followup.models import StatusUpdate


def status_url(world, measure="police_measure"):
    return reverse("plans:status_create", args=[world["plan"].slug, world[measure].pk])


def test_contributor_writes_a_status_and_sees_it_in_the_history(world, login):
    client = login(world["contributor"])
    response = client.post(
        status_url(world),
        {
            "as_of": "2020-03-01",
            "state": "ongoing",
            "done": "Brosjyre trykket",
            "remaining": "Distribusjon",
            "seen": "0",
        },
        follow=True,
    )
    update = StatusUpdate.objects.get()
    assert (update.state, update.done, update.remaining) == (
        "ongoing",
        "Brosjyre trykket",
        "Distribusjon",
    )
    assert update.author == world["contributor"] and update.author_name == "contributor"
    page = response.content.decode()
    assert "The status was saved." in page
    assert "Brosjyre trykket" in page and "Distribusjon" in page


def test_a_correction_is_a_new_update_and_both_stay(world, login):
    client = login(world["coordinator"])
    for state in ("done", "ongoing"):
        seen = StatusUpdate.objects.order_by("-id").values_list("id", flat=True).first() or 0
        client.post(status_url(world), {"as_of": "2020-03-01", "state": state, "seen": seen})
    assert list(StatusUpdate.objects.values_list("state", flat=True)) == ["done", "ongoing"]
    page = client.get(world["police_measure"].get_absolute_url()).content.decode()
    assert page.count('<li>\n      <p><span class="state') == 2


def test_stale_form_warns_and_keeps_both(world, login):
    form_page = login(world["contributor"]).get(world["police_measure"].get_absolute_url())
    seen = form_page.context["form"].initial["seen"]
    login(world["coordinator"]).post(
        status_url(world), {"as_of": "2020-03-01", "state": "done", "seen": seen}
    )
    response = login(world["contributor"]).post(
        status_url(world),
        {
            "as_of": "2020-03-01",
            "state": "ongoing",
            "seen": seen,
        },
        follow=True,
    )
    assert "Someone else wrote a status" in response.content.decode()
    assert StatusUpdate.objects.count() == 2


def test_future_date_and_missing_state_are_explained(world, login):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = login(world["contributor"]).post(
        status_url(world),
        {
            "as_of": tomorrow.isoformat(),
            "state": "",
            "done": "Skrevet inn",
            "seen": "0",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "today or an earlier date" in page
    assert "This field is required" in page
    # What was typed is still in the form.
    assert "Skrevet inn" in page
    assert not StatusUpdate.objects.exists()


def test_scoped_measure_takes_a_municipality(world, login):
    measure = world["police_measure"]
    measure.scopes = ["Moss", "Rygge"]
    measure.save()
    login(world["coordinator"]).post(
        status_url(world),
        {
            "as_of": "2020-03-01",
            "state": "done",
            "scope": "Rygge",
            "seen": "0",
        },
    )
    assert StatusUpdate.objects.get().scope == "Rygge"
    response = login(world["coordinator"]).post(
        status_url(world),
        {
            "as_of": "2020-03-01",
            "state": "done",
            "scope": "Oslo",
            "seen": "0",
        },
    )
    assert response.status_code == 400
