"""The named structure checks a framework file can use, each a plain function of a plan's facts.

A check returns (result, evidence, fix): result is "met", "partly" or "missing"; evidence is a
list of short texts in the reader's language; fix names where to put it right (a URL name and
its arguments, or None).
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MET, PARTLY, MISSING = "met", "partly", "missing"
SHOWN = 8  # measures named in evidence before the rest are only counted
LONGEST = 100  # characters of a measure's title in evidence


def short(obj):
    text = str(obj)
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def _date(value):
    return date_format(value, "SHORT_DATE_FORMAT")


def named_list(objects):
    """The first SHOWN objects by name, then how many more there are."""
    names = [short(o) for o in objects[:SHOWN]]
    if len(objects) > SHOWN:
        names.append(
            ngettext("and %(count)d more", "and %(count)d more", len(objects) - SHOWN)
            % {"count": len(objects) - SHOWN}
        )
    return names


def no_measures(facts):
    """A plan without measures: a strategy's are in its action plans, others lack them."""
    if facts.plan.kind == "strategy":
        return PARTLY, [_("A strategy: its measures are in the action plans under it.")], None
    return (
        MISSING,
        [_("The plan has no measures yet.")],
        ("plans:measure_create", [facts.plan.slug]),
    )


def _share(facts, lacking, what_all, what_some, what_none, fix):
    total = len(facts.measures)
    if not total:
        return no_measures(facts)
    if not lacking:
        return MET, [what_all % {"count": total}], None
    have = total - len(lacking)
    if not have:
        return MISSING, [what_none % {"count": total}], fix
    return PARTLY, [what_some % {"have": have, "count": total}, *named_list(lacking)], fix


def adopted(facts):
    decided = [a for a in facts.adoptions if a.state == "adopted"]
    pending = [a for a in facts.adoptions if a.state == "pending"]
    fix = ("cooperation:adoption_create", [facts.plan.slug])

    def describe(a):
        parts = [a.organisation.name, a.body, _date(a.date) if a.date else "", a.reference]
        return ", ".join(p for p in parts if p)

    if decided:
        return MET, [_("Adopted: %(what)s") % {"what": describe(a)} for a in decided], None
    if pending:
        return (
            PARTLY,
            [_("Awaiting decision: %(what)s") % {"what": describe(a)} for a in pending],
            fix,
        )
    return MISSING, [_("No adoption is recorded for this plan.")], fix


def measure_responsible(facts):
    lacking = [m for m in facts.measures if not facts.responsible_count.get(m.pk)]
    return _share(
        facts,
        lacking,
        _("All %(count)d measures have someone responsible."),
        _("%(have)d of %(count)d measures have someone responsible; these lack one:"),
        _("None of the %(count)d measures has anyone responsible."),
        ("plans:measure_edit", [facts.plan.slug, lacking[0].pk]) if lacking else None,
    )


def has_deadline(measure):
    # A timing written in words ("vecka 47", "slutet av mars årligen") counts: it says when.
    return bool(measure.timing_end or measure.timing_text) or measure.timing == "continuous"


def measure_deadline(facts):
    lacking = [m for m in facts.measures if not has_deadline(m)]
    return _share(
        facts,
        lacking,
        _("All %(count)d measures have a deadline or are continuous."),
        _("%(have)d of %(count)d measures have a deadline; these lack one:"),
        _("None of the %(count)d measures has a deadline."),
        ("plans:measure_edit", [facts.plan.slug, lacking[0].pk]) if lacking else None,
    )


def status_recent(facts):
    since = facts.today - datetime.timedelta(days=365)
    fix = ("followup:rounds", [facts.plan.slug])
    if not facts.measures:
        return no_measures(facts)
    latest = [d for d in facts.last_status.values() if d]
    if not latest:
        return MISSING, [_("No status has been reported for any measure.")], fix
    recent = [
        m for m in facts.measures if (facts.last_status.get(m.pk) or datetime.date.min) >= since
    ]
    newest = _("Latest status: %(date)s.") % {"date": _date(max(latest))}
    if len(recent) == len(facts.measures):
        return MET, [_("Every measure has a status from the last 12 months."), newest], None
    if recent:
        return (
            PARTLY,
            [
                _("%(have)d of %(count)d measures have a status from the last 12 months.")
                % {"have": len(recent), "count": len(facts.measures)},
                newest,
            ],
            fix,
        )
    return MISSING, [_("No status from the last 12 months."), newest], fix


def reporting_duty(facts):
    fix = ("cooperation:duty_create", [facts.plan.slug])
    political = [d for d in facts.duties if d.to_group and d.to_group.level == "strategic"]
    if political:
        return (
            MET,
            [
                _("%(what)s, to %(group)s") % {"what": d.title, "group": d.to_group.name}
                for d in political
            ],
            None,
        )
    if facts.duties:
        return (
            PARTLY,
            [
                _("%(what)s, but not to a political or strategic body") % {"what": d.title}
                for d in facts.duties
            ],
            fix,
        )
    reporting = [g for g in facts.groups if g.reports_to]
    if reporting:
        return (
            PARTLY,
            [
                _("%(group)s reports to %(to)s, but no dated reporting duty is recorded")
                % {"group": g.name, "to": g.reports_to}
                for g in reporting
            ],
            fix,
        )
    return MISSING, [_("No reporting duty is recorded.")], fix


def revision_date(facts):
    if facts.plan.period_end:
        return MET, [_("The period ends %(date)s.") % {"date": _date(facts.plan.period_end)}], None
    return (
        MISSING,
        [_("The plan has no end date, so no date for its revision.")],
        (
            "plans:edit",
            [facts.plan.slug],
        ),
    )


def anchored(facts):
    result, evidence, fix = adopted(facts)
    if result == MET:
        return result, evidence, fix
    strategic = [g for g in facts.groups if g.level == "strategic"]
    if strategic:
        return MET, [_("Strategic group: %(group)s") % {"group": g.name} for g in strategic], None
    return result, evidence, fix


def over_years(facts):
    plan = facts.plan
    continuous = [m for m in facts.measures if m.timing == "continuous"]
    if plan.period_start and plan.period_end:
        years = (plan.period_end - plan.period_start).days / 365.25
        if years >= 1.9:
            return MET, [_("The period runs %(years)d years.") % {"years": round(years)}], None
    if continuous:
        return (
            MET,
            [
                ngettext(
                    "%(count)d measure is continuous.",
                    "%(count)d measures are continuous.",
                    len(continuous),
                )
                % {"count": len(continuous)}
            ],
            None,
        )
    if plan.parent_id:
        return PARTLY, [_("An annual plan under a longer strategy.")], None
    return (
        MISSING,
        [_("The period is shorter than two years or not given.")],
        ("plans:edit", [plan.slug]),
    )


def purpose(facts):
    if facts.plan.purpose or facts.plan.vision:
        text = facts.plan.purpose or facts.plan.vision
        return MET, [text[:160] + ("…" if len(text) > 160 else "")], None
    if facts.plan.goals:
        return (
            PARTLY,
            [_("Goals are listed, but no purpose is written.")],
            ("plans:edit", [facts.plan.slug]),
        )
    return MISSING, [_("No purpose or vision is written.")], ("plans:edit", [facts.plan.slug])


def period(facts):
    plan = facts.plan
    if plan.period_start and plan.period_end:
        return MET, [f"{_date(plan.period_start)} – {_date(plan.period_end)}"], None
    if plan.period_start or plan.period_end:
        return PARTLY, [_("Only one end of the period is given.")], ("plans:edit", [plan.slug])
    return MISSING, [_("No period is given.")], ("plans:edit", [plan.slug])


def group_mandate(facts):
    fix = ("cooperation:structure", [facts.plan.slug])
    with_mandate = [g for g in facts.groups if g.mandate]
    if with_mandate:
        return MET, [_("Mandate of %(group)s") % {"group": g.name} for g in with_mandate], None
    if facts.groups:
        return PARTLY, [_("Groups are recorded, but none has a mandate.")], fix
    return MISSING, [_("No group with a mandate is recorded.")], fix


def working_group(facts):
    if facts.groups:
        return MET, [g.name for g in facts.groups], None
    return MISSING, [_("No group is recorded.")], ("cooperation:group_create", [facts.plan.slug])


SITUATION_WORDS = (
    "kartlegg",
    "lägesbild",
    "ungdata",
    "ungdomsundersøk",
    "situasjon",
    "nøkkeltall",
    "statistik",
)


def situation_mapping(facts):
    if facts.indicator_names:
        return (
            MET,
            [_("Indicator: %(name)s") % {"name": n} for n in facts.indicator_names[:SHOWN]],
            None,
        )
    texts = [facts.plan.purpose, facts.plan.vision] + [a.description for a in facts.areas]
    found = [t for t in texts if t and any(w in t.casefold() for w in SITUATION_WORDS)]
    fix = ("indicators:list", [facts.plan.slug])
    if found:
        return (
            PARTLY,
            [
                _("The plan describes the situation in words, but records no figures to follow."),
            ],
            fix,
        )
    return MISSING, [_("No mapping of the situation is recorded.")], fix


def areas(facts):
    top = [a for a in facts.areas if a.parent_id is None]
    if top:
        return MET, named_list(top), None
    return MISSING, [_("The plan has no goal areas.")], ("plans:area_create", [facts.plan.slug])


def follow_up(facts):
    fix = ("followup:rounds", [facts.plan.slug])
    if facts.round_count or facts.duties:
        evidence = []
        if facts.round_count:
            evidence.append(
                ngettext("%(count)d status round", "%(count)d status rounds", facts.round_count)
                % {"count": facts.round_count}
            )
        evidence += [d.title for d in facts.duties]
        return MET, evidence, None
    if facts.last_status:
        return (
            PARTLY,
            [_("Status is written, but no status round or reporting duty is planned.")],
            fix,
        )
    return MISSING, [_("No follow-up is planned.")], fix


def _level_group(level, label):
    def check(facts):
        found = [g for g in facts.groups if g.level == level]
        if found:
            return MET, [g.name for g in found], None
        return MISSING, [label()], ("cooperation:group_create", [facts.plan.slug])

    return check


COORDINATOR_WORDS = ("koordinator", "samordnare", "coordinator")


def coordinator(facts):
    found = []
    for group in facts.groups:
        roles = [group.chair, group.secretary, group.convener] + [
            m.name for m in group.members.all()
        ]
        found += [r for r in roles if r and any(w in r.casefold() for w in COORDINATOR_WORDS)]
    if found:
        return MET, sorted(set(found))[:SHOWN], None
    return (
        MISSING,
        [_("No coordinator is named in the plan's groups.")],
        (
            "cooperation:structure",
            [facts.plan.slug],
        ),
    )


def measures_exist(facts):
    if facts.measures:
        count = len(facts.measures)
        return (
            MET,
            [ngettext("%(count)d measure", "%(count)d measures", count) % {"count": count}],
            None,
        )
    return no_measures(facts)


CHECKS = {
    "adopted": adopted,
    "measure-responsible": measure_responsible,
    "measure-deadline": measure_deadline,
    "status-recent": status_recent,
    "reporting-duty": reporting_duty,
    "revision-date": revision_date,
    "anchored": anchored,
    "over-years": over_years,
    "purpose": purpose,
    "period": period,
    "group-mandate": group_mandate,
    "working-group": working_group,
    "situation-mapping": situation_mapping,
    "areas": areas,
    "follow-up": follow_up,
    "strategic-group": _level_group("strategic", lambda: _("No group at strategic level.")),
    "coordinating-group": _level_group(
        "coordinating", lambda: _("No group at coordinating level.")
    ),
    "operational-group": _level_group("operational", lambda: _("No group at operational level.")),
    "coordinator": coordinator,
    "measures-exist": measures_exist,
}
