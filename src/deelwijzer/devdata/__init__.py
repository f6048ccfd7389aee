"""Fictional data for trying and measuring the app: the demo organisation (``deelwijzer demo``,
``deelwijzer demo-code``) and the benchmark seed (``deelwijzer seed``, ``make bench``).

Sits above every other app: it may import any of them; none imports it.
"""
