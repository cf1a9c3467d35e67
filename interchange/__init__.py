"""Interchange: the samordna/plan@1 JSON format — validation, export and atomic import."""
