"""The synonyms the site starts with, per language. Editors change them under Snippets."""

DEFAULT_SYNONYMS = {
    "zh-hans": [
        ("危废", "危险废物"),
        ("环评", "环境影响评价"),
        ("VOCs", "挥发性有机物"),
        ("固废", "固体废物"),
        ("土壤污染状况调查", "土壤环境调查"),
    ],
    "en": [
        ("VOCs", "volatile organic compounds"),
        ("EIA", "environmental impact assessment"),
        ("hazwaste", "hazardous waste"),
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
