"""Import pages: upload a file (or paste text), see and correct what Samordna recognised,
then create the plan in one step — or cancel, and nothing is saved.

The recognised plan lives in the user's session until it is created or cancelled, so the
app needs no tables of its own. Every correction is a small POST form that works without
JavaScript; a revision number guards against a form from an older page.
"""

import copy
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frameworks.check import check_plan
from imports import preview as ops
from imports.errors import UnreadableFile
from imports.forms import (
    AreaForm,
    CreateForm,
    MoveForm,
    RenameForm,
    ResponsibleForm,
    SplitForm,
    UploadForm,
)
from interchange.schema import InvalidPlan
from plans import access, invitations

SESSION_KEY = "imports.preview"


def coordinator_only(view):
    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not access.can_create_plans(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _state(request):
    return request.session.get(SESSION_KEY)


def _save(request, state):
    state["revision"] = state.get("revision", 0) + 1
    request.session[SESSION_KEY] = state
    request.session.modified = True


@coordinator_only
def upload(request):
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        from imports.pipeline import recognise_text, recognise_upload

        try:
            if form.cleaned_data.get("file"):
                upload = form.cleaned_data["file"]
                result = recognise_upload(upload.name, upload.read())
                source = upload.name
            else:
                result = recognise_text(form.cleaned_data["text"])
                source = _("pasted text")
        except UnreadableFile as error:
            form.add_error(None, str(error))
        else:
            _save(
                request,
                {
                    "document": result.document,
                    "confidence": result.confidence,
                    "notes": result.notes,
                    "others": [list(pair) for pair in result.others],
                    "readings": [
                        [r["key"], r["count"], r["document"], r["confidence"]]
                        for r in result.readings
                    ],
                    "reading": result.readings[0]["key"] if result.readings else "",
                    "source": source,
                },
            )
            return redirect("imports:preview")
    return render(request, "imports/upload.html", {"form": form, "pending": _state(request)})


@coordinator_only
def preview(request):
    state = _state(request)
    if state is None:
        messages.info(request, _("There is no import in progress; choose a file first."))
        return redirect("imports:upload")
    return render(request, "imports/preview.html", _context(request, state))


def _context(request, state, create_form=None):
    document, confidence = state["document"], state["confidence"]
    areas = document["areas"]
    rows = []
    for key, measure, measure_confidence, area in ops.measures_of(document, confidence):
        points = ops.split_points(measure)
        rows.append(
            {
                "key": key,
                "area": area,
                "measure": measure,
                "sure": {f: ops.certainty(measure_confidence.get(f)) for f in measure_confidence},
                "responsible_text": ops.responsible_text(measure),
                "state_label": _state_label(measure),
                "rename": RenameForm(
                    initial={"title": measure["title"], "description": measure.get("description")},
                    prefix=f"r{key}",
                ),
                "responsible": ResponsibleForm(
                    initial={"responsible": ops.responsible_text(measure)}, prefix=f"p{key}"
                ),
                "move": MoveForm(initial={"area": area}, areas=areas, prefix=f"m{key}"),
                "split": SplitForm(points=points, prefix=f"s{key}") if len(points) > 1 else None,
            }
        )
    sections = [{"index": -1, "area": None, "rows": [r for r in rows if r["area"] == -1]}]
    for index, area in enumerate(areas):
        sections.append(
            {
                "index": index,
                "area": area,
                "rename": AreaForm(initial={"title": area["title"]}, prefix=f"a{index}"),
                "sure": ops.certainty(_area_confidence(confidence, index)),
                "rows": [r for r in rows if r["area"] == index],
            }
        )
    return {
        "state": state,
        "document": document,
        "plan_sure": {
            k: ops.certainty(v) for k, v in confidence.items() if isinstance(v, (int, float))
        },
        "sections": sections,
        "count": len(rows),
        "others": [
            {
                "index": i,
                "title": doc.get("title"),
                "kind": doc.get("kind"),
                "areas": len(doc.get("areas") or []),
                "measures": sum(1 for _ in ops.measures_of(doc, copy.deepcopy(conf))),
            }
            for i, (doc, conf) in enumerate(state.get("others") or [])
        ],
        "create_form": create_form or _create_form(request, state),
        "language_name": ops.language_name(document.get("language")),
        "period": ops.period_dates(document.get("period")),
        "readings": [
            {"key": key, "label": ops.reading_label(key), "count": count}
            for key, count, _doc, _conf in state.get("readings") or []
            if key != state.get("reading")
        ],
        "reading_label": ops.reading_label(state["reading"]) if state.get("reading") else "",
    }


def _state_label(measure):
    from followup.models import State

    state = (measure.get("status") or {}).get("state")
    return State(state).label if state in State.values else ""


def _area_confidence(confidence, index):
    areas = confidence.get("areas") or []
    return areas[index].get("title") if index < len(areas) else None


def _create_form(request, state, data=None):
    organisations = access.coordinated_organisations(request.user).order_by("name")
    document = state["document"]
    named = {name.lower() for name in document.get("owners") or []}
    known = {o.name.lower() for o in organisations}
    initial = {
        "title": document.get("title"),
        "owners": [o.pk for o in organisations if o.name.lower() in named],
        "other_owners": "\n".join(
            n for n in document.get("owners") or [] if n.lower() not in known
        ),
    }
    return CreateForm(
        data,
        initial=initial,
        organisations=organisations,
        needs_date=ops.missing_status_dates(document),
    )


def _current(request):
    """The session's import, or None (with a message) when it is gone or out of date."""
    state = _state(request)
    if state is None:
        messages.error(request, _("There is no import in progress; nothing was changed."))
        return None
    if str(state.get("revision")) != request.POST.get("revision", ""):
        messages.error(
            request,
            _(
                "The preview changed in the meantime (another tab?); look again and repeat the change."
            ),
        )
        return None
    return state


@coordinator_only
@require_POST
def change(request):
    state = _current(request)
    if state is None:
        return redirect("imports:preview")
    document, confidence = state["document"], state["confidence"]
    action, key = request.POST.get("action"), request.POST.get("key", "")
    try:
        message = _apply(request, action, key, document, confidence)
    except (ops.NoSuchMeasure, ValueError) as error:
        messages.error(request, _("That change could not be made; the preview is unchanged."))
        for problem in getattr(error, "problems", ()):
            messages.error(request, problem)
        return redirect("imports:preview")
    _save(request, state)
    messages.success(request, message)
    return redirect(reverse("imports:preview") + "#measures")


class InvalidChange(ValueError):
    """A correction form that does not validate; `problems` are its messages."""

    def __init__(self, form):
        super().__init__("invalid form")
        self.problems = [e for errors in form.errors.values() for e in errors]


def _cleaned(form):
    if not form.is_valid():
        raise InvalidChange(form)
    return form.cleaned_data


def _apply(request, action, key, document, confidence):
    post = request.POST
    if action == "rename":
        data = _cleaned(RenameForm(post, prefix=f"r{key}"))
        ops.rename(document, confidence, key, data["title"], data["description"])
        return _("The measure was renamed.")
    if action == "responsible":
        data = _cleaned(ResponsibleForm(post, prefix=f"p{key}"))
        ops.set_responsible(document, confidence, key, data["responsible"])
        return _("The responsible were changed.")
    if action == "move":
        data = _cleaned(MoveForm(post, areas=document["areas"], prefix=f"m{key}"))
        ops.move(document, confidence, key, data["area"])
        return _("The measure was moved.")
    if action == "merge":
        ops.merge_with_next(document, confidence, key)
        return _("The measure and the one after it were merged.")
    if action == "split":
        measures, _c, index = ops.locate(document, confidence, key)
        data = _cleaned(SplitForm(post, points=ops.split_points(measures[index]), prefix=f"s{key}"))
        ops.split(document, confidence, key, data["at"])
        return _("The measure was split in two.")
    if action == "remove":
        ops.remove(document, confidence, key)
        return _("The measure was removed from the import.")
    if action == "rename_area":
        area = int(post.get("area", "-2"))
        data = _cleaned(AreaForm(post, prefix=f"a{area}"))
        ops.rename_area(document, confidence, area, data["title"])
        return _("The area was renamed.")
    raise ValueError(action)


@coordinator_only
@require_POST
def switch(request):
    """Show another plan found in the same file instead (a strategy and its action plan)."""
    state = _current(request)
    if state is None:
        return redirect("imports:preview")
    try:
        index = int(request.POST.get("other", ""))
        other = state["others"][index]
    except (ValueError, IndexError):
        messages.error(request, _("That plan is not in this file."))
        return redirect("imports:preview")
    state["others"][index] = [state["document"], state["confidence"]]
    state["document"], state["confidence"] = other
    _save(request, state)
    messages.success(request, _("Now showing the other plan from the file."))
    return redirect("imports:preview")


@coordinator_only
@require_POST
def reread(request):
    """Read the file again with another choice of what the measures are (the bullets, the
    numbered items, the headings at a level, the table rows). Corrections made to the
    current reading are not carried over: the preview says so before the button."""
    state = _current(request)
    if state is None:
        return redirect("imports:preview")
    key = request.POST.get("reading", "")
    chosen = next((r for r in state.get("readings") or [] if r[0] == key), None)
    if chosen is None:
        messages.error(request, _("That reading is not offered for this file."))
        return redirect("imports:preview")
    groups = state["document"].get("groups") or []
    state["document"], state["confidence"] = copy.deepcopy(chosen[2]), copy.deepcopy(chosen[3])
    state["document"]["groups"] = groups
    state["confidence"]["groups"] = [0.6 for _ in groups]
    state["reading"] = key
    _save(request, state)
    messages.success(
        request, _("Read again: the measures are now %(what)s.") % {"what": ops.reading_label(key)}
    )
    return redirect(reverse("imports:preview") + "#measures")


@coordinator_only
@require_POST
def create(request):
    """Create the plan in one transaction: all of it, or nothing."""
    from interchange.load import load_plan

    state = _current(request)
    if state is None:
        return redirect("imports:preview")
    form = _create_form(request, state, request.POST)
    if not form.is_valid():
        messages.error(request, _("The plan was not created; see the problems below."))
        return render(request, "imports/preview.html", _context(request, state, form), status=400)
    document = copy.deepcopy(state["document"])
    data = form.cleaned_data
    document["title"] = data["title"]
    owners = [o.name for o in data["owners"]]
    for line in (data.get("other_owners") or "").splitlines():
        if line.strip() and line.strip().lower() not in {o.lower() for o in owners}:
            owners.append(line.strip())
    document["owners"] = owners
    if data.get("status_as_of"):
        ops.date_statuses(document, data["status_as_of"].isoformat())
    try:
        with transaction.atomic():
            plan = load_plan(
                document,
                slug=data.get("slug") or None,
                user=request.user,
                published=data["published"],
            )
    except InvalidPlan as error:
        for problem in error.errors:
            form.add_error(None, problem)
        messages.error(request, _("The plan was not created; nothing was saved."))
        return render(request, "imports/preview.html", _context(request, state, form), status=400)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("The plan “%(title)s” was created with %(count)d measures.")
        % {"title": plan.title, "count": plan.measures.count()},
    )
    # The plan is checked at once, so its coordinator sees what it lacks from the start.
    summary = check_plan(plan)["summary"]
    messages.info(
        request,
        _(
            "Samordna checked the plan against its frameworks: %(met)d met, %(partly)d partly "
            "met, %(missing)d missing. The plan check on the plan's page says what is missing."
        )
        % summary,
    )
    # Existing organisations named as owners or responsible are asked first.
    invitations.say_invited(request, invitations.pending(plan))
    return redirect(plan)


@coordinator_only
@require_POST
def cancel(request):
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("The import was cancelled; nothing was saved."))
    return redirect("plans:list")
