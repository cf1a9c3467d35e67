"""Finding the plan a management command is asked about, with one clear error if it is not there."""

from django.core.management.base import CommandError

from plans.models import Plan


def plan_from_option(slug):
    plan = Plan.objects.filter(slug=slug).first()
    if plan is None:
        raise CommandError(f"There is no plan “{slug}”. `samordna plans` lists the plans.")
    return plan
