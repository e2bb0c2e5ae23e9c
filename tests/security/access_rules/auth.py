from tests.security.access_rules import AUTHENTICATED, PUBLIC

RULES = {
    "auth.login": PUBLIC,
    "auth.logout": AUTHENTICATED,
    "auth.forgot_password": PUBLIC,
    "auth.reset_password": PUBLIC,
    "auth.resend_confirmation": AUTHENTICATED,
}
