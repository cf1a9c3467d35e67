"""Follow-up: the append-only status history of measures and the as-of computation."""
