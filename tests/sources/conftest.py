"""The certification fixtures (an issuer key per app, a jury that validates) for the roads to a block."""
from tests.certification.conftest import jury_validates, signing_key  # noqa: F401  (fixtures)
