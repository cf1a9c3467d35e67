"""Loading a samordna/plan@1 document into the database, all or nothing."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cooperation.cadence import rule_from_cadence
from cooperation.models import Group, GroupMember
from followup.models import Source, status_writes_in_bulk
from followup.status import record_status
from interchange.schema import InvalidPlan, validate
from plans.invitations import invite, invite_participants
from plans.models import (
    Adoption,
    Area,
    Country,
    InvitationKind,
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


def organisation_named(name, language, user=None):
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
        created_by=user,
    )


def _scope_problems(entries, path):
    """Statuses for a municipality the measure is not answered for would count nowhere."""
    problems = []
    for i, entry in enumerate(entries or []):
        if not isinstance(entry, dict):
            continue
        where = f"{path}[{i}]"
        scopes = entry.get("scopes") or []
        history = entry.get("history") or []
        statuses = [(f"{where}.history[{j}]", s) for j, s in enumerate(history)]
        if entry.get("status"):
            statuses.append((f"{where}.status", entry["status"]))
        for status_path, status in statuses:
            scope = (status or {}).get("scope") or ""
            if scope and scope not in scopes:
                problems.append(
                    _(
                        "%(path)s.scope: “%(scope)s” is not one of the municipalities this "
                        "measure is answered for (%(scopes)s)"
                    )
                    % {
                        "path": status_path,
                        "scope": scope,
                        "scopes": ", ".join(scopes) or _("none"),
                    }
                )
    return problems


def _area_scope_problems(areas, path):
    problems = []
    for i, area in enumerate(areas or []):
        if isinstance(area, dict):
            problems += _scope_problems(area.get("measures"), f"{path}[{i}].measures")
            problems += _area_scope_problems(area.get("areas"), f"{path}[{i}].areas")
    return problems


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


class _Loader:
    def __init__(self, plan, user, language):
        self.plan = plan
        self.user = user
        self.language = language
        self.position = 0
        self.known_organisations = {o.name.lower(): o for o in Organisation.objects.all()}

    def organisation(self, name):
        """The organisation a document names explicitly, created if the site lacks it."""
        known = self.known_organisations.get(name.lower())
        if known is None:
            known = organisation_named(name, self.language, self.user)
            self.known_organisations[name.lower()] = known
        return known

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
            organisation_name = ""
            if isinstance(responsible, dict):
                name, phase = responsible["name"], responsible.get("phase") or ""
                organisation_name = (responsible.get("organisation") or "").strip()
            else:
                name, phase = responsible, ""
            Responsibility.objects.create(
                measure=measure,
                position=i,
                name=name.strip(),
                phase=phase.strip(),
                organisation=self.organisation(organisation_name)
                if organisation_name
                else self.known_organisations.get(name.strip().lower()),
            )
        history = entry.get("history") or ([entry["status"]] if entry.get("status") else [])
        for status in history:
            record_status(
                measure,
                _date(status["as_of"]),
                status["state"],
                status.get("done") or "",
                status.get("remaining") or "",
                self.user,
                scope=status.get("scope") or "",
                source=Source.IMPORT,
                author_name=status.get("author")
                or (self.user.get_full_name() if self.user else ""),
                note=status.get("note") or "",
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
    problems = _scope_problems(document.get("measures"), "measures") + _area_scope_problems(
        document.get("areas"), "areas"
    )
    if problems:
        raise InvalidPlan(problems)
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
        # A new one is owned at once; an existing one the importing user does not keep is
        # asked first (plans/invitations.py). The command line (no user) is trusted.
        existing = {o.pk for o in Organisation.objects.all().only("pk")}
        owners = dict.fromkeys(
            organisation_named(name, language, user) for name in document.get("owners") or []
        )
        for organisation in owners:
            if organisation.pk not in existing:
                PlanOwner.objects.create(
                    plan=plan, organisation=organisation, position=plan.ownerships.count()
                )
            else:
                invite(plan, organisation, InvitationKind.OWNER, user)
        for i, entry in enumerate(document.get("adopted") or []):
            Adoption.objects.create(
                plan=plan,
                position=i,
                organisation=organisation_named(entry["organisation"], language, user),
                body=entry.get("body") or "",
                date=_date(entry.get("date")),
                reference=entry.get("reference") or "",
                state=entry.get("state") or "pending",
                deadline=_date(entry.get("deadline")),
            )
        loader = _Loader(plan, user, language)
        with status_writes_in_bulk():
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
        # Organisations named as responsible or group members are asked to take part.
        invite_participants(
            plan,
            Organisation.objects.filter(
                Q(responsibilities__measure__plan=plan) | Q(groupmember__group__plans=plan)
            ).distinct(),
            user,
        )
    return plan
