"""Deelwijzer: de werkwijze informatie delen bij mogelijke radicalisering, als hulpmiddel."""

__version__ = "0.1.0"
