"""Uploaded files: checked by content, stored once under their SHA-256 outside the web root."""
