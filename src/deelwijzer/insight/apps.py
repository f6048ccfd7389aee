from django.apps import AppConfig


class InsightConfig(AppConfig):
    """Statistics and the audit trail as a tool (issue #22): reads across the step apps, at the
    level of web/; no core app imports it."""

    name = "deelwijzer.insight"
    label = "insight"
    verbose_name = "Inzicht"

    def ready(self) -> None:
        from deelwijzer.audit.services import register_change_hook
        from deelwijzer.interchange.casefile import case_findings_keep

        # the open findings per rule ID that the statistics count (cases.findings)
        register_change_hook(case_findings_keep)
