"""Reports: counts and shares of a plan's states as of a date, and the report command."""
