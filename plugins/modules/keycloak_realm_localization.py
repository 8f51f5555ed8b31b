#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_realm_localization
short_description: Set a Keycloak realm's own texts (message overrides) for one locale
version_added: 0.2.0
description:
  - Sets the texts a realm uses instead of its themes' messages for one locale (the admin console's Realm settings, Localization,
    Realm overrides), for example the login page's title or an e-mail's subject.
  - The listed texts are set; other texts of the locale are kept unless O(purge_texts=true). V(absent) removes every text of the
    locale.
  - A new locale is created with all its texts in one request; a change to an existing locale writes only the texts that differ.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  locale:
    description:
      - The locale, for example V(en), V(de), V(pt-BR). The texts apply where the realm uses this locale (its default locale, or one
        of its supported locales with internationalization on, see M(iam.keycloak.keycloak_realm)).
    type: str
    required: true
  state:
    description:
      - V(present) sets the texts; V(absent) removes every text of the locale.
    type: str
    choices: [present, absent]
    default: present
  texts:
    description:
      - Message keys and their texts, for example C(loginTitle), C(emailVerificationSubject). Texts may hold the themes' placeholders
        (C({0})). An empty string is a text too (it blanks the message).
      - A new locale needs at least one text.
    type: dict
  purge_texts:
    description:
      - Remove the texts of the locale that O(texts) does not list.
    type: bool
    default: false
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: The realm's own wording on the English login page
  iam.keycloak.keycloak_realm_localization:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    locale: en
    texts:
      loginTitle: "Sign in to ACME"
      emailVerificationSubject: "Confirm your ACME e-mail address"

- name: Exactly these German texts, nothing else
  iam.keycloak.keycloak_realm_localization:
    realm: acme
    locale: de
    texts:
      loginTitle: "Bei ACME anmelden"
    purge_texts: true

- name: Back to the theme's French messages
  iam.keycloak.keycloak_realm_localization:
    realm: acme
    locale: fr
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The locale after the task, C(locale) and C(texts) (a list of C(key) and C(text), sorted by key); after a delete, empty.
  returned: always
  type: dict
  sample: {"locale": "en", "texts": [{"key": "loginTitle", "text": "Sign in to ACME"}]}
diff:
  description: Before and after of the texts the task set (and those it removes).
  returned: when diff mode is on
  type: dict
  sample: {"before": {"texts": [{"key": "loginTitle", "text": "Sign in"}]}, "after": {"texts": [{"key": "loginTitle", "text": "Sign in to ACME"}]}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "localization 'en' of realm 'acme': texts 'loginTitle' updated"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: The locale.
  returned: when the locale exists or is created
  type: str
  sample: en
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.realm_localization import REALM_LOCALIZATION


def main():
    run(REALM_LOCALIZATION)


if __name__ == "__main__":
    main()
