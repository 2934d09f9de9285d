from .contact import ContactFormField, ContactPage
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
    "ContactFormField",
    "ContactPage",
    "SeoMixin",
    "ServiceAccreditationArea",
    "ServiceIndexPage",
    "ServicePage",
    "StandardPage",
]
