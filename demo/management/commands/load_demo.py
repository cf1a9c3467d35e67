"""`samordna load_demo`: load the seed plans, demo users and a generated status history."""

from django.core.management.base import BaseCommand

from demo.loader import DEMO_USERS, PASSWORD, demo_is_loaded, load_demo


class Command(BaseCommand):
    help = "Load the demo plans, demo users and a generated status history."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if there are plans already"
        )
        parser.add_argument(
            "--no-history", action="store_true", help="only the seeds' own statuses"
        )

    def handle(self, *args, **options):
        if options["if_empty"] and demo_is_loaded():
            self.stdout.write("The database has plans already; demo not loaded again.")
        else:
            plans = load_demo(history=not options["no_history"])
            self.stdout.write(f"Loaded {len(plans)} demo plans.")
        self.stdout.write(f"Demo users (password for all: {PASSWORD}):")
        for username, full_name, is_admin, roles in DEMO_USERS:
            what = "administrator" if is_admin else ", ".join(f"{r.label} in {o}" for o, r in roles)
            self.stdout.write(f"  {username:<12} {full_name} — {what}")
