"""Test-support helpers: a throwaway PostgreSQL cluster, an SMTP sink, a browser harness.

Import the submodules directly (``from tests.support.postgres import ThrowawayPostgres``);
each keeps its heavy imports (psycopg, aiosmtpd, playwright) to the point of use where
it can, so the plain SQLite suite does not pay for them.
"""

from .ci import in_ci, require_or_skip

__all__ = ["in_ci", "require_or_skip"]
