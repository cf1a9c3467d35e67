"""The overview of every plan a visitor may see, side by side, as of any date."""
