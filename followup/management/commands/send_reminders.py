"""`samordna send-reminders`: queue due reminders and send every waiting e-mail.

Run it from cron or a systemd timer (see README). Running it twice, or after a run that
stopped half-way, never sends the same reminder twice.
"""

from django.core.management.base import BaseCommand

from followup.rounds import send_reminders


class Command(BaseCommand):
    help = "Send due status-round reminders and retry e-mails that failed."

    def handle(self, *args, **options):
        queued, sent, failed = send_reminders()
        self.stdout.write(f"{queued} reminders queued, {sent} e-mails sent, {failed} failed.")
        if failed:
            self.stderr.write(
                "Failed e-mails are shown on their round's page and tried again next run."
            )
