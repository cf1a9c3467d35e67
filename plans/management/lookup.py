"""Finding the plan (and the date) a management command is asked about, with one clear error
if it is not there."""

from django.core.management.base import CommandError

from plans.models import Plan
from samordna.cleaning import parse_query_date


def plan_from_option(slug):
    plan = Plan.objects.filter(slug=slug).first()
    if plan is None:
        raise CommandError(f"There is no plan “{slug}”. `samordna plans` lists the plans.")
    return plan


def date_from_option(value, option):
    """A YYYY-MM-DD option as a date (None if empty), refused by the shared rule for dates."""
    day, problem = parse_query_date(value)
    if problem:
        raise CommandError(f"{option}: {problem}")
    return day
