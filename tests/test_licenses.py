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
    info = BOOK.resolve("CC-BY-ND-4.0")
    assert (info.osi_approved, info.commercial_use) == (False, None)


V1 = LicenseEntry(id="ex-1.1-nc", name="Ex License 1.1 - NC", family="ex", commercial_use=False,
                  restrictions=["non-commercial", "research-only"], url="https://example.com/ex-1.1")
V2 = LicenseEntry(id="ex-1.2-nc", name="Ex License 1.2 - NC", family="ex", commercial_use=False,
                  restrictions=["non-commercial"], url="https://example.com/ex-1.2")
V3 = LicenseEntry(id="ex-2.0", name="Ex License 2.0", family="ex", commercial_use=True, url="https://example.com/ex-2")
FAMILY_BOOK = LicenseBook({e.id: e for e in (V1, V2, ACME)})


def test_a_family_name_resolves_to_what_all_its_versions_share():
    fam = FAMILY_BOOK.resolve("EX")
    assert (fam.is_family, fam.family, fam.osi_approved, fam.commercial_use) == (True, "ex", False, False)
    assert fam.restrictions == ("non-commercial", "research-only")
    mixed = LicenseBook({e.id: e for e in (V1, V3)}).resolve("ex")
    assert mixed.commercial_use is None


def test_a_family_matches_any_version_and_a_version_only_itself():
    fam, v1, v2, acme = (FAMILY_BOOK.resolve(t) for t in ("ex", "ex-1.1-nc", "EX-1.2-NC", "acme-apache"))
    assert fam.matches(v2) and fam.matches(v1) and fam.matches(fam)
    assert not fam.matches(acme)
    assert v2.matches(v2) and not v1.matches(v2)
    assert v1.matches(fam) is None          # the declaration names the family only: which version is unknown
    assert acme.matches(fam) is False


def test_an_spdx_licence_named_non_commercial_forbids_commercial_use():
    for lic_id in ("CC-BY-NC-4.0", "cc-by-nc-sa-4.0", "PolyForm-Noncommercial-1.0.0"):
        info = BOOK.resolve(lic_id)
        assert (info.commercial_use, info.restrictions) == (False, ("non-commercial",)), lic_id
    assert BOOK.resolve("CC-BY-ND-4.0").commercial_use is None
