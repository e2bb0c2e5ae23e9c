from tests.security.access_rules import role_only

ADMIN_ONLY = role_only("admin")
RULES = {
    "admin.users": ADMIN_ONLY,
    "admin.create_user": ADMIN_ONLY,
    "admin.user": ADMIN_ONLY,
    "admin.user_roles": ADMIN_ONLY,
    "admin.deactivate_user": ADMIN_ONLY,
    "admin.activate_user": ADMIN_ONLY,
}
