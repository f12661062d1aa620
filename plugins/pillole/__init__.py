"""Pillole: knowledge pills for reverse mentoring, built into a static site.

The package is the core (no MkDocs imports outside `pillole.mkdocs_plugin`).
"""

__version__ = "0.1.0"
