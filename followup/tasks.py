"""Background tasks of status rounds: delivering queued e-mail and sending reminders.

They run in `samordna worker`, so no page waits on the mail server. Both are safe to run
twice or side by side: each mail is claimed in the database before it is sent.
"""

from django_tasks import TaskResultStatus, task

from followup import rounds


@task()
def deliver_mail():
    """Send every queued e-mail and retry the failed ones; [sent, failed]."""
    return list(rounds.deliver_pending())


@task()
def send_reminders():
    """Queue the reminders that are due, then deliver; [queued, sent, failed]."""
    return list(rounds.send_reminders())


def deliver_soon():
    """Ask the worker to deliver; (sent, failed) if it ran at once, else None."""
    result = deliver_mail.enqueue()
    if result.status == TaskResultStatus.SUCCESSFUL:
        return tuple(result.return_value)
    return None
