from .adlaw import AdLawLanguage, AdLawTerm
from .mixins import BasePage, SeoMixin
from .pages import (
    AccreditationAreaPage,
    AccreditationIndexPage,
    ServiceAccreditationArea,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
)
from .seo import AnalyticsProvider, SearchEnginePush, SeoSettings
from .snippets import CompanyProfile

__all__ = [
    "AccreditationAreaPage",
    "AdLawLanguage",
    "AdLawTerm",
    "AnalyticsProvider",
    "AccreditationIndexPage",
    "BasePage",
    "CompanyProfile",
    "SearchEnginePush",
    "SeoMixin",
    "SeoSettings",
    "ServiceAccreditationArea",
    "ServiceIndexPage",
    "ServicePage",
    "StandardPage",
]
