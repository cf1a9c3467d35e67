# The two commands a newcomer needs: `make run` and `make test` (see README).
PORT ?= 8000

.PHONY: run test setup lint messages

run:
	PORT=$(PORT) bash scripts/run.sh

test:
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

lint:
	.venv/bin/ruff check .

messages:
	.venv/bin/samordna makemessages -l nb -l nn -l sv -l en --ignore=.venv
