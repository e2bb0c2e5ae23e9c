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
# How a title can be funded: recorded and imported by certifier staff (read by all on the title page).
RULES.update({
    "catalog.funding_edit": ADMIN_ONLY,
    "catalog.funding_import": ADMIN_ONLY,
    # The register import (a job: its progress and report are on the jobs pages).
    "catalog.register_import": ADMIN_ONLY,
})
