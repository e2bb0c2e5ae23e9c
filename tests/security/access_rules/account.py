from tests.security.access_rules import AUTHENTICATED, PUBLIC

RULES = {
    "account.signup": PUBLIC,
    "account.confirm_email": PUBLIC,
    "account.profile": AUTHENTICATED,
}
