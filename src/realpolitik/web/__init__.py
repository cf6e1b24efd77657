"""The local web dashboard and JSON REST API over a realpolitik database.

``realpolitik serve`` runs :func:`create_app` under uvicorn. Every request opens the store afresh, so the
app keeps serving while ``realpolitik ingest`` writes to the same file (SQLite WAL). It is read-only unless
started with ``--allow-writes``; a write then also needs the token in the ``X-Realpolitik-Token`` header.
"""

from realpolitik.web.app import TOKEN_HEADER, create_app

__all__ = ["TOKEN_HEADER", "create_app"]
