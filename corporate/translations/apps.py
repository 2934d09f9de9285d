from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """Translation status and report; the roles (Editors, Translators, Inquiry handlers); the
    generated Traditional Chinese site."""

    name = "corporate.translations"
    label = "translations"
    verbose_name = _("Translations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: roles reads page models, which exist only once the
        # app registry is ready.
        from wagtail.models import get_page_models

        from corporate.core.localize_gaps import model_names, publish_guard
        from corporate.translations import traditional
        from corporate.translations.roles import grant_on_locale_root_created, refresh_roles

        # Nothing untranslated goes live under /en/, whichever path publishes it.
        publish_guard.install()
        # wagtail-localize's model names, in the admin's language.
        model_names.install()

        # Each language's home page is the root of its tree: grant Editors / Translators their
        # page permissions there as soon as it is created (see roles.py). Connected per page
        # model, so other models' saves never reach the receiver.
        for model in get_page_models():
            post_save.connect(
                grant_on_locale_root_created,
                sender=model,
                dispatch_uid=f"corporate.translations.roles.locale_root.{model._meta.label}",
            )
        # The Traditional site follows every Chinese publish, unpublish, delete and snippet
        # save (a background task per change).
        traditional.connect_receivers()
        # The roles are code: after every migrate each group has exactly its permissions, also
        # on models (snippets, settings) added since the last role migration.
        post_migrate.connect(refresh_roles, sender=self, dispatch_uid="corporate.roles.refresh")
