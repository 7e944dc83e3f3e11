"""The pokin query service (Flask)."""

from service.app import create_app

__all__ = ["create_app"]
