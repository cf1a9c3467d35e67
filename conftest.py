"""Shared test set-up: a fast password hasher and the named actors of the permission tests.

Actors: `admin` (administrator), `coordinator` (coordinates for the owning municipality),
`contributor` (contributes for the police, responsible for one measure), `viewer` (reads
for the owning municipality), `outsider` (coordinator elsewhere) and anonymous.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from accounts.models import Membership, Role
from followup.models import StatusUpdate
from plans.invitations import invite_participants
from plans.models import Area, Measure, Organisation, Plan, PlanOwner, Responsibility

PASSWORD = "test-password-1"


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run inside the request in tests; the tests of the worker and of a
    # hanging mail server switch to the database backend themselves.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: test databases reuse ids and versions."""
    from django.core.cache import cache

    cache.clear()


def make_user(username, organisation=None, role=None, **extra):
    user = get_user_model().objects.create_user(username, password=PASSWORD, **extra)
    if organisation and role:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def make_plan(
    title="Handlingsplan mot vold i nære relasjoner", owners=(), published=False, **extra
):
    plan = Plan.objects.create(
        title=title, slug=Plan.unique_slug(title), published=published, **extra
    )
    for position, owner in enumerate(owners):
        PlanOwner.objects.create(plan=plan, organisation=owner, position=position)
    return plan


def add_measure(plan, title, number="", area=None, responsible=(), **extra):
    position = plan.measures.count() + plan.areas.count() + 1
    measure = Measure.objects.create(
        plan=plan, area=area, title=title, number=number, position=position, **extra
    )
    for i, entry in enumerate(responsible):
        if isinstance(entry, Organisation):
            Responsibility.objects.create(
                measure=measure, position=i, name=entry.name, organisation=entry
            )
        else:
            Responsibility.objects.create(measure=measure, position=i, name=entry)
    # As an import from the command line does: the responsible organisations take part.
    invite_participants(plan, [e for e in responsible if isinstance(e, Organisation)], None)
    return measure


def add_update(measure, as_of, state, **extra):
    if isinstance(as_of, str):
        as_of = datetime.date.fromisoformat(as_of)
    return StatusUpdate.objects.create(measure=measure, as_of=as_of, state=state, **extra)


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English: a request in another language must not leak into the next."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def world(db):
    """A municipality's unpublished plan, a published plan elsewhere, and the actors."""
    moss = Organisation.objects.create(name="Moss kommune", kind="municipality")
    police = Organisation.objects.create(name="Politiet i Øst", kind="police")
    rana = Organisation.objects.create(name="Rana kommune", kind="municipality")
    plan = make_plan("Handlingsplan Moss", owners=[moss])
    area = Area.objects.create(plan=plan, title="Informasjon", number="1", position=1)
    own = add_measure(plan, "Informasjonsmateriell", number="9", area=area, responsible=[police])
    other = add_measure(
        plan, "Skolenes årshjul", number="11", area=area, responsible=["Kommunalsjef"]
    )
    public = make_plan("SLT-plan Rana", owners=[rana], published=True)
    add_measure(public, "Utekontakten", number="1")
    return {
        "plan": plan,
        "area": area,
        "police_measure": own,
        "other_measure": other,
        "public_plan": public,
        "moss": moss,
        "police": police,
        "rana": rana,
        "admin": make_user("admin", is_superuser=True, is_staff=True),
        "coordinator": make_user("coordinator", moss, Role.COORDINATOR),
        "contributor": make_user("contributor", police, Role.CONTRIBUTOR),
        "viewer": make_user("viewer", moss, Role.VIEWER),
        "outsider": make_user("outsider", rana, Role.COORDINATOR),
    }


@pytest.fixture
def login(client):
    def _login(user):
        if user is not None:
            client.force_login(user)
        return client

    return _login
