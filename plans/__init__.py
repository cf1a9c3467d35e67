"""Plans: organisations, contacts, plans, goal areas, measures and who is responsible."""
