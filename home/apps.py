from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from corporate.roles import grant_on_locale_root_created

        # Each language's home page is the root of its tree: grant Editors / Translators their
        # page permissions there as soon as it is created (see corporate/roles.py).
        post_save.connect(grant_on_locale_root_created, dispatch_uid="corporate.roles.locale_root")
