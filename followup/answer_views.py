"""The page a contact opens from their personal link: their measures, without an account."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from followup import rounds
from followup.models import RoundState, State
from followup.status import status_as_of
from plans.forms import NO_CASES
from plans.ordering import measures_in_order
from samordna.addresses import client_address as _client_address
from samordna.cleaning import text_problem

# A submitted answer can still be corrected until the coordinator has accepted it.
EDITABLE = {
    rounds.ItemStatus.NOT_ANSWERED,
    rounds.ItemStatus.DRAFT,
    rounds.ItemStatus.SUBMITTED,
    rounds.ItemStatus.RETURNED,
}


@never_cache
def answer_link(request, token):
    # The link is looked up first: a working link always works, so that wrong links
    # opened from a shared address (a municipality's network) cannot lock others out.
    status_request, problem = rounds.request_for_token(token)
    if problem:
        address = _client_address(request)
        if rounds.too_many_guesses(address):
            return render(
                request, "followup/link_problem.html", {"problem": "guessing"}, status=429
            )
        rounds.note_failed_attempt(address)
        return render(request, "followup/link_problem.html", {"problem": problem}, status=404)
    if request.method == "GET":
        rounds.note_opened(status_request)
    # The page speaks the contact's language, as their e-mail did, unless they have chosen
    # another with the language switcher (which sets the language cookie).
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen not in dict(settings.LANGUAGES):
        chosen = status_request.contact.language
    with translation.override(chosen):
        response = answer_form_page(request, status_request)
    response.headers.setdefault("Content-Language", chosen)
    return response


def _rows(status_request, entered_by):
    status_round = status_request.round
    items = list(
        status_request.items.select_related("measure__plan").prefetch_related(
            "measure__responsibilities"
        )
    )
    rank = {
        m.pk: i
        for i, m in enumerate(measures_in_order(status_round.plan, [i.measure for i in items]))
    }
    items.sort(key=lambda item: (rank[item.measure_id], item.scope))
    latest = rounds.latest_answers(items)
    current = status_as_of(status_round.plan, timezone.localdate(), [i.measure for i in items])
    rows = []
    for item in items:
        answer = latest.get(item.pk)
        status = rounds.item_status(answer)
        known = current[item.measure_id]
        if item.scope and item.scope in known.scopes:
            known = known.scopes[item.scope]
        # A contact's draft is theirs: a coordinator entering on their behalf starts afresh.
        shown = answer
        if entered_by and answer and not answer.submitted and not answer.entered_by_id:
            shown = None
        review = getattr(answer, "review", None) if answer else None
        rows.append(
            {
                "item": item,
                "status": status,
                "answer": shown,
                "known": known,
                "returned_comment": review.comment if review and not review.accepted else "",
                "editable": status in EDITABLE and status_round.state == RoundState.OPEN,
                "seen": answer.pk if answer else 0,
                "values": {
                    "state": shown.state if shown else "",
                    "done": shown.done if shown else "",
                    "remaining": shown.remaining if shown else "",
                },
            }
        )
    return rows


def answer_form_page(request, status_request, entered_by=None):
    status_round = status_request.round
    rows = _rows(status_request, entered_by)
    errors = {}
    if request.method == "POST" and status_round.state == RoundState.OPEN:
        submit = request.POST.get("action") == "submit"
        answers, stale, locked = {}, False, []
        for row in rows:
            pk = row["item"].pk
            state = request.POST.get(f"state_{pk}", "")
            done = request.POST.get(f"done_{pk}", "").strip()
            remaining = request.POST.get(f"remaining_{pk}", "").strip()
            if not (state or done or remaining):
                continue
            # An accepted answer is final: the form no longer offers it, and a posted one
            # (a form left open, or crafted) must not add a status behind the review.
            if not row["editable"]:
                locked.append(str(row["item"].measure))
                continue
            if state not in State.values:
                errors[pk] = _("Choose a state for this measure.")
                continue
            if problem := text_problem(done) or text_problem(remaining):
                errors[pk] = problem
                continue
            answers[row["item"]] = (state, done, remaining)
            if str(row["seen"]) != request.POST.get(f"seen_{pk}", ""):
                stale = True
        if errors:
            for row in rows:  # keep what was typed
                pk = row["item"].pk
                row["values"] = {
                    key: request.POST.get(f"{key}_{pk}", "")
                    for key in ("state", "done", "remaining")
                }
                row["error"] = errors.get(pk, "")
            messages.error(
                request, _("Nothing was saved. Correct the measures marked below and send again.")
            )
        elif not answers and locked:
            messages.error(
                request,
                _("The answer on %(measures)s was accepted already and cannot be changed here.")
                % {"measures": ", ".join(locked)},
            )
        elif not answers:
            messages.error(request, _("Nothing to save: give a state for at least one measure."))
        else:
            rounds.save_answers(status_request, answers, submit, entered_by=entered_by)
            if locked:
                messages.warning(
                    request,
                    _("The answer on %(measures)s was accepted already and cannot be changed here.")
                    % {"measures": ", ".join(locked)},
                )
            if stale:
                messages.warning(
                    request,
                    _(
                        "Someone else answered here while you were writing. Both answers are kept; the newest counts."
                    ),
                )
            if submit:
                messages.success(request, _("Thank you! Your answers were submitted."))
            else:
                messages.success(
                    request,
                    _("Your answers were saved as a draft. Submit them when you are ready."),
                )
            return redirect(request.get_full_path())
    return render(
        request,
        "followup/answer_page.html",
        {
            "round": status_round,
            "plan": status_round.plan,
            "contact": status_request.contact,
            "rows": rows,
            "errors": errors,
            "entered_by": entered_by,
            "open": status_round.state == RoundState.OPEN,
            "states": State.choices,
            "no_cases": NO_CASES,
        },
        status=400 if errors else 200,
    )
