from checker.licenses import LicenseBook
from checker.registry.models import LicenseEntry

ACME = LicenseEntry(id="acme-apache", name="Acme-Apache License 2.0", aliases=["Acme-Apache License 2.0"],
                    osi_approved=False, commercial_use=True, restrictions=["name attribution"],
                    url="https://example.com/acme")
BOOK = LicenseBook({"acme-apache": ACME})


def test_hub_ids_match_spdx_case_insensitively():
    info = BOOK.lookup("apache-2.0")
    assert (info.id, info.source, info.osi_approved, info.commercial_use) == ("Apache-2.0", "spdx", True, True)
    assert BOOK.lookup("MIT").id == "MIT"


def test_no_substring_matching():
    assert BOOK.resolve("apache") is None
    assert BOOK.resolve("Apache License 2.0") is None
    assert BOOK.lookup("other", "Solar-Apache License 2.0") is None


def test_other_uses_license_name_from_the_registry():
    info = BOOK.lookup("other", "acme-apache license 2.0")
    assert (info.id, info.source, info.osi_approved, info.restrictions) == \
        ("acme-apache", "registry", False, ("name attribution",))


def test_other_is_never_looked_up_as_an_id():
    book = LicenseBook({"other": ACME.model_copy(update={"id": "other", "aliases": []})})
    assert book.lookup("other") is None


def test_unknown_hub_id_falls_back_to_license_name():
    assert BOOK.lookup("llama-like", "Acme-Apache License 2.0").id == "acme-apache"
    assert BOOK.lookup(None, "MIT").id == "MIT"
    assert BOOK.lookup(None, None) is None


def test_registry_wins_over_spdx():
    book = LicenseBook({"mit": ACME.model_copy(update={"id": "mit-variant", "aliases": ["mit"]})})
    assert book.resolve("MIT").source == "registry"


def test_spdx_non_free_licence_leaves_commercial_use_open():
    info = BOOK.resolve("CC-BY-NC-4.0")
    assert (info.osi_approved, info.commercial_use) == (False, None)
