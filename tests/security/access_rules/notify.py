from tests.security.access_rules import role_only

RULES = {
    "notify.undelivered": role_only("admin"),
    "notify.retry": role_only("admin"),
}
