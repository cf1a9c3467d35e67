"""Accounts: users' roles in organisations, log in and out, and the language switcher."""
