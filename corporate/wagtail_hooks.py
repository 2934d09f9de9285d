"""Admin hooks, one module per feature under corporate/admin_hooks/."""

from corporate.admin_hooks import inquiries, translations  # noqa: F401
