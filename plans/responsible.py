"""Who is responsible, as data: near-duplicate free-text names grouped, and matched to
organisations.

Old plans write responsibles as free text ("barnevern", "barnevernet", "Barneverntjenesten",
"Skoler", "Skolene"). `normalise` gives every spelling of one name the same key (case,
spacing, Norwegian and Swedish definite and plural endings), so reports and filters group
them; `name_groups` lists a plan's unmatched names by key for the merge page, and
`match_group` points every responsibility of a group to an organisation in one go;
`organisation_for_name` finds or adds the organisation a typed name means.
"""

import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from plans.models import Organisation, Responsibility

# Definite and plural endings, longest first: -erne/-ene/-en/-et/-er/-e (nb, nn),
# -arna/-erna/-orna/-na/-ar/-or (sv). Stripped repeatedly while the stem stays long
# enough, so "Virksomhetsledere" and "Virksomhetsleder" meet at "virksomhetsled".
ENDINGS = (
    "arna",
    "erna",
    "orna",
    "erne",
    "ane",
    "ene",
    "na",
    "en",
    "et",
    "er",
    "ar",
    "or",
    "e",
    "a",
)
SHORTEST_STEM = 4
WORD = re.compile(r"[\w]+", re.UNICODE)


def _stem(word):
    changed = True
    while changed:
        changed = False
        for ending in ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_STEM:
                word = word[: -len(ending)]
                changed = True
                break
    return word


def normalise(name):
    """The grouping key of a responsible's name: one key for all its spellings."""
    words = WORD.findall(name.casefold())
    return " ".join(_stem(word) for word in words) or name.strip().casefold()


def responsible_name(responsibility):
    """What a report calls a responsibility: its organisation, else its own text."""
    if responsibility.organisation_id:
        return responsibility.organisation.name
    return responsibility.name


@dataclass
class NameGroup:
    """Unmatched free-text responsibles of a plan that mean one name."""

    key: str
    spellings: dict = field(default_factory=dict)  # spelling -> count
    ids: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.ids)

    @property
    def label(self):
        """The most used spelling (the first written on a tie)."""
        return max(self.spellings, key=lambda s: self.spellings[s])

    @property
    def suggestion(self):
        """An existing organisation whose name has the same key, if there is one."""
        return getattr(self, "_suggestion", None)


def name_groups(plan, organisations=None):
    """The plan's free-text responsibilities without an organisation, grouped by key,
    biggest groups first, each with a suggestion among `organisations` (by default any on
    the site, as `access.nameable_organisations` offers)."""
    groups = {}
    responsibilities = Responsibility.objects.filter(
        measure__plan=plan, organisation__isnull=True
    ).order_by("measure__position", "measure_id", "position", "id")
    for responsibility in responsibilities:
        key = normalise(responsibility.name)
        group = groups.setdefault(key, NameGroup(key))
        group.spellings[responsibility.name] = group.spellings.get(responsibility.name, 0) + 1
        group.ids.append(responsibility.pk)
    if organisations is None:
        organisations = Organisation.objects.all()
    known = {normalise(o.name): o for o in organisations.only("pk", "name")}
    for group in groups.values():
        group._suggestion = known.get(group.key)
    return sorted(groups.values(), key=lambda g: (-g.count, g.key))


@transaction.atomic
def match_group(plan, key, organisation):
    """Point every unmatched responsibility of the plan whose name has `key` to the
    organisation. The free text stays as the role text. Returns how many were matched."""
    ids = [
        r.pk
        for r in Responsibility.objects.filter(measure__plan=plan, organisation__isnull=True)
        if normalise(r.name) == key
    ]
    return Responsibility.objects.filter(pk__in=ids).update(organisation=organisation)


def organisation_for_name(name, plan, user):
    """(organisation, created) for a name typed as a new organisation.

    A name the site has already (in any case) means that organisation: it is neither
    created again nor taken over, and naming it in the plan invites it like choosing it
    from the list. A new one is kept by `user` (created_by, see plans/access.py) until an
    administrator gives it a coordinator, in the country and time zone of the plan's
    first owner.
    """
    # Compared in Python: SQLite ignores only ASCII case, so "Øst" and "øst" would differ.
    wanted = name.casefold()
    existing = next(
        (o for o in Organisation.objects.only("pk", "name") if o.name.casefold() == wanted), None
    )
    if existing:
        return existing, False
    owner = plan.ownerships.select_related("organisation").order_by("position", "id").first()
    defaults = {"created_by": user}
    if owner:
        defaults.update(country=owner.organisation.country, time_zone=owner.organisation.time_zone)
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name, **defaults), True
    except IntegrityError:  # added by someone else a moment ago
        return Organisation.objects.get(name=name), False
