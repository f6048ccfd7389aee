"""The case file (``deelwijzer-casefile/1``) built from the step apps and imported into them.

Each step app registers its section in ``registry``; this package imports no step app.
"""
