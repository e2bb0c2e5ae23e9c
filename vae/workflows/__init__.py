"""The workflows as data: one declarative table per workflow (case.py, block.py)."""
