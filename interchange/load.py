"""Loading a samordna/plan@1 document into the database, all or nothing."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from cooperation.cadence import rule_from_cadence
from cooperation.models import Group, GroupMember
from followup.models import StatusUpdate
from interchange.schema import InvalidPlan, validate
from plans.models import (
    Adoption,
    Area,
    Country,
    Measure,
    Organisation,
    OrganisationKind,
    Plan,
    PlanOwner,
    Responsibility,
    Timing,
)

# Words in an organisation's name that tell its kind; checked in this order.
KIND_WORDS = [
    ("länsstyrelse", OrganisationKind.COUNTY_BOARD),
    ("statsforvalter", OrganisationKind.COUNTY_BOARD),
    ("fylkesmann", OrganisationKind.COUNTY_BOARD),
    ("åklagar", OrganisationKind.PROSECUTION),
    ("statsadvokat", OrganisationKind.PROSECUTION),
    ("påtale", OrganisationKind.PROSECUTION),
    ("kriminalvård", OrganisationKind.CORRECTIONS),
    ("kriminalomsorg", OrganisationKind.CORRECTIONS),
    ("polis", OrganisationKind.POLICE),
    ("politi", OrganisationKind.POLICE),
    ("krisesenter", OrganisationKind.CRISIS_CENTRE),
    ("kvinnojour", OrganisationKind.CRISIS_CENTRE),
    ("barnevern", OrganisationKind.CHILD_WELFARE),
    ("region", OrganisationKind.COUNTY),
    ("fylkeskommune", OrganisationKind.COUNTY),
    ("landsting", OrganisationKind.COUNTY),
    ("kommun", OrganisationKind.MUNICIPALITY),
    ("stad", OrganisationKind.MUNICIPALITY),
]
COUNTRY_OF_LANGUAGE = {"sv": Country.SWEDEN, "da": Country.DENMARK}
TIME_ZONE_OF_COUNTRY = {
    Country.NORWAY: "Europe/Oslo",
    Country.SWEDEN: "Europe/Stockholm",
    Country.DENMARK: "Europe/Copenhagen",
}


def guess_kind(name):
    lowered = name.lower()
    for word, kind in KIND_WORDS:
        if word in lowered:
            return kind
    return OrganisationKind.OTHER


def organisation_named(name, language):
    """The organisation with this name, created (with a guessed kind) if it is new."""
    found = Organisation.objects.filter(name__iexact=name.strip()).first()
    if found:
        return found
    country = COUNTRY_OF_LANGUAGE.get(language, Country.NORWAY)
    return Organisation.objects.create(
        name=name.strip(),
        kind=guess_kind(name),
        country=country,
        time_zone=TIME_ZONE_OF_COUNTRY[country],
    )


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


class _Loader:
    def __init__(self, plan, user):
        self.plan = plan
        self.user = user
        self.position = 0
        self.known_organisations = {o.name.lower(): o for o in Organisation.objects.all()}

    def measure(self, entry, area):
        timing = entry.get("timing")
        measure = Measure.objects.create(
            plan=self.plan,
            area=area,
            position=self._next(),
            number=entry.get("number") or "",
            title=entry["title"].strip(),
            description=entry.get("description") or "",
            partners=entry.get("partners") or [],
            kind=entry.get("kind") or "",
            timing=Timing.PERIOD if isinstance(timing, dict) else (timing or ""),
            timing_start=_date(timing.get("start")) if isinstance(timing, dict) else None,
            timing_end=_date(timing.get("end")) if isinstance(timing, dict) else None,
            timing_text=entry.get("timing_text") or "",
            target_groups=entry.get("target_groups") or [],
            prevention_level=entry.get("prevention_level") or "",
            refs=entry.get("refs") or [],
            scopes=entry.get("scopes") or [],
        )
        for i, responsible in enumerate(entry.get("responsible") or []):
            if isinstance(responsible, dict):
                name, phase = responsible["name"], responsible.get("phase") or ""
            else:
                name, phase = responsible, ""
            Responsibility.objects.create(
                measure=measure,
                position=i,
                name=name.strip(),
                phase=phase.strip(),
                organisation=self.known_organisations.get(name.strip().lower()),
            )
        history = entry.get("history") or ([entry["status"]] if entry.get("status") else [])
        for status in history:
            StatusUpdate.objects.create(
                measure=measure,
                scope=status.get("scope") or "",
                as_of=_date(status["as_of"]),
                state=status["state"],
                done=status.get("done") or "",
                remaining=status.get("remaining") or "",
                author=self.user,
                author_name=status.get("author")
                or (self.user.get_full_name() if self.user else ""),
                generated=bool(status.get("generated")),
            )

    def area(self, entry, parent):
        area = Area.objects.create(
            plan=self.plan,
            parent=parent,
            position=self._next(),
            number=entry.get("number") or "",
            title=entry["title"].strip(),
            description=entry.get("description") or "",
            development=entry.get("development") or [],
        )
        self.children(entry, area)

    def children(self, entry, area):
        for measure in entry.get("measures") or []:
            self.measure(measure, area)
        for child in entry.get("areas") or []:
            self.area(child, area)

    def _next(self):
        self.position += 1
        return self.position


def load_plan(document, slug=None, user=None, published=False):
    """Create a plan from a validated document in one transaction and return it.

    Raises InvalidPlan (nothing saved) when the document is not a valid plan.
    """
    validate(document)
    language = document.get("language") or "nb"
    parent = None
    if document.get("parent"):
        parent = Plan.objects.filter(title=document["parent"]).order_by("-created_at").first()
        if parent is None:
            raise InvalidPlan(
                [
                    _("parent: the plan “%(title)s” is not in Samordna; import it first.")
                    % {"title": document["parent"]}
                ]
            )
    if slug and Plan.objects.filter(slug=slug).exists():
        raise InvalidPlan(
            [_("A plan with the short name “%(slug)s” exists already.") % {"slug": slug}]
        )
    period = document.get("period") or {}
    with transaction.atomic():
        plan = Plan.objects.create(
            slug=slug or Plan.unique_slug(document["title"]),
            title=document["title"].strip(),
            kind=document.get("kind") or "action_plan",
            language=language,
            parent=parent,
            period_start=_date(period.get("start")),
            period_end=_date(period.get("end")),
            vision=document.get("vision") or "",
            purpose=document.get("purpose") or "",
            note=document.get("note") or "",
            goals=document.get("goals") or [],
            target_groups=document.get("target_groups") or [],
            published=published,
        )
        # Owners written twice ("Moss kommune", "MOSS kommune") are one organisation.
        owners = dict.fromkeys(
            organisation_named(name, language) for name in document.get("owners") or []
        )
        for i, organisation in enumerate(owners):
            PlanOwner.objects.create(plan=plan, organisation=organisation, position=i)
        for i, entry in enumerate(document.get("adopted") or []):
            Adoption.objects.create(
                plan=plan,
                position=i,
                organisation=organisation_named(entry["organisation"], language),
                body=entry.get("body") or "",
                date=_date(entry.get("date")),
                reference=entry.get("reference") or "",
                state=entry.get("state") or "pending",
                deadline=_date(entry.get("deadline")),
            )
        loader = _Loader(plan, user)
        # Measures outside any area come first, as the export writes them.
        for measure in document.get("measures") or []:
            loader.measure(measure, None)
        for area in document.get("areas") or []:
            loader.area(area, None)
        for i, entry in enumerate(document.get("groups") or []):
            group = Group.objects.create(
                position=i,
                name=entry["name"].strip(),
                level=entry.get("level") or "",
                recurrence=rule_from_cadence(entry.get("cadence") or "") or "",
                mandate=entry.get("mandate") or "",
                cadence=entry.get("cadence") or "",
                chair=entry.get("chair") or "",
                secretary=entry.get("secretary") or "",
                convener=entry.get("convener") or "",
                reports_to=entry.get("reports_to") or "",
            )
            group.plans.add(plan)
            for position, member in enumerate(entry.get("members") or []):
                GroupMember.objects.create(
                    group=group,
                    position=position,
                    name=member.strip(),
                    organisation=loader.known_organisations.get(member.strip().lower()),
                )
    return plan
