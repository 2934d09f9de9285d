from .mixins import BasePage, SeoMixin
from .pages import (
    AccreditationAreaPage,
    AccreditationIndexPage,
    ContactFormField,
    ContactPage,
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
    "ContactFormField",
    "ContactPage",
    "SeoMixin",
    "ServiceAccreditationArea",
    "ServiceIndexPage",
    "ServicePage",
    "StandardPage",
]
