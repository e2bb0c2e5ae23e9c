from tests.security.access_rules import PUBLIC, role_only

ADMIN_ONLY = role_only("admin")
RULES = {
    "catalog.search": PUBLIC,
    "catalog.title": PUBLIC,
    "catalog.policy": ADMIN_ONLY,
    "catalog.equivalence_list": ADMIN_ONLY,
    "catalog.confirm_equivalence": ADMIN_ONLY,
    "catalog.reject_equivalence": ADMIN_ONLY,
    "catalog.declare_equivalence": ADMIN_ONLY,
}
