from django.apps import AppConfig


class InsightConfig(AppConfig):
    """Statistics and the audit trail as a tool (issue #22): reads across the step apps, at the
    level of web/; no core app imports it."""

    name = "deelwijzer.insight"
    label = "insight"
    verbose_name = "Inzicht"
