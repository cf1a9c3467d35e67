"""Validation of samordna/plan@1 documents, with messages that say where and what is wrong.

Validation happens before anything touches the database, so a bad file changes nothing.
"""

import datetime

from django.utils.translation import gettext as _

from samordna.cleaning import date_problem, text_problem

SCHEMA = "samordna/plan@1"
PLAN_KINDS = ("strategy", "action_plan")
LANGUAGES = ("nb", "nn", "sv", "da", "en")
MEASURE_KINDS = ("existing", "proposed")
TIMINGS = ("continuous", "temporary")
PREVENTION_LEVELS = ("universal", "selective", "indicated")
STATES = ("done", "ongoing", "not_started", "unclear", "discontinued")
NOTES = ("no_answer", "sent_back")  # followup.models.Note: texts Samordna writes itself
ADOPTION_STATES = ("pending", "adopted", "declined")
GROUP_LEVELS = ("strategic", "coordinating", "operational")
# Goal areas nest a few levels in real plans; far deeper nesting is a broken or hostile file.
MAX_DEPTH = 12


class InvalidPlan(Exception):
    """A plan document that cannot be imported; `errors` lists every problem found."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


class _Checker:
    def __init__(self):
        self.errors = []

    def fail(self, path, message):
        self.errors.append(f"{path}: {message}" if path else message)

    def obj(self, value, path):
        if not isinstance(value, dict):
            self.fail(path, _("must be an object"))
            return {}
        return value

    def text(self, parent, key, path, required=False, longest=None):
        value = parent.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", _("is required"))
            return
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", _("must be text"))
        elif text_problem(value):
            self.fail(f"{path}.{key}", text_problem(value))
        elif required and not value.strip():
            self.fail(f"{path}.{key}", _("must not be empty"))
        elif longest and len(value.strip()) > longest:
            self.fail(
                f"{path}.{key}",
                _("is %(length)s characters long; at most %(longest)s fit")
                % {"length": len(value.strip()), "longest": longest},
            )

    def texts(self, parent, key, path, longest=None):
        value = parent.get(key)
        if value is None:
            return
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"{path}.{key}", _("must be a list of texts"))
        elif any(text_problem(v) for v in value):
            self.fail(f"{path}.{key}", text_problem("\0"))
        elif longest and any(len(v.strip()) > longest for v in value):
            self.fail(
                f"{path}.{key}",
                _("holds a text longer than %(longest)s characters") % {"longest": longest},
            )

    def choice(self, parent, key, path, choices):
        value = parent.get(key)
        if value is not None and (not isinstance(value, str) or value not in choices):
            self.fail(
                f"{path}.{key}",
                _("“%(value)s” is not one of: %(choices)s")
                % {"value": value, "choices": ", ".join(choices)},
            )

    def date(self, parent, key, path):
        value = parent.get(key)
        if value is None:
            return None
        try:
            day = datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(
                f"{path}.{key}",
                _("“%(value)s” is not a date in the form YYYY-MM-DD") % {"value": str(value)[:40]},
            )
            return None
        if date_problem(day):
            self.fail(f"{path}.{key}", date_problem(day))
            return None
        return day

    def period(self, value, path):
        period = self.obj(value, path)
        start = self.date(period, "start", path)
        end = self.date(period, "end", path)
        if start and end and end < start:
            self.fail(path, _("ends before it starts"))

    def status(self, value, path):
        status = self.obj(value, path)
        if self.date(status, "as_of", path) is None and not status.get("as_of"):
            self.fail(f"{path}.as_of", _("is required"))
        if status.get("state") is None:
            self.fail(f"{path}.state", _("is required"))
        self.choice(status, "state", path, STATES)
        for key in ("done", "remaining"):
            self.text(status, key, path)
        self.choice(status, "note", path, NOTES)
        for key in ("scope", "author"):
            self.text(status, key, path, longest=200)
        if "generated" in status and not isinstance(status["generated"], bool):
            self.fail(f"{path}.generated", _("must be true or false"))

    def measure(self, value, path):
        measure = self.obj(value, path)
        self.text(measure, "title", path, required=True, longest=500)
        self.text(measure, "number", path, longest=20)
        self.text(measure, "description", path)
        self.text(measure, "timing_text", path, longest=200)
        for key in ("partners", "target_groups", "refs", "scopes"):
            self.texts(measure, key, path)
        self.choice(measure, "kind", path, MEASURE_KINDS)
        self.choice(measure, "prevention_level", path, PREVENTION_LEVELS)
        responsible = measure.get("responsible") or []
        if not isinstance(responsible, list):
            self.fail(f"{path}.responsible", _("must be a list"))
            responsible = []
        for i, entry in enumerate(responsible):
            if isinstance(entry, dict):
                self.text(entry, "name", f"{path}.responsible[{i}]", required=True, longest=300)
                self.text(entry, "phase", f"{path}.responsible[{i}]", longest=200)
                self.text(entry, "organisation", f"{path}.responsible[{i}]", longest=200)
            elif not isinstance(entry, str) or not entry.strip():
                self.fail(f"{path}.responsible[{i}]", _("must be a name or a phase and name"))
            elif text_problem(entry):
                self.fail(f"{path}.responsible[{i}]", text_problem(entry))
            elif len(entry) > 300:
                self.fail(
                    f"{path}.responsible[{i}]", _("is too long for a name (at most 300 characters)")
                )
        timing = measure.get("timing")
        if isinstance(timing, dict):
            self.period(timing, f"{path}.timing")
        elif timing is not None and timing not in TIMINGS:
            self.fail(
                f"{path}.timing",
                _("must be continuous, temporary, a period with start and end, or null"),
            )
        if measure.get("status") is not None:
            self.status(measure["status"], f"{path}.status")
        history = measure.get("history") or []
        if not isinstance(history, list):
            self.fail(f"{path}.history", _("must be a list"))
            history = []
        for i, entry in enumerate(history):
            self.status(entry, f"{path}.history[{i}]")

    def area(self, value, path, depth=1):
        if depth > MAX_DEPTH:
            self.fail(path, _("goal areas nest deeper than %(most)s levels") % {"most": MAX_DEPTH})
            return
        area = self.obj(value, path)
        self.text(area, "title", path, required=True, longest=300)
        self.text(area, "number", path, longest=20)
        self.text(area, "description", path)
        self.texts(area, "development", path)
        self.children(area, path, depth)

    def children(self, parent, path, depth=0):
        for key in ("areas", "measures"):
            items = parent.get(key) or []
            if not isinstance(items, list):
                self.fail(f"{path}.{key}" if path else key, _("must be a list"))
                continue
            for i, item in enumerate(items):
                where = f"{path}.{key}[{i}]" if path else f"{key}[{i}]"
                if key == "areas":
                    self.area(item, where, depth + 1)
                else:
                    self.measure(item, where)

    def adoption(self, value, path):
        adoption = self.obj(value, path)
        self.text(adoption, "organisation", path, required=True, longest=200)
        for key in ("body", "reference"):
            self.text(adoption, key, path, longest=200)
        self.date(adoption, "date", path)
        self.date(adoption, "deadline", path)
        self.choice(adoption, "state", path, ADOPTION_STATES)

    def group(self, value, path):
        group = self.obj(value, path)
        self.text(group, "name", path, required=True, longest=200)
        self.choice(group, "level", path, GROUP_LEVELS)
        self.texts(group, "members", path, longest=300)
        self.text(group, "mandate", path)
        self.text(group, "cadence", path, longest=300)
        for key in ("chair", "secretary", "convener", "reports_to"):
            self.text(group, key, path, longest=200)


def validate(document):
    """Raise InvalidPlan listing every problem in `document`; return it unchanged if fine."""
    check = _Checker()
    if not isinstance(document, dict):
        raise InvalidPlan([_("The file does not hold a plan (expected a JSON object).")])
    if document.get("schema") != SCHEMA:
        check.fail(
            "schema",
            _("must be “%(schema)s”, the format Samordna reads") % {"schema": SCHEMA},
        )
    check.text(document, "title", "", required=True, longest=300)
    check.choice(document, "kind", "", PLAN_KINDS)
    check.choice(document, "language", "", LANGUAGES)
    check.texts(document, "owners", "", longest=200)
    check.texts(document, "goals", "")
    check.texts(document, "target_groups", "")
    for key in ("vision", "purpose", "parent", "note"):
        check.text(document, key, "")
    if document.get("period") is not None:
        check.period(document["period"], "period")
    for key, item_check in (("adopted", check.adoption), ("groups", check.group)):
        items = document.get(key) or []
        if not isinstance(items, list):
            check.fail(key, _("must be a list"))
            continue
        for i, item in enumerate(items):
            item_check(item, f"{key}[{i}]")
    check.children(document, "")
    # Errors from nested paths start with a dot when the parent path is empty.
    errors = [e[1:] if e.startswith(".") else e for e in check.errors]
    if errors:
        raise InvalidPlan(errors)
    return document
