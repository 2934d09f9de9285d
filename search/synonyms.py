"""The synonyms the site starts with, per language. Editors change them under Snippets.

A Latin word matches its plural too (VOCs finds the VOC group and VOC the VOCs one, EIAs the
EIA one), so one entry serves both; Traditional and Simplified forms fold together
(search.analysis), so one script serves both. Entries added after the first release are
seeded by a migration of their own (0005 for the abbreviations and the words people type)."""

DEFAULT_SYNONYMS = {
    "zh-hans": [
        ("危废", "危险废物"),
        ("环评", "环境影响评价"),
        ("VOCs", "挥发性有机物"),
        ("固废", "固体废物"),
        ("土壤污染状况调查", "土壤环境调查"),
        # migration 0005
        ("COD", "化学需氧量"),
        ("BOD", "生化需氧量\n五日生化需氧量\nBOD5"),
        ("TVOC", "总挥发性有机化合物"),
        ("PM2.5", "细颗粒物"),
        ("EIA", "环境影响评价"),
        ("尾气", "排气"),
    ],
    "en": [
        ("VOCs", "volatile organic compounds"),
        ("EIA", "environmental impact assessment"),
        ("hazwaste", "hazardous waste"),
        # migration 0005
        ("COD", "chemical oxygen demand"),
        ("BOD", "biochemical oxygen demand\nBOD5"),
        ("PM2.5", "fine particulate matter\nfine particles"),
        ("gas station", "filling station\npetrol station"),
    ],
}


def seed_default_synonyms(locale_model, synonym_model, locale):
    """Add the default synonyms of a locale's language that are not there yet."""
    for term, synonyms in DEFAULT_SYNONYMS.get(locale.language_code, []):
        synonym_model.objects.get_or_create(
            locale=locale, term=term, defaults={"synonyms": synonyms}
        )


def seed_all(locale_model, synonym_model):
    for locale in locale_model.objects.all():
        seed_default_synonyms(locale_model, synonym_model, locale)
