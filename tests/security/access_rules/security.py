from tests.security.access_rules import AUTHENTICATED, role_only

RULES = {
    "security.account": AUTHENTICATED,
    "security.logout_everywhere": AUTHENTICATED,
    "security.audit": role_only("admin"),
    "privacy.export_page": AUTHENTICATED,
    "privacy.export": AUTHENTICATED,
}
