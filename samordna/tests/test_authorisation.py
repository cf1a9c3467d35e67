"""Every route of the site against every kind of visitor, generated from the URL configuration.

The table ROUTES says, for each named route, what each actor gets on GET and (for routes that
change something) on POST. A route added to any urls.py without an entry here fails
`test_every_route_is_in_the_table`, naming the route; so no page ships without someone
deciding who may open it. Only Django's own admin and language routes are left out.

Each request runs in a transaction that is rolled back, so every actor meets the same world
and one POST (a deletion, a closed round) does not change what the next one sees.
"""

import datetime

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, include, path, reverse

from conftest import make_user
from cooperation import feeds
from cooperation.models import (
    AgendaItem,
    AnnualEntry,
    FeedToken,
    Group,
    GroupMember,
    Meeting,
    Obligation,
    ReportingDuty,
)
from followup import rounds
from followup.models import Answer, RoundState, StatusRound
from indicators.models import Indicator, IndicatorValue
from plans import invitations
from plans.models import Adoption, Contact, InvitationKind
from reports.models import Report

ACTORS = ("anonymous", "viewer", "contributor", "coordinator", "outsider", "admin")
# anonymous; viewer and contributor as in conftest; coordinator of the owning organisation;
# outsider: coordinator of another organisation; admin: an administrator.

EXCLUDED_NAMESPACES = {"admin"}  # Django's admin guards itself (staff only)
EXCLUDED_NAMES = {"set_language"}  # Django's i18n view: sets a cookie, shows nothing

# What each actor gets, in the order of ACTORS. "login" is a redirect to the login page.
#                      anon     viewer contrib coord outsider admin
EVERYONE = (200, 200, 200, 200, 200, 200)
PLAN_READ = (404, 200, 200, 200, 404, 200)  # the unpublished plan of Moss kommune
PLAN_EDIT = ("login", 403, 403, 200, 404, 200)
PLAN_EDIT_POST = ("login", 403, 403, 302, 404, 302)
PLAN_EDIT_FORM_POST = ("login", 403, 403, 200, 404, 200)  # an empty form is shown again
DIRECTORY = ("login", 403, 403, 200, 200, 200)
DIRECTORY_POST = ("login", 403, 403, 200, 200, 200)
MOSS_ONLY = ("login", 403, 403, 200, 404, 200)  # Moss kommune's own directory entries
MOSS_ONLY_POST = ("login", 403, 403, 302, 404, 302)
GET_NOT_ALLOWED = ("login", 405, 405, 405, 405, 405)
TOKEN = (200, 200, 200, 200, 200, 200)  # a secret link works for whoever holds it
EDITORS_ONLY = (404, 404, 404, 200, 404, 200)
IMPORT_GET = ("login", 403, 403, 405, 405, 405)  # coordinators only, and only by POST
IMPORT_POST = ("login", 403, 403, 302, 302, 302)  # no import started: back to the upload


class Route:
    """Expected answers of one route; `args` names the world's objects filling its URL."""

    def __init__(self, get, post=None, **args):
        self.get, self.post, self.args = get, post, args


ROUTES = {
    # plans: plans, goal areas, measures
    "plans:list": Route(EVERYONE),
    "plans:create": Route(DIRECTORY, DIRECTORY_POST),
    "plans:detail": Route(PLAN_READ),
    "plans:json": Route(PLAN_READ),
    "plans:edit": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST),
    "plans:area_create": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST),
    "plans:area_edit": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST, pk="@area"),
    "plans:area_delete": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@area"),
    "plans:measure_create": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST),
    "plans:measure": Route(PLAN_READ, pk="@measure"),
    "plans:measure_edit": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST, pk="@measure"),
    "plans:measure_delete": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@measure"),
    # The police's measure: its contributor writes status too.
    "plans:status_create": Route(
        GET_NOT_ALLOWED, ("login", 403, 400, 400, 404, 400), pk="@measure"
    ),
    # plans: the directory and invitations
    "plans:organisations": Route(DIRECTORY),
    "plans:organisation_create": Route(DIRECTORY, DIRECTORY_POST),
    "plans:organisation_edit": Route(MOSS_ONLY, MOSS_ONLY, pk="@organisation"),
    "plans:contacts": Route(DIRECTORY),
    "plans:contact_create": Route(DIRECTORY, DIRECTORY_POST),
    "plans:contact_edit": Route(MOSS_ONLY, MOSS_ONLY, pk="@contact"),
    "plans:invitations": Route(DIRECTORY),
    # Rana kommune is invited into Moss's plan: only Rana's coordinator (the outsider here)
    # or an administrator answers, not the coordinator who invited.
    "plans:invitation_decide": Route(
        GET_NOT_ALLOWED, ("login", 404, 404, 404, 302, 302), pk="@invitation"
    ),
    # reports
    "reports:page": Route(PLAN_READ),
    "reports:download": Route(PLAN_READ, fmt="csv"),
    "reports:create": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST),
    # A draft report is for the plan's editors only; to others it does not exist.
    "reports:saved": Route(EDITORS_ONLY, pk="@report"),
    "reports:freeze": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@report"),
    "reports:saved_download": Route(EDITORS_ONLY, pk="@report", fmt="csv"),
    # status rounds and personal links
    "followup:link": Route(TOKEN, TOKEN, token="@token"),
    "followup:rounds": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST),
    "followup:round": Route(PLAN_EDIT, pk="@round"),
    "followup:add_item": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@round"),
    "followup:remove_item": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@round", item_pk="@item"),
    "followup:send": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@round"),
    "followup:remind_all": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@round"),
    "followup:remind": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@round", request_pk="@request"),
    "followup:resend": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@round", request_pk="@request"),
    "followup:revoke": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@round", request_pk="@request"),
    "followup:on_behalf": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST, pk="@round", request_pk="@request"),
    "followup:extend": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@round"),
    "followup:review": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@round", answer_pk="@answer"),
    # Closing asks first: without "confirm", the confirmation page is shown.
    "followup:close": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST, pk="@round"),
    # cooperation: groups, meetings, adoption, the wheel, duties, calendar feeds
    "cooperation:structure": Route(PLAN_READ),
    "cooperation:group_create": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST),
    "cooperation:group": Route(PLAN_READ, pk="@group"),
    "cooperation:group_edit": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST, pk="@group"),
    "cooperation:meetings_plan": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@group"),
    "cooperation:meeting_create": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@group"),
    "cooperation:meeting": Route(PLAN_READ, pk="@meeting"),
    "cooperation:agenda_pull": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@meeting"),
    "cooperation:meeting_update": Route(
        GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@meeting", part="minutes"
    ),
    "cooperation:meeting_file": Route(PLAN_READ, pk="@meeting", fmt="ics"),
    "cooperation:adoption_create": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST),
    "cooperation:adoption_edit": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST, pk="@adoption"),
    "cooperation:wheel": Route(PLAN_READ),
    "cooperation:wheel_svg": Route(PLAN_READ),
    "cooperation:entry_create": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST),
    "cooperation:duty_create": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST),
    "cooperation:obligation_done": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@obligation"),
    "cooperation:obligations_done": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST),
    "cooperation:feed_create": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST),
    "cooperation:feed_revoke": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@feed"),
    "cooperation:remove": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, kind="entry", pk="@entry"),
    "cooperation:contact_feed": Route(GET_NOT_ALLOWED, MOSS_ONLY_POST, pk="@contact"),
    "cooperation:contact_feed_revoke": Route(GET_NOT_ALLOWED, MOSS_ONLY_POST, pk="@contact"),
    "cooperation:feed": Route(TOKEN, token="@feed_token"),
    # many measures at once, their order, responsible names, status by spreadsheet
    "plans:measure_paste": Route(PLAN_EDIT, ("login", 403, 403, 400, 404, 400)),
    "plans:measure_order": Route(PLAN_EDIT),
    "plans:measure_sort": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST),
    "plans:measure_move": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@measure", direction="up"),
    "plans:responsible": Route(PLAN_EDIT, PLAN_EDIT_POST),
    "followup:sheet": Route(PLAN_READ),
    # A contributor uploads status for the measures it is responsible for.
    "followup:sheet_upload": Route(
        ("login", 403, 200, 200, 404, 200), ("login", 403, 400, 400, 404, 400)
    ),
    # the plan check and indicators
    "frameworks:check": Route(PLAN_READ),
    "frameworks:json": Route(PLAN_READ),
    "frameworks:summary": Route(PLAN_READ),
    "frameworks:choose": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST),
    "frameworks:tags": Route(PLAN_EDIT, PLAN_EDIT_POST, framework_id="four-levels"),
    "frameworks:across": Route(EVERYONE),
    "indicators:list": Route(PLAN_READ),
    "indicators:json": Route(PLAN_READ),
    "indicators:section": Route(PLAN_READ),
    "indicators:create": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST),
    "indicators:upload": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST),
    "indicators:edit": Route(PLAN_EDIT, PLAN_EDIT_FORM_POST, pk="@indicator"),
    "indicators:delete": Route(GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@indicator"),
    # An empty value is refused with the form shown again.
    "indicators:value_add": Route(
        GET_NOT_ALLOWED, ("login", 403, 403, 400, 404, 400), pk="@indicator"
    ),
    "indicators:value_delete": Route(
        GET_NOT_ALLOWED, PLAN_EDIT_POST, pk="@indicator", value_pk="@indicator_value"
    ),
    # imports (nothing uploaded yet in this session)
    "imports:upload": Route(DIRECTORY, DIRECTORY_POST),
    "imports:preview": Route(IMPORT_POST),
    "imports:change": Route(IMPORT_GET, IMPORT_POST),
    "imports:switch": Route(IMPORT_GET, IMPORT_POST),
    "imports:create": Route(IMPORT_GET, IMPORT_POST),
    "imports:cancel": Route(IMPORT_GET, IMPORT_POST),
    "imports:reread": Route(IMPORT_GET, IMPORT_POST),
    # every plan a visitor may see, side by side
    "overview:page": Route(EVERYONE),
    # The load balancer's probe: open to all, says only whether the database answers.
    "healthz": Route(EVERYONE),
    # the audit trail
    "audit:plan_history": Route(PLAN_EDIT),
    # accounts; sign-in with an identity provider is off unless configured
    "accounts:oidc_start": Route((404,) * 6),
    "accounts:oidc_callback": Route((404,) * 6),
    "accounts:login": Route(EVERYONE, EVERYONE),
    "accounts:logout": Route((405,) * 6, (302,) * 6),
}


def named_routes():
    """(name, pattern) for every named route of the site, Django's own ones left out."""
    found, unnamed = [], []

    def walk(patterns, namespace, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                space = entry.namespace or namespace
                if entry.namespace and namespace:
                    space = f"{namespace}:{entry.namespace}"
                if space and space.split(":")[0] in EXCLUDED_NAMESPACES:
                    continue
                walk(entry.url_patterns, space, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                if entry.name is None:
                    unnamed.append(prefix + str(entry.pattern))
                    continue
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                if name not in EXCLUDED_NAMES:
                    found.append((name, entry))

    walk(get_resolver().url_patterns, None, "")
    return found, unnamed


def url_kwargs(pattern):
    converters = getattr(pattern.pattern, "converters", {})
    return set(converters) or set(pattern.pattern.regex.groupindex)


@pytest.fixture
def site(world):
    """The conftest world, with one of everything a route can point at."""
    plan, moss = world["plan"], world["moss"]
    kari = Contact.objects.create(
        name="Kari Politi", email="kari@politiet.no", organisation=world["police"]
    )
    sven = Contact.objects.create(name="Sven", email="sven@moss.no", organisation=moss)
    world["other_measure"].responsibilities.update(contact=sven)
    status_round = StatusRound.objects.create(
        plan=plan,
        as_of=datetime.date(2024, 6, 1),
        deadline=datetime.date(2999, 1, 1),
        created_by=world["coordinator"],
    )
    rounds.propose_requests(status_round)
    status_round.state = RoundState.OPEN
    status_round.save()
    request = status_round.requests.get(contact=kari)
    item = request.items.get()
    answer = Answer.objects.create(item=item, state="ongoing", submitted=True)
    group = Group.objects.create(name="Koordineringsgruppe")
    group.plans.add(plan)
    GroupMember.objects.create(group=group, name="Kari", contact=kari)
    start = datetime.datetime(2024, 9, 3, 10, tzinfo=datetime.UTC)
    meeting = Meeting.objects.create(
        group=group, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    agenda = AgendaItem.objects.create(meeting=meeting, title="Status")
    entry = AnnualEntry.objects.create(
        plan=plan, title="Rapport", kind="deadline", starts=datetime.date(2024, 12, 1)
    )
    duty = ReportingDuty.objects.create(
        plan=plan, title="Årsrapport", recurrence="FREQ=YEARLY", starts=datetime.date(2024, 12, 1)
    )
    obligation = Obligation.objects.create(duty=duty, due=datetime.date(2024, 12, 1))
    adoption = Adoption.objects.create(plan=plan, organisation=moss, body="Bystyret")
    report = Report.objects.create(plan=plan, as_of=datetime.date(2024, 6, 1), summary="Utkast")
    feed_token = feeds.new_feed(world["coordinator"], plan=plan)
    invitation = invitations.invite(plan, world["rana"], InvitationKind.OWNER, world["coordinator"])
    indicator = Indicator.objects.create(
        plan=plan, name="Meldinger", baseline_year=2020, baseline_value=4
    )
    value = IndicatorValue.objects.create(indicator=indicator, year=2021, value=5)
    return {
        **world,
        "slug": plan.slug,
        "area": world["area"].pk,
        "measure": world["police_measure"].pk,
        "organisation": moss.pk,
        "contact": sven.pk,
        "invitation": invitation.pk,
        "round": status_round.pk,
        "request": request.pk,
        "item": item.pk,
        "answer": answer.pk,
        "token": rounds.new_token(request),
        "group": group.pk,
        "meeting": meeting.pk,
        "agenda": agenda.pk,
        "entry": entry.pk,
        "obligation": obligation.pk,
        "adoption": adoption.pk,
        "report": report.pk,
        "feed": FeedToken.objects.get(plan=plan).pk,
        "feed_token": feed_token,
        "indicator": indicator.pk,
        "indicator_value": value.pk,
    }


def url_for(name, pattern, site):
    route = ROUTES[name]
    kwargs = {}
    for key in url_kwargs(pattern):
        if key == "slug":
            kwargs[key] = site["slug"]
        elif key in route.args:
            value = route.args[key]
            kwargs[key] = site[value[1:]] if value.startswith("@") else value
        else:
            raise AssertionError(f"{name}: the table does not say how to fill <{key}>")
    return reverse(name, kwargs=kwargs)


def answer_of(client, method, url):
    with transaction.atomic():
        response = client.post(url, {}) if method == "post" else client.get(url)
        transaction.set_rollback(True)
    code = response.status_code
    if code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return code


def test_every_route_is_in_the_table():
    routes, unnamed = named_routes()
    names = {name for name, _pattern in routes}
    missing = sorted(names - set(ROUTES))
    assert not missing, (
        "These routes have no entry in ROUTES of samordna/tests/test_authorisation.py; "
        f"say who may open them: {', '.join(missing)}"
    )
    assert not unnamed, f"Give these routes a name so they can be checked: {unnamed}"
    gone = sorted(set(ROUTES) - names)
    assert not gone, f"ROUTES lists routes that no longer exist: {', '.join(gone)}"


def _unlisted(request):
    raise AssertionError("never called")


# The site's routes and one nobody put in the table, for the test below.
urlpatterns = [
    path("", include("samordna.urls")),
    path("unlisted/", _unlisted, name="unlisted"),
]


@pytest.mark.urls("samordna.tests.test_authorisation")
def test_a_route_missing_from_the_table_fails_the_suite_by_name():
    with pytest.raises(AssertionError, match="say who may open them: unlisted"):
        test_every_route_is_in_the_table()


@pytest.mark.parametrize("who", ACTORS)
def test_every_route_answers_each_actor_as_the_table_says(site, client, who):
    index = ACTORS.index(who)
    if who != "anonymous":
        client.force_login(site[who])
    wrong = []
    routes, _unnamed = named_routes()
    for name, pattern in routes:
        if name not in ROUTES:
            continue  # reported by test_every_route_is_in_the_table
        route = ROUTES[name]
        url = url_for(name, pattern, site)
        for method, expected in (("get", route.get), ("post", route.post)):
            if expected is None:
                continue
            got = answer_of(client, method, url)
            if who != "anonymous" and not client.cookies.get(settings.SESSION_COOKIE_NAME).value:
                client.force_login(site[who])  # logging out (rolled back) ended the session
            if got != expected[index]:
                wrong.append(
                    f"{method.upper()} {name} {url}: expected {expected[index]}, got {got}"
                )
    assert not wrong, f"{who}:\n" + "\n".join(wrong)


def test_the_world_has_what_the_table_assumes(site):
    """The actors really are what ACTORS says (a change to conftest must not go unnoticed)."""
    plan = site["plan"]
    assert not plan.published
    assert list(plan.owners.all()) == [site["moss"]]
    assert site["rana"] not in plan.owners.all()
    assert make_user("nobody").memberships.count() == 0
