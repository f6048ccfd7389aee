"""The shared UI kit below the step apps: the step page frame, form widgets and their renderer,
the error summary, one ``post_only`` (``case_post``), one ``step_url`` and the versioned-entry
page kit.

Imports no step app and nothing of ``web/`` or ``api/``."""
