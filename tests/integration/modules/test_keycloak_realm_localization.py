# -*- coding: utf-8 -*-
"""keycloak_realm_localization against the real server."""

import pytest

from harness import fails_or_plans, scenario  # pylint: disable=import-error

MODULE = "keycloak_realm_localization"


def test_localization_lifecycle(module_runner, realm, realm_admin):
    locale = "de"

    def read():
        return realm_admin.get_localization_texts(locale) or None

    args = dict(realm=realm, locale=locale, texts={"loginTitle": "Bei {0} anmelden", "a.b/c d": "Ä ö ü ß"})

    def hand_edit():
        realm_admin.update_localization_text(locale, "handmade", "von Hand")

    def verify_hand_edit(texts):
        assert texts["handmade"] == "von Hand", "a text set by hand was lost"
        assert texts["extra"] == "" and texts["loginTitle"] == "Anmelden"

    requests = scenario(
        module_runner, MODULE, args, read,
        verify=lambda texts: texts == {"loginTitle": "Bei {0} anmelden", "a.b/c d": "Ä ö ü ß"} or pytest.fail(texts),
        update={"texts": {"loginTitle": "Anmelden"}},
        verify_update=lambda texts: texts["loginTitle"] == "Anmelden" and texts["a.b/c d"] == "Ä ö ü ß" or pytest.fail(texts),
        hand_edit=hand_edit,
        other_update={"texts": {"loginTitle": "Anmelden", "extra": ""}},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "locale": locale},
    )
    assert requests <= 2


def test_purge_keeps_only_the_listed_texts(module_runner, realm, realm_admin):
    realm_admin.add_localization_texts("fr", {"one": "un", "two": "deux", "three": "trois"})
    check = module_runner(MODULE, check_mode=True, diff=True, realm=realm, locale="fr", texts={"one": "un", "two": "2"}, purge_texts=True)
    assert check["changed"] is True and check.writes == []
    done = module_runner(MODULE, diff=True, realm=realm, locale="fr", texts={"one": "un", "two": "2"}, purge_texts=True)
    assert done["diff"] == check["diff"] and done["end_state"] == check["end_state"]
    assert realm_admin.get_localization_texts("fr") == {"one": "un", "two": "2"}
    assert [method for method, _url in done.writes] == ["PUT", "DELETE"], done.writes


def test_new_locale_with_purge_is_one_request(module_runner, realm, realm_admin):
    done = module_runner(MODULE, realm=realm, locale="pt-BR", texts={"loginTitle": "Entrar"}, purge_texts=True)
    assert done["changed"] is True and done["operation"] == "create"
    assert [method for method, _url in done.writes] == ["POST"], done.writes
    assert realm_admin.get_localization_texts("pt-BR") == {"loginTitle": "Entrar"}


def test_new_locale_without_texts_is_refused(module_runner, realm):
    result = module_runner(MODULE, realm=realm, locale="it")
    assert result["failed"] is True and "texts" in result["msg"] and result.writes == []


@pytest.mark.parametrize("check_mode", [True, False])
def test_missing_realm(module_runner, check_mode):
    result = module_runner(MODULE, check_mode=check_mode, realm="no-such-realm-l10n", locale="en", texts={"a": "b"})
    fails_or_plans(result, check_mode, "no-such-realm-l10n")
