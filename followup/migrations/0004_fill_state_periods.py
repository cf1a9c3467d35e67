"""Fill the state periods of the status updates written before they were kept."""

from django.db import migrations


def fill(apps, schema_editor):
    StatusUpdate = apps.get_model("followup", "StatusUpdate")
    StatePeriod = apps.get_model("followup", "StatePeriod")
    rows = []
    updates = (
        StatusUpdate.objects.filter(scope="")
        .order_by("measure_id", "as_of", "created_at", "id")
        .values_list("measure_id", "measure__plan_id", "as_of", "state")
    )
    by_measure = {}
    for measure_id, plan_id, as_of, state in updates.iterator(chunk_size=5000):
        by_measure.setdefault((measure_id, plan_id), {})[as_of] = state
    for (measure_id, plan_id), states in by_measure.items():
        periods = []
        for as_of, state in states.items():
            if periods and periods[-1].state == state:
                continue
            if periods:
                periods[-1].valid_to = as_of
            periods.append(
                StatePeriod(measure_id=measure_id, plan_id=plan_id, state=state, valid_from=as_of)
            )
        rows += periods
    StatePeriod.objects.bulk_create(rows, batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [("followup", "0003_state_periods")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
