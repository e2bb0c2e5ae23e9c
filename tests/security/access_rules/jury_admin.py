from tests.security.access_rules import role_only

ADMIN_ONLY = role_only("admin")
RULES = {
    # The certifier organises sessions.
    "jury_admin.admin_sessions": ADMIN_ONLY,
    "jury_admin.create_session": ADMIN_ONLY,
    "jury_admin.admin_session": ADMIN_ONLY,
    "jury_admin.add_member": ADMIN_ONLY,
    "jury_admin.designate_president": ADMIN_ONLY,
    "jury_admin.remove_member": ADMIN_ONLY,
    "jury_admin.update_member": ADMIN_ONLY,
    "jury_admin.schedule": ADMIN_ONLY,
    "jury_admin.reschedule": ADMIN_ONLY,
    "jury_admin.cancel": ADMIN_ONLY,
    "jury_admin.revoke": ADMIN_ONLY,
}
