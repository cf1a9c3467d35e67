# The two commands a newcomer needs: `make run` and `make test` (see README).
PORT ?= 8000

.PHONY: run test setup lint messages serve bench

run:
	PORT=$(PORT) bash scripts/run.sh

test:
	bash scripts/test.sh

# The production server (gunicorn, WhiteNoise); needs production settings: docs/deploy.md.
serve:
	bash scripts/serve.sh

setup:
	bash scripts/setup.sh

lint:
	.venv/bin/ruff check .

messages:
	.venv/bin/samordna makemessages -l nb -l nn -l sv -l en --ignore=.venv

# Not part of `make test`: builds a generated country and times the pages (docs/performance.md).
# BENCH_ARGS="--scale national --data-dir var/bench-national" for the full national scale.
bench:
	.venv/bin/python benchmarks/bench.py $(BENCH_ARGS)
