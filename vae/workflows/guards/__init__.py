"""Guards: small named functions, each returning a reason (shown to the user) or None.

One module per phase, so that each feature keeps its rules together.
"""
