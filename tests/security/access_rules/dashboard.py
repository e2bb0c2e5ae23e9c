from tests.security.access_rules import role_only

RULES = {
    "dashboard.show": role_only("admin"),
    "dashboard.export_csv": role_only("admin"),
}
