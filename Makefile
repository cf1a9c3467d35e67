# The two commands a newcomer needs: `make run` and `make test` (see README).
PORT ?= 8000

.PHONY: run test setup lint messages serve

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
