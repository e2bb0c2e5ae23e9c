"""`_()` and `ngettext()` in templates, bound once per render to the request's translations.

Flask-Babel installs template callables that look up the request, its locale and its
catalogue on every call (`get_translations()`): base.html alone makes some forty calls a
page. This context processor resolves the catalogue once per `render_template` (inside any
`force_locale`, so PDFs stay French) and hands the page callables bound to it; Jinja's `_`
resolves `gettext` from the page's context, so it uses them. Macros imported without
context keep Flask-Babel's callables, which give the same text.
"""
from __future__ import annotations

import weakref

from flask_babel import get_translations
from jinja2 import pass_context
from markupsafe import Markup

# One pair of callables per catalogue object (Flask-Babel keeps one per locale).
_BOUND: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _bind(translations) -> dict:
    # The same as jinja2.ext's "newstyle" gettext: escaped when autoescaping, always %-formatted.
    lookup = translations.ugettext
    plural = translations.ungettext

    @pass_context
    def gettext(context, string: str, **variables) -> str:
        text = lookup(string)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    @pass_context
    def ngettext(context, singular: str, plural_form: str, num: int, **variables) -> str:
        variables.setdefault("num", num)
        text = plural(singular, plural_form, num)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    # `_` too: a page's `_("…")` then calls this directly, not through the i18n extension's
    # alias (which resolved `gettext` from the context and made one more call, per string).
    return {"gettext": gettext, "ngettext": ngettext, "_": gettext}


def bound_gettext() -> dict:
    translations = get_translations()
    try:
        return _BOUND[translations]
    except KeyError:
        _BOUND[translations] = bound = _bind(translations)
        return bound
