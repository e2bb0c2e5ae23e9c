from tests.security.access_rules import AUTHENTICATED, PUBLIC

RULES = {
    "static": PUBLIC,
    "core.index": PUBLIC,
    "core.home": AUTHENTICATED,
    "core.set_language": PUBLIC,
    "core.health": PUBLIC,
}
