"""Demo: the seed plans transcribed as interchange JSON, demo users and a generated history."""
