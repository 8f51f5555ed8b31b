# -*- coding: utf-8 -*-
"""A write the server refuses after others succeeded: the failure says what was already written."""

import uuid


def test_failure_after_a_write_reports_changed_and_what_was_done(module_runner, realm):
    client_id = "partial-%s" % uuid.uuid4().hex[:6]
    created = module_runner("keycloak_client", realm=realm, client_id=client_id,
                            redirect_uris=["https://a.example.com/*", "https://b.example.com/*"])
    assert created["changed"] is True, created.get("msg")
    # A pairwise subject mapper passes every check the module can make before writing, but
    # Keycloak refuses it for a client whose redirect URIs name two hosts - after the
    # client's own update went through.
    result = module_runner(
        "keycloak_client", realm=realm, client_id=client_id, description="written first",
        protocol_mappers=[{"name": "pairwise", "protocol_mapper": "oidc-sha256-pairwise-sub-mapper", "config": {}}],
    )
    assert result["failed"] is True
    assert "Sector Identifier URI" in result["msg"] and client_id in result["msg"]
    assert result["msg"].count("Sector Identifier URI") == 1, "Keycloak's message is said once"
    assert result["changed"] is True, "the client update was written before the mapper failed"
    assert result["done"] == ["updated description"]
