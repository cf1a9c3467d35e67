"""The import pages: who may use them, upload → preview → corrections → create or cancel."""

import io

import pytest
from django.urls import reverse

from imports.views import SESSION_KEY
from plans.models import Measure, Organisation, Plan

PLAN_TEXT = """Handlingsplan mot vold i nære relasjoner – Moss kommune

TILTAK\tANSVAR\tSTATUS PR 01.06.2017
1. <b>Veileder.</b> En veileder utarbeides. Den distribueres til alle ansatte.\tKoordinator\t✓
2. <b>Nettverksmøter.</b> En årlig møteplass.\tKoordinator i samarbeid med kommunalsjefene.\t<b>Pågår:</b> Første møte holdt.
3. <b>Hospitering.</b> Ansatte hospiterer.\tVirksomhetsledere\t
"""


def upload_text(client, text=PLAN_TEXT):
    return client.post(reverse("imports:upload"), {"text": text})


def state(client):
    return client.session[SESSION_KEY]


def change(client, action, key="-1:0", **data):
    payload = {"action": action, "key": key, "revision": state(client)["revision"], **data}
    return client.post(reverse("imports:change"), payload)


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("imports:upload"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ["viewer", "contributor"])
def test_only_coordinators_import(world, login, actor):
    client = login(world[actor])
    assert client.get(reverse("imports:upload")).status_code == 403
    assert upload_text(client).status_code == 403


@pytest.mark.django_db
def test_upload_page_has_labelled_fields(world, login):
    page = login(world["coordinator"]).get(reverse("imports:upload")).content.decode()
    assert 'for="id_file"' in page and 'for="id_text"' in page
    assert 'enctype="multipart/form-data"' in page


@pytest.mark.django_db
def test_pasted_plan_is_previewed_with_confidence(world, login):
    client = login(world["coordinator"])
    response = upload_text(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:preview")
    page = client.get(reverse("imports:preview")).content.decode()
    assert "Veileder." in page and "Nettverksmøter." in page and "Hospitering." in page
    assert "found 3 measures" in page
    assert "sure" in page and ("likely" in page or "check" in page)
    measures = state(client)["document"]["measures"]
    assert [m["status"]["state"] for m in measures] == ["done", "ongoing", "unclear"]
    assert measures[1]["partners"] == ["kommunalsjefene"]
    assert Plan.objects.count() == 2  # the world's plans only: nothing saved yet


@pytest.mark.django_db
def test_uploaded_file_is_read(world, login):
    client = login(world["coordinator"])
    upload = io.BytesIO(PLAN_TEXT.encode("utf-8"))
    upload.name = "plan.txt"
    response = client.post(reverse("imports:upload"), {"file": upload})
    assert response.status_code == 302
    assert state(client)["source"] == "plan.txt"


@pytest.mark.django_db
def test_unreadable_file_gets_a_message_and_nothing_is_kept(world, login):
    client = login(world["coordinator"])
    upload = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    upload.name = "plan.docx"
    response = client.post(reverse("imports:upload"), {"file": upload})
    assert response.status_code == 200
    assert "This is a picture, not a document" in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_form_needs_a_file_or_text(world, login):
    response = login(world["coordinator"]).post(reverse("imports:upload"), {})
    assert "Choose a file, or paste the plan’s text." in response.content.decode()


@pytest.mark.django_db
def test_an_empty_file_is_named_as_empty_not_as_missing(world, login):
    upload = io.BytesIO(b"")
    upload.name = "plan.docx"
    response = login(world["coordinator"]).post(reverse("imports:upload"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The submitted file is empty." in page
    assert "Choose a file, or paste the plan’s text." not in page


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_before_reading(world, login, settings):
    settings.IMPORT_MAX_BYTES = 1024
    upload = io.BytesIO(PLAN_TEXT.encode() * 20)
    upload.name = "plan.txt"
    response = login(world["coordinator"]).post(reverse("imports:upload"), {"file": upload})
    assert "Samordna reads files of up to" in response.content.decode()
    assert SESSION_KEY not in response.wsgi_request.session


@pytest.mark.django_db
def test_corrections_change_the_preview(world, login):
    client = login(world["coordinator"])
    upload_text(client)
    change(
        client, "rename", **{"r-1:0-title": "Veileder mot vold", "r-1:0-description": "Ny tekst."}
    )
    assert state(client)["document"]["measures"][0]["title"] == "Veileder mot vold"
    assert state(client)["confidence"]["measures"][0]["title"] == 1.0

    change(client, "responsible", key="-1:2", **{"p-1:2-responsible": "Rektor, Helsesøster"})
    assert state(client)["document"]["measures"][2]["responsible"] == ["Rektor", "Helsesøster"]

    change(client, "merge", key="-1:1")
    measures = state(client)["document"]["measures"]
    assert len(measures) == 2
    assert measures[1]["title"] == "Nettverksmøter."
    assert "Hospitering." in measures[1]["description"]
    assert measures[1]["responsible"] == ["Koordinator", "Rektor", "Helsesøster"]

    change(client, "remove", key="-1:1")
    assert len(state(client)["document"]["measures"]) == 1


@pytest.mark.django_db
def test_a_correction_too_long_to_store_is_refused_with_the_reason(world, login):
    client = login(world["coordinator"])
    upload_text(client)
    long_title = "Veileder " * 60  # 540 characters; a measure's title holds 500
    response = change(client, "rename", **{"r-1:0-title": long_title})
    assert state(client)["document"]["measures"][0]["title"] != long_title.strip()
    page = client.get(response.url).content.decode()
    assert "That change could not be made; the preview is unchanged." in page
    assert "at most 500 characters" in page


@pytest.mark.django_db
def test_split_and_move(world, login):
    client = login(world["coordinator"])
    text = (
        "Plan for Moss kommune\n\nInformasjon\n\nTILTAK\tANSVAR\n"
        "1. Brosjyre. Den trykkes. Nettside lages.\tKoordinator\n"
        "2. Plakater.\tKoordinator\n\nKompetanse\n\nTILTAK\tANSVAR\n3. Kurs.\tRektor\n"
    )
    upload_text(client, text)
    document = state(client)["document"]
    assert [a["title"] for a in document["areas"]] == ["Informasjon", "Kompetanse"]
    change(client, "split", key="0:0", **{"s0:0-at": "1"})
    first_area = state(client)["document"]["areas"][0]["measures"]
    assert [m["title"] for m in first_area] == ["Brosjyre.", "Nettside lages.", "Plakater."]
    change(client, "move", key="0:2", **{"m0:2-area": "1"})
    areas = state(client)["document"]["areas"]
    assert [m["title"] for m in areas[1]["measures"]] == ["Kurs.", "Plakater."]
    change(client, "move", key="1:0", **{"m1:0-area": "-1"})
    assert [m["title"] for m in state(client)["document"]["measures"]] == ["Kurs."]
    change(client, "rename_area", key="", area="0", **{"a0-title": "Informasjonsarbeid"})
    assert state(client)["document"]["areas"][0]["title"] == "Informasjonsarbeid"


@pytest.mark.django_db
def test_a_form_from_an_older_page_changes_nothing(world, login):
    client = login(world["coordinator"])
    upload_text(client)
    old = state(client)["revision"]
    change(client, "remove", key="-1:0")
    response = client.post(
        reverse("imports:change"), {"action": "remove", "key": "-1:0", "revision": old}, follow=True
    )
    assert "The preview changed in the meantime" in response.content.decode()
    assert len(state(client)["document"]["measures"]) == 2


@pytest.mark.django_db
def test_create_makes_the_plan_in_one_step(world, login):
    client = login(world["coordinator"])
    upload_text(client)
    response = client.post(
        reverse("imports:create"),
        {
            "revision": state(client)["revision"],
            "title": "Handlingsplan Moss (importert)",
            "owners": [world["moss"].pk],
            "other_owners": "Rygge kommune",
            "slug": "moss-importert",
        },
    )
    plan = Plan.objects.get(slug="moss-importert")
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert [o.organisation.name for o in plan.ownerships.order_by("position")] == [
        "Moss kommune",
        "Rygge kommune",
    ]
    assert plan.measures.count() == 3
    measure = plan.measures.get(number="2")
    assert measure.partners == ["kommunalsjefene"]
    update = measure.status_updates.get()
    assert update.state == "ongoing" and str(update.as_of) == "2017-06-01"
    assert SESSION_KEY not in client.session
    # The new plan is checked at once: the coordinator is told what it lacks.
    page = client.get(response["Location"]).content.decode()
    assert "Samordna checked the plan against its frameworks" in page
    assert reverse("frameworks:summary", args=[plan.slug]) in page


@pytest.mark.django_db
def test_create_needs_an_owner_the_user_coordinates_for(world, login):
    client = login(world["coordinator"])
    upload_text(client)
    response = client.post(
        reverse("imports:create"),
        {"revision": state(client)["revision"], "title": "X", "owners": [world["rana"].pk]},
    )
    assert response.status_code == 400
    assert Plan.objects.count() == 2
    assert SESSION_KEY in client.session


@pytest.mark.django_db
def test_a_plan_that_cannot_be_loaded_is_not_half_saved(world, login):
    client = login(world["coordinator"])
    upload_text(client)
    session = client.session
    session[SESSION_KEY]["document"]["measures"][2]["kind"] = "bogus"
    session.save()
    before = (Plan.objects.count(), Measure.objects.count(), Organisation.objects.count())
    response = client.post(
        reverse("imports:create"),
        {
            "revision": state(client)["revision"],
            "title": "Plan",
            "owners": [world["moss"].pk],
            "other_owners": "Ny kommune",
        },
    )
    assert response.status_code == 400
    assert "nothing was saved" in response.content.decode()
    assert (Plan.objects.count(), Measure.objects.count(), Organisation.objects.count()) == before


@pytest.mark.django_db
def test_status_without_a_date_asks_for_one(world, login):
    client = login(world["coordinator"])
    upload_text(client, "Plan\n\nTiltak\tStatus\nKurs for lærere.\tPågår\nBrosjyre.\tFerdig\n")
    data = {"revision": state(client)["revision"], "title": "Plan", "owners": [world["moss"].pk]}
    assert client.post(reverse("imports:create"), data).status_code == 400
    data["status_as_of"] = "2024-05-01"
    response = client.post(reverse("imports:create"), data)
    assert response.status_code == 302
    plan = Plan.objects.get(title="Plan")
    assert {str(u.as_of) for m in plan.measures.all() for u in m.status_updates.all()} == {
        "2024-05-01"
    }


@pytest.mark.django_db
def test_cancel_saves_nothing(world, login):
    client = login(world["coordinator"])
    upload_text(client)
    response = client.post(reverse("imports:cancel"), follow=True)
    assert "nothing was saved" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert Plan.objects.count() == 2


@pytest.mark.django_db
def test_a_file_with_two_plans_can_switch(world, login):
    client = login(world["coordinator"])
    text = (
        "Strategi for samverkan 2017–2020\n\n1. Förebyggande arbete\n\nUtvecklingsmöjligheter\n\n"
        "- Engagera män och pojkar.\n\n2. Tidig upptäckt\n\nUtvecklingsmöjligheter\n\n"
        "- Sprid kunskap om metoder.\n\nHANDLINGSPLAN 2017\n\n1. Förebyggande arbete\n\n"
        "Engagera män och pojkar.\n\nInsats: Projektet En kommun fri från våld.\n\n"
        "Ansvar: Västerås stad.\n\n2. Tidig upptäckt\n\nSprid kunskap om metoder.\n\n"
        "Insats: Webbkurs om våld.\n\nAnsvar: Länsstyrelsen.\n"
    )
    upload_text(client, text)
    assert state(client)["document"]["title"].startswith("Handlingsplan 2017")
    page = client.get(reverse("imports:preview")).content.decode()
    assert "This file holds more than one plan" in page
    client.post(reverse("imports:switch"), {"other": "0", "revision": state(client)["revision"]})
    document = state(client)["document"]
    assert document["kind"] == "strategy"
    assert document["areas"][0]["development"] == ["Engagera män och pojkar."]


@pytest.mark.django_db
def test_preview_without_import_goes_to_upload(world, login):
    response = login(world["coordinator"]).get(reverse("imports:preview"))
    assert response.status_code == 302 and response["Location"] == reverse("imports:upload")


@pytest.mark.django_db
def test_changes_need_post(world, login):
    client = login(world["coordinator"])
    assert client.get(reverse("imports:create")).status_code == 405


@pytest.mark.django_db
def test_a_corrected_responsible_is_kept_as_typed(world, login):
    client = login(world["coordinator"])
    upload_text(client)
    change(
        client,
        "responsible",
        key="-1:0",
        **{"p-1:0-responsible": "Kommunalsjef helse og omsorg, Rektor"},
    )
    assert state(client)["document"]["measures"][0]["responsible"] == [
        "Kommunalsjef helse og omsorg",
        "Rektor",
    ]


@pytest.mark.django_db
def test_the_preview_shows_words_not_codes(world, login):
    client = login(world["coordinator"])
    upload_text(
        client, "Handlingsplan for Nordby kommune 2025–2028\n\nTiltak\tAnsvar\nKurs.\tRektor\n"
    )
    page = client.get(reverse("imports:preview")).content.decode()
    assert "bokmål" in page
    assert "1 Jan 2025 – 31 Dec 2028" in page
    assert "2025-01-01" not in page


@pytest.mark.django_db
def test_the_measures_can_be_read_again_as_another_shape(world, login):
    client = login(world["coordinator"])
    upload_text(
        client,
        "Plan for Nordby\n\nKommunen skal:\n\n- Lage rutiner.\n- Holde kurs.\n\n"
        "Oppfølging\n\n1. Rapportere hvert år.\n2. Revidere planen i 2027.\n",
    )
    page = client.get(reverse("imports:preview")).content.decode()
    assert "Read the measures differently" in page
    assert state(client)["reading"] == "bullets"
    response = client.post(
        reverse("imports:reread"), {"reading": "numbered", "revision": state(client)["revision"]}
    )
    assert response.status_code == 302
    titles = [m["title"] for m in state(client)["document"]["measures"]]
    assert titles == ["Rapportere hvert år.", "Revidere planen i 2027."]
    assert not Plan.objects.filter(title__startswith="Plan for Nordby").exists()
    response = client.post(
        reverse("imports:reread"), {"reading": "nonsense", "revision": state(client)["revision"]}
    )
    assert state(client)["reading"] == "numbered"
