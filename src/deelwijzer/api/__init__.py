"""The REST API (django-ninja) under /api/v1/, and the per-user API tokens it accepts."""
