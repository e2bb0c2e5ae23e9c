from tests.security.access_rules import role_only

ADMIN_ONLY = role_only("admin")
RULES = {
    "admissibility.queue": ADMIN_ONLY,
    "admissibility.case": ADMIN_ONLY,
    "admissibility.decide": ADMIN_ONLY,
    "admissibility.assign_mentor": ADMIN_ONLY,
}
