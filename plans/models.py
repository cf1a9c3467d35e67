"""Models of a plan's content: organisations, contacts, plans, goal areas and measures."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


def bump_plans(plan_ids):
    """Bump the version of the plans with these ids (Nones are ignored); see plans.versions."""
    ids = {pk for pk in plan_ids if pk is not None}
    if ids:
        Plan.objects.filter(pk__in=ids).update(
            version=models.F("version") + 1, changed_at=timezone.now()
        )


class PlanPartQuerySet(models.QuerySet):
    """Rows that show on a plan's pages: bulk writes bump the plan's version too.

    (Single saves and deletes bump it through the signals in plans.versions.)
    """

    plan_path = "plan_id"

    def _plan_ids(self, objs=None):
        if objs is None:
            return set(self.values_list(self.plan_path, flat=True))
        if self.plan_path == "plan_id":
            return {obj.plan_id for obj in objs}
        measure_ids = {obj.measure_id for obj in objs}
        return set(Measure.objects.filter(pk__in=measure_ids).values_list("plan_id", flat=True))

    def update(self, **kwargs):
        plan_ids = self._plan_ids()
        count = super().update(**kwargs)
        bump_plans(plan_ids)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        bump_plans(self._plan_ids(created))
        return created


class MeasurePartQuerySet(PlanPartQuerySet):
    plan_path = "measure__plan_id"


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County or region")
    COUNTY_BOARD = "county_board", _("County administrative board")
    POLICE = "police", _("Police")
    PROSECUTION = "prosecution", _("Prosecution authority")
    CORRECTIONS = "corrections", _("Correctional service")
    HEALTH = "health", _("Health service")
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    SCHOOL = "school", _("School or kindergarten")
    CRISIS_CENTRE = "crisis_centre", _("Crisis centre")
    NGO = "ngo", _("Non-governmental organisation")
    OTHER = "other", _("Other")


class Country(models.TextChoices):
    NORWAY = "NO", _("Norway")
    SWEDEN = "SE", _("Sweden")
    DENMARK = "DK", _("Denmark")


class Organisation(models.Model):
    """An agency, municipality or association that owns plans or is responsible for measures."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.NORWAY
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=[
            ("Europe/Oslo", "Europe/Oslo"),
            ("Europe/Stockholm", "Europe/Stockholm"),
            ("Europe/Copenhagen", "Europe/Copenhagen"),
        ],
        default="Europe/Oslo",
    )
    municipality_number = models.CharField(
        _("municipality number"),
        max_length=4,
        blank=True,
        help_text=_("Four digits, as in the national register (e.g. 1833 or 1983)."),
    )
    # Whoever added a new organisation keeps it until an administrator gives it a
    # coordinator of its own (see plans/access.py).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Contact(models.Model):
    """A contact person in an organisation; may or may not have a user account."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="nb"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.name} ({self.organisation})"


# Slugs keep Nordic words readable: "nære" -> "naere", not "nre".
NORDIC_LETTERS = str.maketrans(
    {
        "æ": "ae",
        "Æ": "Ae",
        "ø": "o",
        "Ø": "O",
        "å": "a",
        "Å": "A",
        "ä": "a",
        "Ä": "A",
        "ö": "o",
        "Ö": "O",
    }
)


class PlanKind(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")
    ACTION_PLAN = "action_plan", _("Action plan")


class PlanLanguage(models.TextChoices):
    NB = "nb", _("Norwegian Bokmål")
    NN = "nn", _("Norwegian Nynorsk")
    SV = "sv", _("Swedish")
    DA = "da", _("Danish")
    EN = "en", _("English")


class Plan(models.Model):
    """A strategy or action plan with its goal areas and measures."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=PlanKind.choices, default=PlanKind.ACTION_PLAN
    )
    language = models.CharField(
        _("language"), max_length=2, choices=PlanLanguage.choices, default=PlanLanguage.NB
    )
    owners = models.ManyToManyField(
        Organisation, through="PlanOwner", verbose_name=_("owners"), related_name="owned_plans"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("The strategy an annual action plan belongs to."),
    )
    period_start = models.DateField(_("period starts"), null=True, blank=True)
    period_end = models.DateField(_("period ends"), null=True, blank=True)
    vision = models.TextField(_("vision"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("What the document says about itself, e.g. its own status summary."),
    )
    goals = models.JSONField(_("goals"), default=list, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Published plans and their status can be read by anyone."),
    )
    answers_count_when = models.CharField(
        _("answers from status rounds count"),
        max_length=10,
        choices=[
            ("submitted", _("as soon as they are submitted")),
            ("accepted", _("once the coordinator accepts them")),
        ],
        default="submitted",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped (by plans.versions) on every write that changes what the plan's pages show:
    # cached pages are keyed by it, so a write shows at once on every server.
    version = models.PositiveBigIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="plan_period_in_order",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.slug])

    @classmethod
    def unique_slug(cls, title, exclude_pk=None):
        base = slugify(title.translate(NORDIC_LETTERS))[:70].strip("-") or "plan"
        slug, n = base, 2
        others = cls.objects.exclude(pk=exclude_pk)
        while others.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class PlanOwner(models.Model):
    """An owning organisation of a plan, in the order the plan names them."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="ownerships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    position = models.PositiveIntegerField(default=0)

    objects = PlanPartQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "organisation"], name="unique_plan_owner")
        ]

    def __str__(self):
        return f"{self.organisation} owns {self.plan}"


class Area(models.Model):
    """A goal area (målområde, innsatsområde) of a plan; areas may nest."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of area"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    development = models.JSONField(_("development opportunities"), default=list, blank=True)

    objects = PlanPartQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("goal area")
        verbose_name_plural = _("goal areas")

    def __str__(self):
        return f"{self.number} {self.title}".strip()


class MeasureKind(models.TextChoices):
    EXISTING = "existing", _("Existing")
    PROPOSED = "proposed", _("Proposed")


class Timing(models.TextChoices):
    CONTINUOUS = "continuous", _("Continuous")
    TEMPORARY = "temporary", _("Temporary")
    PERIOD = "period", _("Period")


class PreventionLevel(models.TextChoices):
    UNIVERSAL = "universal", _("Universal")
    SELECTIVE = "selective", _("Selective")
    INDICATED = "indicated", _("Indicated")


class Measure(models.Model):
    """A measure (tiltak, åtgärd, insats): something an organisation has undertaken to do."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    area = models.ForeignKey(
        Area,
        verbose_name=_("goal area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    partners = models.JSONField(_("partners"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=MeasureKind.choices, blank=True)
    timing = models.CharField(_("timing"), max_length=12, choices=Timing.choices, blank=True)
    timing_start = models.DateField(_("starts"), null=True, blank=True)
    timing_end = models.DateField(_("ends"), null=True, blank=True)
    timing_text = models.CharField(
        _("timing as written"),
        max_length=200,
        blank=True,
        help_text=_("As the plan words it, e.g. “vecka 47” or “slutet av mars årligen”."),
    )
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    prevention_level = models.CharField(
        _("prevention level"), max_length=10, choices=PreventionLevel.choices, blank=True
    )
    refs = models.JSONField(_("references to other measures"), default=list, blank=True)
    scopes = models.JSONField(_("municipalities answered separately"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanPartQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return reverse("plans:measure", args=[self.plan.slug, self.pk])


class Responsibility(models.Model):
    """Who is responsible for a measure: an organisation or role, optionally for one phase."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="responsibilities")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(
        _("organisation or role"),
        max_length=300,
        help_text=_("As the plan writes it, e.g. “Koordinator” or “Länsstyrelsen”."),
    )
    phase = models.CharField(
        _("phase"), max_length=200, blank=True, help_text=_("e.g. “Utarbeidelse”; usually empty.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsibilities",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsibilities",
    )

    objects = MeasurePartQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self):
        return f"{self.phase}: {self.name}" if self.phase else self.name


class AdoptionState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ADOPTED = "adopted", _("Adopted")
    DECLINED = "declined", _("Declined")


class Adoption(models.Model):
    """One organisation's decision on a plan (vedtak, beslut): body, date, case reference."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="adoptions")
    position = models.PositiveIntegerField(default=0)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT
    )
    body = models.CharField(_("deciding body"), max_length=200, blank=True)
    date = models.DateField(_("decision date"), null=True, blank=True)
    reference = models.CharField(_("case reference"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=AdoptionState.choices, default=AdoptionState.PENDING
    )
    deadline = models.DateField(_("reply deadline"), null=True, blank=True)

    objects = PlanPartQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self):
        return f"{self.organisation}: {self.get_state_display()}"


class InvitationKind(models.TextChoices):
    OWNER = "owner", _("co-owner")
    PARTICIPANT = "participant", _("taking part")


class InvitationState(models.TextChoices):
    PENDING = "pending", _("invited, awaiting acceptance")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class Invitation(models.Model):
    """An organisation asked to take part in a plan it does not own: as a co-owner, or with
    its people (responsible, partner, group member, asked in status rounds). Its coordinators
    (or an administrator) accept or decline; until then it gets no access and no e-mail."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    kind = models.CharField(_("as"), max_length=12, choices=InvitationKind.choices)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=InvitationState.choices,
        default=InvitationState.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    # Accepting and declining are conditional update()s (one answer wins a race); pending
    # invitations and what the accepted may do show on the plan's cached pages.
    objects = PlanPartQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "organisation", "kind"], name="one_invitation_per_plan_org_kind"
            )
        ]

    def __str__(self):
        return f"{self.organisation} to {self.plan} as {self.kind} ({self.state})"
