"""Muse Spark knowledge base: data loading, validation and page generation.

The package is plain Python with no dependency on MkDocs. Data flows one way::

    data/*.yaml -> yamlio (nodes with line numbers) -> records (typed, validated)
        -> checks (cross-record consistency) -> render / charts / export -> site

The MkDocs hook file ``hooks/kb_hooks.py`` is a thin adapter over :mod:`musekb.render_site`.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
