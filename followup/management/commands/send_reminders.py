"""`samordna send-reminders`: queue due reminders and retry e-mails that failed.

Run it from cron or a systemd timer (see README). It hands the work to `samordna worker`
as a task; running it twice, or after a run that stopped half-way, never sends the same
reminder twice.
"""

from django.core.management.base import BaseCommand
from django_tasks import TaskResultStatus

from followup.tasks import send_reminders


class Command(BaseCommand):
    help = "Send due status-round reminders and retry e-mails that failed (through the worker)."

    def handle(self, *args, **options):
        result = send_reminders.enqueue()
        if result.status != TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Queued for `samordna worker` (task {result.id}).")
            return
        queued, sent, failed = result.return_value
        self.stdout.write(f"{queued} reminders queued, {sent} e-mails sent, {failed} failed.")
        if failed:
            self.stderr.write(
                "Failed e-mails are shown on their round's page and tried again next run."
            )
