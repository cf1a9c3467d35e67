"""A plan's audit trail: the changes to it and everything belonging to it, newest first.

One function builds the trail for the history page and the `samordna audit` command alike.
"""

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from audit.registry import plan_tag

ACTIONS = {
    LogEntry.Action.CREATE: "create",
    LogEntry.Action.UPDATE: "update",
    LogEntry.Action.DELETE: "delete",
}


def plan_trail(plan, since=None):
    """The plan's log entries (created on or after the date `since`), newest first."""
    # icontains, not contains: on a JSON key the latter means JSON containment, which
    # SQLite lacks; the tag holds only digits and bars, so case does not matter.
    entries = LogEntry.objects.filter(additional_data__plans__icontains=plan_tag(plan.pk))
    if since is not None:
        entries = entries.filter(timestamp__date__gte=since)
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


def action_label(entry):
    return {
        "create": _("created"),
        "update": _("changed"),
        "delete": _("deleted"),
    }.get(ACTIONS.get(entry.action), "")


def model_label(entry):
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name) if model else entry.content_type.model


def _show(field, value):
    """A stored value as a reader wants it: choices by their label, nothing as “–”."""
    if value is None or value == "" or value == []:
        return "–"
    if field is not None and field.choices:
        for key, label in field.flatchoices:
            if str(key) == str(value):
                return str(label)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def field_changes(entry):
    """[(field name, label, before, after)] of one entry, in the model's field order."""
    model = entry.content_type.model_class()
    rows = []
    for name, change in (entry.changes or {}).items():
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = capfirst(str(getattr(field, "verbose_name", name)))
        if isinstance(change, dict) and change.get("type") == "m2m":
            objects = "; ".join(change.get("objects", []))
            before, after = ("–", objects) if change.get("operation") == "add" else (objects, "–")
            rows.append((name, label, before, after))
            continue
        before, after = _show(field, change[0]), _show(field, change[1])
        if before != after:  # a new object's empty fields ("" after nothing) say nothing
            rows.append((name, label, before, after))
    return rows


def actor_name(entry):
    if entry.actor is not None:
        return entry.actor.get_username()
    return entry.actor_email or ""


def entry_as_dict(entry):
    """One entry as the JSON of `samordna audit`: raw values before and after."""
    changes = {}
    for name, change in (entry.changes or {}).items():
        if isinstance(change, dict):
            changes[name] = change
        else:
            changes[name] = {"before": change[0], "after": change[1]}
    return {
        "at": timezone.localtime(entry.timestamp).isoformat(),
        "actor": actor_name(entry) or None,
        "action": ACTIONS.get(entry.action, str(entry.action)),
        "model": entry.content_type.model,
        "object_id": entry.object_id,
        "object": entry.object_repr,
        "changes": changes,
    }


def entry_as_text(entry):
    who = actor_name(entry) or _("(no user)")
    at = timezone.localtime(entry.timestamp)
    head = f"{at:%Y-%m-%d %H:%M:%S} {who} {action_label(entry)} {model_label(entry)} “{entry.object_repr}”"
    lines = [head]
    for _name, label, before, after in field_changes(entry):
        lines.append(f"    {label}: {before} → {after}")
    return "\n".join(lines)
