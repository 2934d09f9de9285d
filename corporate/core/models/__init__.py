from .mixins import BasePage, SeoMixin
from .pages import (
    AccreditationAreaPage,
    AccreditationIndexPage,
    ServiceAccreditationArea,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
)
from .snippets import CompanyProfile

__all__ = [
    "AccreditationAreaPage",
    "AccreditationIndexPage",
    "BasePage",
    "CompanyProfile",
    "SeoMixin",
    "ServiceAccreditationArea",
    "ServiceIndexPage",
    "ServicePage",
    "StandardPage",
]
