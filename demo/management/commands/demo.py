"""`samordna demo --scale national|county`: write a generated country (see demo.country)."""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.country import SCALES, generate_country
from plans.models import Plan


class Command(BaseCommand):
    help = "Write a generated country of plans, measures and status history, marked generated."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="county")
        parser.add_argument(
            "--prefix", default="gen", help="slug prefix and name suffix of what is generated"
        )

    def handle(self, *args, **options):
        if Plan.objects.filter(slug=f"{options['prefix']}-1").exists():
            raise CommandError(
                f"A country with the prefix “{options['prefix']}” is there already; "
                "give another --prefix."
            )
        started = time.perf_counter()
        counts = generate_country(
            options["scale"], prefix=options["prefix"], log=lambda text: self.stdout.write(text)
        )
        self.stdout.write(
            "Generated {organisations} organisations, {plans} plans, {measures} measures and "
            "{updates} status updates".format(**counts)
            + f" in {time.perf_counter() - started:.0f} s."
        )
