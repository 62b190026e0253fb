"""Backends turn a GenerationRequest into a Generation (see base.py for the protocol)."""

from .base import Backend, check_request, get_backend, register

__all__ = ["Backend", "check_request", "get_backend", "register"]
