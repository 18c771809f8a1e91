"""Muse Spark knowledge base: data loading, validation and page generation.

The package is plain Python with no dependency on MkDocs. Data flows one way::

    data/*.yaml -> yamlio (nodes with line numbers) -> records (typed, validated)
        -> checks (cross-record consistency) -> render / charts / export -> site

The MkDocs hook file ``hooks/kb_hooks.py`` is a thin adapter over :mod:`musekb.published` (the
render, or the cached result of the last one); ``hooks/kb_preview.py`` adapts
:mod:`musekb.incremental` to ``mkdocs serve``.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
