"""The local dashboard (`detente serve`): a FastAPI app and its static page.

`create_app(db)` builds the app; `serve(db, host, port)` runs it with uvicorn on loopback.
"""
from __future__ import annotations

from typing import Any


def create_app(db: Any) -> Any:
    """The dashboard app over the store at `db` (see detente.web.app)."""
    from .app import create_app as _create

    return _create(db)


def serve(db: Any, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the dashboard with uvicorn (see detente.web.app.serve)."""
    from .app import serve as _serve

    _serve(db, host=host, port=port)


__all__ = ["create_app", "serve"]
