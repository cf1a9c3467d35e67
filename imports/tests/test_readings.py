"""The detectors of imports/readings.py on small plans written for these tests, in nb, nn
and sv: each shape of the issue, the lead sentence that gives the responsible, lists that
are not measures, label lines, status per heading and per row, and the reading choice."""

import pytest

from imports.pipeline import recognise_upload
from imports.readings import actor_of, leading_actor, trailing_responsible


def read(text, name="plan.txt", **options):
    return recognise_upload(name, text.encode("utf-8"), **options)


def measures(document):
    found = list(document["measures"])
    for area in document["areas"]:
        found += area["measures"]
    return found


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Regjeringen vil:", "Regjeringen"),
        ("Kommunen skal:", "Kommunen"),
        ("Gjennom samarbeidet skal vi:", ""),
        ("I en årlig redovisning ska länsstyrelserna bland annat:", "länsstyrelserna"),
        ("Det gör Länsstyrelsen genom att bland annat:", "Länsstyrelsen"),
        ("Exempel på vad vi gör:", ""),
        ("Fylkeskommunen vil i planperioden:", "Fylkeskommunen"),
        ("Politiet og kommunen skal saman:", "Politiet og kommunen"),
    ],
)
def test_the_lead_sentence_names_who_acts(sentence, actor):
    assert actor_of(sentence) == actor


def test_a_measure_that_starts_with_its_actor():
    assert leading_actor("Att kommunen och polisen ska stödja grannsamverkan.") == (
        "kommunen och polisen"
    )
    assert leading_actor("Politiet skal gjennomføre bekymringssamtaler.") == "Politiet"
    assert leading_actor("Utvikle en ny rutine for barnevernet.") == ""


@pytest.mark.parametrize(
    ("title", "rest", "names"),
    [
        ("Styrke foreldrestøtten (BFD)", "Styrke foreldrestøtten", ["BFD"]),
        ("Kurs for ansatte (HOD/KD)", "Kurs for ansatte", ["HOD", "KD"]),
        ("Kurs for ansatte (Ansvar: Bufdir)", "Kurs for ansatte", ["Bufdir"]),
        ("Etablere et tverrfaglig team – JD", "Etablere et tverrfaglig team", ["JD"]),
        ("Kurs (i samarbeid med NAV og skolen)", "Kurs (i samarbeid med NAV og skolen)", []),
    ],
)
def test_responsible_in_brackets_or_at_the_end(title, rest, names):
    assert trailing_responsible(title) == (rest, names)


def test_bullets_under_a_lead_sentence_in_nynorsk_with_another_list_that_is_not_measures():
    text = (
        "Plan for førebygging i Fjordvik kommune\n\n"
        "Arbeidet skal bidra til å førebyggje:\n\n"
        "- vald i nære relasjonar\n- rus blant unge\n\n"
        "Kommunen skal:\n\n"
        "- lage ein rettleiar for tilsette\n- halde kurs for alle leiarar kvart år\n"
        "- kartleggje tilbodet til utsette barn\n"
    )
    found = measures(read(text).document)
    assert [m["title"] for m in found] == [
        "lage ein rettleiar for tilsette",
        "halde kurs for alle leiarar kvart år",
        "kartleggje tilbodet til utsette barn",
    ]
    assert all(m["responsible"] == ["Kommunen"] for m in found)


def test_numbered_items_with_sub_bullets_in_swedish_html():
    html = (
        "<h1>Trygghetsplan för Sjöstad</h1><p>Det här ska vi göra:</p><ol>"
        "<li>Utbilda personal i skolan<ul><li>rektorer</li><li>lärare</li></ul></li>"
        "<li>Starta nattvandringar på fredagar</li><li>Följa upp trygghetsmätningen</li></ol>"
    )
    found = measures(read(html, "plan.html").document)
    assert [m["number"] for m in found] == ["1", "2", "3"]
    assert found[0]["title"] == "Utbilda personal i skolan"
    assert "rektorer" in found[0]["description"]


def test_goal_areas_as_short_lead_lines_each_holding_bullets():
    text = (
        "Handlingsplan mot vold 2025–2028\n\n"
        "Forebygging:\n\n- Lage kampanje i skolene.\n- Styrke helsestasjonen.\n\n"
        "Hjelp og beskyttelse:\n\n- Opprette et voldsteam.\n- Gi kurs til fastlegene.\n"
    )
    document = read(text).document
    assert [a["title"] for a in document["areas"]] == ["Forebygging", "Hjelp og beskyttelse"]
    assert [len(a["measures"]) for a in document["areas"]] == [2, 2]


def test_a_heading_per_measure_with_label_lines_that_are_not_headings():
    text = (
        "Tiltaksplan 2025\n\n"
        "Tiltak 1: Felles rutine for avdekking\n\n"
        "Alle tjenester skal bruke samme rutine.\n\n"
        "Ansvar: Kommunalsjef helse\n\n"
        "Tidsfrist: 2026\n\n"
        "Status: Pågår\n\n"
        "Tiltak 2: Opplæring av ansatte\n\n"
        "Kurs for ansatte i skole og barnehage.\n\n"
        "Ansvar: Oppvekstsjef\n\n"
        "Status: Ikke påbegynt\n"
    )
    found = measures(read(text).document)
    assert [(m["number"], m["title"]) for m in found] == [
        ("1", "Felles rutine for avdekking"),
        ("2", "Opplæring av ansatte"),
    ]
    assert found[0]["responsible"] == ["Kommunalsjef helse"]
    assert [m["status"]["state"] for m in found] == ["ongoing", "not_started"]
    assert not any("Ansvar" in m["title"] for m in found)


def test_status_from_the_section_heading():
    html = (
        "<h1>Lägesrapport</h1><h2>Genomförda åtgärder</h2><ul><li>Ta fram rutiner.</li>"
        "<li>Utbilda chefer.</li></ul><h2>Pågående åtgärder</h2><ul><li>Starta barnahus.</li>"
        "<li>Se över skyddat boende.</li></ul>"
    )
    found = measures(read(html, "plan.html").document)
    states = {m["title"]: m["status"]["state"] for m in found}
    assert states == {
        "Ta fram rutiner.": "done",
        "Utbilda chefer.": "done",
        "Starta barnahus.": "ongoing",
        "Se över skyddat boende.": "ongoing",
    }


def test_a_table_copied_as_one_cell_per_line_with_a_status_word_per_row():
    text = (
        "Oversikt per 1. mars 2024\n\nTiltak\n\nAnsvar\n\nStatus\n\n"
        "1. Lage ny rettleiar for barnevernet\n\nBFD\n\nFerdig\n\n"
        "2. Greie ut eit nytt krisetilbod\n\nJD/HOD\n\nByrja\n\n"
        "3. Evaluere ordninga med familieråd\n\nBufdir\n\nIkkje starta\n"
    )
    found = measures(read(text).document)
    assert [m["responsible"] for m in found] == [["BFD"], ["JD", "HOD"], ["Bufdir"]]
    assert [m["status"]["state"] for m in found] == ["done", "ongoing", "not_started"]


def test_other_readings_are_offered_and_can_be_chosen():
    text = (
        "Plan for Nordby\n\nKommunen skal:\n\n- Lage rutiner.\n- Holde kurs.\n\n"
        "Oppfølging\n\n1. Rapportere hvert år.\n2. Revidere planen i 2027.\n"
    )
    result = read(text)
    keys = [r["key"] for r in result.readings]
    assert "bullets" in keys and "numbered" in keys
    numbered = read(text, prefer="numbered").document
    assert [m["title"] for m in measures(numbered)] == [
        "Rapportere hvert år.",
        "Revidere planen i 2027.",
    ]


def test_table_rows_copied_one_per_line_with_the_ministry_at_the_end():
    text = (
        "Tiltak i handlingsplanen\n\n"
        "12 Styrke foreldrestøtten i kommunene BFD\n"
        "13 Utvikle en veileder for avdekking av vold HOD/KD\n"
        "14 Gjennomgå straffeprosessloven JD\n"
    )
    found = measures(read(text).document)
    assert [(m["number"], m["title"], m["responsible"]) for m in found] == [
        ("12", "Styrke foreldrestøtten i kommunene", ["BFD"]),
        ("13", "Utvikle en veileder for avdekking av vold", ["HOD", "KD"]),
        ("14", "Gjennomgå straffeprosessloven", ["JD"]),
    ]


def test_a_contents_line_loses_its_dot_leaders_and_page_number():
    from imports.readings import tidy_title

    assert tidy_title("Felles rutine for avdekking ........ 12") == "Felles rutine for avdekking"
    assert tidy_title("Kurs for 20 ansatte") == "Kurs for 20 ansatte"


def test_measures_written_as_sentences_in_a_news_article():
    html = (
        "<h1>Ny plan mot våld i Sjöbo</h1><p>Kommunstyrelsen antog planen i går.</p>"
        "<h2>Skolan</h2><p>Kommunen ska utbilda all personal i skolan under hösten. "
        "Det är viktigt, säger Eva Berg.</p>"
        "<h2>Fritiden</h2><p>– Därför ska vi starta nattvandringar, säger Eva Berg.</p>"
        "<p>En trygghetsmätning ska genomföras varje år.</p>"
    )
    document = read(html, "news.html").document
    found = measures(document)
    assert [m["title"] for m in found] == [
        "utbilda all personal i skolan under hösten",
        "starta nattvandringar",
        "En trygghetsmätning ska genomföras varje år.",
    ]
    assert found[0]["responsible"] == ["Kommunen"]
    assert found[1]["responsible"] == ["Kommunen"]  # "vi" is the body named before
    assert [a["title"] for a in document["areas"]] == ["Skolan", "Fritiden"]
