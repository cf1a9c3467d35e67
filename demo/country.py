"""A generated country for trying Samordna at scale: counties, municipalities, agencies,
plans with goal areas and measures, and years of status history, all marked as generated.

Everything is written with bulk inserts, a few thousand rows at a time, so the national
scale (650 organisations, 1,300 plans, 78,000 measures, about 3 million status updates
over 8 years) loads in minutes on SQLite and PostgreSQL. It is deterministic: the same
scale and date give the same country.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from demo.loader import invented_update
from followup.models import State, StatusUpdate
from plans.models import (
    Adoption,
    AdoptionState,
    Area,
    Measure,
    Organisation,
    OrganisationKind,
    Plan,
    PlanKind,
    PlanOwner,
    Responsibility,
)

GENERATED = "Generated demo data: an invented plan, not a real one."


@dataclass(frozen=True)
class Scale:
    counties: int
    municipalities_per_county: int
    agencies_per_county: int  # police, child welfare, crisis centre … in each county
    plans: int
    measures_per_plan: int
    areas_per_plan: int
    updates_per_measure: int
    years: int


SCALES = {
    # 11 × (1 + 45 + 13) + 1 = 650 organisations; 1,300 × 60 = 78,000 measures;
    # 78,000 × 39 ≈ 3 million status updates.
    "national": Scale(11, 45, 13, 1300, 60, 6, 39, 8),
    "county": Scale(1, 12, 5, 24, 30, 4, 12, 4),
}

AGENCIES = [
    ("Politidistrikt", OrganisationKind.POLICE),
    ("Barnevernstjeneste", OrganisationKind.CHILD_WELFARE),
    ("Krisesenter", OrganisationKind.CRISIS_CENTRE),
    ("Helseforetak", OrganisationKind.HEALTH),
    ("Statsadvokatembete", OrganisationKind.PROSECUTION),
    ("Kriminalomsorg", OrganisationKind.CORRECTIONS),
    ("Skolekontor", OrganisationKind.SCHOOL),
    ("Frivillighetssentral", OrganisationKind.NGO),
]
AREAS = ["Kunnskap", "Forebygging", "Avdekking", "Oppfølging", "Samarbeid", "Rus og psykisk helse"]
VERBS = ["Etablere", "Styrke", "Videreføre", "Kartlegge", "Utvikle", "Evaluere", "Samordne"]
THINGS = [
    "samarbeidsrutiner mellom etatene",
    "kompetanse om vold i nære relasjoner",
    "foreldreveiledning",
    "SLT-møter i skolen",
    "tilbud til utsatte barn",
    "informasjon på flere språk",
    "oppfølging etter avdekking",
]
TEXTS = {
    State.NOT_STARTED: ("", "Arbeidet er ikke startet."),
    State.ONGOING: ("Arbeidet er i gang.", "Ferdigstilling gjenstår."),
    State.DONE: ("Gjennomført.", ""),
    State.UNCLEAR: ("", "Status er etterspurt."),
    State.DISCONTINUED: ("Tiltaket utgår.", ""),
}
BATCH = 5000


def _next_state(state, rng):
    """A believable next state: measures mostly move forward, a few stall or stop."""
    roll = rng.random()
    if state == State.NOT_STARTED:
        return State.ONGOING if roll < 0.25 else State.UNCLEAR if roll < 0.3 else state
    if state == State.ONGOING:
        return State.DONE if roll < 0.08 else State.DISCONTINUED if roll < 0.1 else state
    if state == State.UNCLEAR:
        return State.ONGOING if roll < 0.5 else state
    return state


@transaction.atomic
def generate_country(scale, today=None, prefix="gen", log=lambda text: None):
    """Write a generated country of `scale` (a Scale or a name in SCALES); returns counts."""
    if isinstance(scale, str):
        scale = SCALES[scale]
    today = today or timezone.localdate()
    rng = random.Random(f"samordna-country-{scale}")
    counties, municipalities, agencies = [], [], {}
    for c in range(scale.counties):
        county = Organisation(name=f"Fylke {c + 1} ({prefix})", kind=OrganisationKind.COUNTY_BOARD)
        counties.append(county)
    Organisation.objects.bulk_create(counties)
    rows = []
    for c, county in enumerate(counties):
        for m in range(scale.municipalities_per_county):
            rows.append(
                Organisation(
                    name=f"Kommune {c + 1}-{m + 1} ({prefix})",
                    kind=OrganisationKind.MUNICIPALITY,
                    parent=county,
                    municipality_number=f"{(c + 1) % 100:02d}{(m + 1) % 100:02d}",
                )
            )
        for a in range(scale.agencies_per_county):
            name, kind = AGENCIES[a % len(AGENCIES)]
            rows.append(
                Organisation(name=f"{name} {c + 1}-{a + 1} ({prefix})", kind=kind, parent=county)
            )
    Organisation.objects.bulk_create(rows, batch_size=BATCH)
    for organisation in rows:
        if organisation.kind == OrganisationKind.MUNICIPALITY:
            municipalities.append(organisation)
        else:
            agencies.setdefault(organisation.parent_id, []).append(organisation)
    # One more: a national body that owns nothing but shows on the overview's filters.
    Organisation.objects.create(
        name=f"Nasjonalt kompetansesenter ({prefix})", kind=OrganisationKind.OTHER
    )
    log(f"{len(counties) + len(rows) + 1} organisations")

    start = today - datetime.timedelta(days=365 * scale.years)
    plans, owners, adoptions = [], [], []
    for p in range(scale.plans):
        owner = municipalities[p % len(municipalities)]
        period_start = start + datetime.timedelta(days=rng.randrange(0, 365 * scale.years // 2))
        plan = Plan(
            slug=f"{prefix}-{p + 1}",
            title=f"Handlingsplan {p + 1} mot vold i nære relasjoner, {owner.name}",
            kind=PlanKind.STRATEGY if p % 5 == 0 else PlanKind.ACTION_PLAN,
            period_start=period_start,
            period_end=period_start + datetime.timedelta(days=365 * rng.choice([1, 2, 4])),
            purpose=GENERATED,
            published=p % 4 != 3,
        )
        plans.append((plan, owner))
    Plan.objects.bulk_create([plan for plan, _ in plans], batch_size=BATCH)
    for plan, owner in plans:
        owners.append(PlanOwner(plan=plan, organisation=owner))
        adoptions.append(
            Adoption(
                plan=plan,
                organisation=owner,
                body="Kommunestyret",
                state=rng.choice([AdoptionState.ADOPTED] * 3 + [AdoptionState.PENDING]),
            )
        )
    PlanOwner.objects.bulk_create(owners, batch_size=BATCH)
    Adoption.objects.bulk_create(adoptions, batch_size=BATCH)
    log(f"{len(plans)} plans")

    measure_count = update_count = 0
    pending_updates = []
    for index, (plan, owner) in enumerate(plans):
        areas = Area.objects.bulk_create(
            [
                Area(plan=plan, position=a, number=str(a + 1), title=AREAS[a % len(AREAS)])
                for a in range(scale.areas_per_plan)
            ]
        )
        measures = Measure.objects.bulk_create(
            [
                Measure(
                    plan=plan,
                    area=areas[i % len(areas)],
                    position=scale.areas_per_plan + i,
                    number=str(i + 1),
                    title=f"{rng.choice(VERBS)} {rng.choice(THINGS)}",
                )
                for i in range(scale.measures_per_plan)
            ]
        )
        helpers = agencies.get(owner.parent_id, [])
        Responsibility.objects.bulk_create(
            [
                Responsibility(
                    measure=measure,
                    name=(org := rng.choice([owner, *helpers])).name,
                    organisation=org,
                )
                for measure in measures
            ]
        )
        measure_count += len(measures)
        step = 365 * scale.years / scale.updates_per_measure
        for measure in measures:
            state = State.NOT_STARTED
            for u in range(scale.updates_per_measure):
                as_of = start + datetime.timedelta(days=int(u * step) + rng.randrange(0, 20))
                if as_of > today:
                    break
                state = _next_state(state, rng)
                pending_updates.append(invented_update(measure, as_of, state, TEXTS))
        if len(pending_updates) >= BATCH or index == len(plans) - 1:
            StatusUpdate.objects.bulk_create(pending_updates, batch_size=BATCH)
            update_count += len(pending_updates)
            pending_updates = []
        if (index + 1) % 100 == 0:
            log(f"{index + 1} plans filled: {measure_count} measures, {update_count} updates")
    return {
        "organisations": len(counties) + len(rows) + 1,
        "plans": len(plans),
        "measures": measure_count,
        "updates": update_count,
    }
