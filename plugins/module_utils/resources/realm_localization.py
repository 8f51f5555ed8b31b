# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A realm's own texts for one locale: overrides of the messages of its login, account and e-mail themes.

The object is a locale of the realm; its texts are a nested collection keyed by message key, so the
listed texts are ensured and the others kept unless purged. A locale "exists" while the realm has at least
one text of its own for it (Keycloak keeps no empty locale).

What Keycloak 26 does that shapes this handler: one text is set with a plain-text PUT, many at once with a
JSON POST (a new locale is created with all its texts in one request), one is removed with a DELETE, and a
DELETE of the locale removes all its texts. Any locale name is accepted.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..engine import Collection, Handler, PlanError
from ..kind import REALM, STATE, Items, Kind


class LocalizationHandler(Handler):
    kind = "localization"
    ignored_fields = ()

    def describe(self, key):
        return "localization '%s' of realm '%s'" % (key, self.realm)

    def read(self, key):
        texts = self.api.get_localization_texts(key)
        if not texts:
            return None
        return {"locale": key, "texts": texts}

    def identity(self, current):
        return current.get("locale")

    def prepare(self, desired, current):
        if current is None and not self.request.items.get("texts"):
            raise PlanError("the realm has no text of its own for locale '%s', and Keycloak keeps no locale without texts: set texts"
                            % self.request.key)
        return desired

    def create(self, context, desired):
        texts = dict((item["key"], item["text"]) for item in desired.get("texts") or [])
        self.api.add_localization_texts(self.request.key, texts)
        context["id"] = self.request.key

    def update(self, context, current, merged, changes):
        # The locale itself has no field of its own: every change is a text, written by the collection.
        return None

    def delete(self, context, current):
        self.api.delete_localization_texts(self.request.key)

    def collections(self):
        return {"texts": Texts(self)}


class Texts(Collection):
    """The locale's texts, ``{"key", "text"}`` each."""

    name = "texts"
    ignored = ()

    def key(self, item):
        return item["key"]

    def read(self, current):
        texts = (current or {}).get("texts") or {}
        if isinstance(texts, list):
            return list(texts)
        return [{"key": key, "text": text} for key, text in sorted(texts.items())]

    def differs(self, have, wanted):
        return have.get("text") != wanted.get("text")

    def merged(self, have, wanted):
        return dict(wanted)

    def add(self, context, item):
        self.api.update_localization_text(self.handler.request.key, item["key"], item["text"])

    def update(self, context, have, item):
        self.api.update_localization_text(self.handler.request.key, item["key"], item["text"])

    def remove(self, context, have):
        self.api.delete_localization_text(self.handler.request.key, have["key"])

    def sent_with_create(self):
        return True


class TextItems(Items):
    """``texts``, a map of message key to text, as the collection's items; ``purge_texts`` its partner."""

    def __init__(self):
        Items.__init__(self, "texts", "texts", dict(type="dict"))

    def items(self, params):
        texts = params.get("texts")
        if texts is None:
            return None
        return [{"key": "%s" % key, "text": "" if text is None else "%s" % text} for key, text in texts.items()]


REALM_LOCALIZATION = Kind(
    "realm_localization",
    LocalizationHandler,
    key="locale",
    key_field="locale",
    common=dict(realm=REALM, state=STATE),
    settings=dict(locale=dict(type="str", required=True)),
    items=[TextItems()],
)
