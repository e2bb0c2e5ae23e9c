"""Routes added to certification in the second wave: the achievements named inside credentials."""
from tests.security.access_rules import PUBLIC

RULES = {
    "certification.achievement_page": PUBLIC,
    "certification.achievement_json": PUBLIC,
}

ARGUMENTS = {
    # A block every world case has chosen: its achievement page exists for everyone.
    "achievement_code": lambda world, target: world.case_block(target).block.code,
}
