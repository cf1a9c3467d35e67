"""Cooperation: the groups that carry a plan (politiråd, styrgrupp, samverkansgrupp...)."""
