"""A plan's status rounds count in the plan check of its reports, which are cached: a round
written, changed or deleted bumps its plan's version (see plans.versions); a queryset
update does so through the rounds' PlanPartQuerySet."""

from followup.models import StatusRound
from plans.versions import follow_plan_parts

follow_plan_parts(StatusRound)
