"""`samordna worker`: runs the background tasks (e-mail, reminders, large PDFs).

The database task backend's worker under Samordna's name. Run one or more from systemd
(`deploy/samordna-worker.service`), or `samordna worker --batch` from cron every minute,
which does what is waiting and stops.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker


class Command(DatabaseWorker):
    help = "Run Samordna's background tasks (e-mail, reminders, large PDFs) as they come."
