"""The audit trail: who changed what in plans and the directory, and when (django-auditlog)."""
