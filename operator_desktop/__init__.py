"""Operator Desktop: a native desktop client for Chatwoot operators."""

__version__ = "0.1.0"
