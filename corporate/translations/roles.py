"""The Editors and Translators groups and what each may do.

- Editors write the Chinese site: pages of the Chinese tree, snippets, images and documents.
- Translators keep the English site in step: they edit and publish pages of every other
  language's tree (through wagtail-localize's editor) and sync translations, but cannot edit or
  publish Chinese pages.

Wagtail's page permissions hang on a page and cover its subtree, so each group is granted its
page permissions on the root page of each language's tree (the home page at depth 2). Those
pages may not exist when the migration runs (the demo builder and wagtail-localize create them
later), so ``grant_locale_root_permissions`` also runs from a ``post_save`` receiver whenever a
page is created at depth 2 (connected per page model in ``apps.py``).

The functions take an ``apps`` registry so that the data migration can run them with its
historical models.
"""

from django.apps import apps as global_apps
from django.conf import settings
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import get_snippet_models

EDITORS = "Editors"
TRANSLATORS = "Translators"

# Page permissions on the root of the source-language (Chinese) tree.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Page permissions on the root of every other language's tree. No "add": English pages come
# from wagtail-localize (translation of a Chinese page), never from scratch.
TRANSLATOR_PAGE_PERMISSIONS = ["change_page", "publish_page", "lock_page"]


def translatable_snippets():
    """(app label, model name) of every registered snippet that is translated
    (TranslatableMixin): Editors manage them, Translators only change them (the snippet guard
    in corporate/core/localize_gaps/snippet_permissions.py keeps Translators off the Chinese
    rows). Read from Wagtail's snippet registry, so feature apps need not be named here."""
    return sorted(
        (model._meta.app_label, model._meta.model_name)
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin)
    )


EDITOR_BASE_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtailimages", "image", "delete_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
    ("wagtaildocs", "document", "delete_document"),
]

TRANSLATOR_BASE_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    # Needed by wagtail-localize's "Sync translated pages" and "Translate this page".
    ("wagtail_localize", "translation", "submit_translation"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "choose_document"),
]


def editor_model_permissions():
    return EDITOR_BASE_PERMISSIONS + [
        (app_label, model, f"{action}_{model}")
        for app_label, model in translatable_snippets()
        for action in ("add", "change", "delete")
    ]


def translator_model_permissions():
    return TRANSLATOR_BASE_PERMISSIONS + [
        (app_label, model, f"change_{model}") for app_label, model in translatable_snippets()
    ]


# Collection permissions (images and documents) on the root collection.
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", codename)
    for codename in ("add_image", "change_image", "choose_image", "delete_image")
] + [
    ("wagtaildocs", "document", codename)
    for codename in ("add_document", "change_document", "choose_document", "delete_document")
]
TRANSLATOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "choose_document"),
]


def _permission(apps, app_label, model, codename):
    """The Permission row, created if Django's post_migrate has not made it yet."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action, _sep, _rest = codename.partition("_")
    try:
        verbose_name = apps.get_model(app_label, model)._meta.verbose_name
    except LookupError:
        verbose_name = model
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {verbose_name}"[:255]},
    )
    return permission


def _group(apps, name):
    Group = apps.get_model("auth", "Group")
    return Group.objects.get_or_create(name=name)[0]


def grant_locale_root_permissions(page, apps=global_apps):
    """Give Editors (Chinese root) or Translators (any other language's root) their page
    permissions on a locale's root page. Pages below depth 2 or above it are ignored."""
    if page.depth != 2:
        return
    Locale = apps.get_model("wagtailcore", "Locale")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    language_code = Locale.objects.get(pk=page.locale_id).language_code
    if language_code == settings.LANGUAGE_CODE:
        group, codenames = _group(apps, EDITORS), EDITOR_PAGE_PERMISSIONS
    else:
        group, codenames = _group(apps, TRANSLATORS), TRANSLATOR_PAGE_PERMISSIONS
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page_id=page.pk,
            permission=_permission(apps, "wagtailcore", "page", codename),
        )


def setup_groups(apps=global_apps):
    """Create or complete both groups; grant page permissions on every existing locale root."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page = apps.get_model("wagtailcore", "Page")

    editors = _group(apps, EDITORS)
    translators = _group(apps, TRANSLATORS)
    for group, model_permissions, collection_permissions in (
        (editors, editor_model_permissions(), EDITOR_COLLECTION_PERMISSIONS),
        (translators, translator_model_permissions(), TRANSLATOR_COLLECTION_PERMISSIONS),
    ):
        group.permissions.add(*(_permission(apps, *spec) for spec in model_permissions))
        root_collection = Collection.objects.filter(depth=1).first()
        if root_collection is not None:
            for spec in collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(apps, *spec)
                )

    # Wagtail's initial data gives Editors add/edit on the tree root, i.e. on every language.
    # Editors write Chinese only: their page permissions move to the Chinese root.
    GroupPagePermission.objects.filter(group=editors, page__depth=1).delete()
    for page in Page.objects.filter(depth=2):
        grant_locale_root_permissions(page, apps)


def grant_on_locale_root_created(sender, instance, created, raw=False, **kwargs):
    """post_save receiver of every page model: a new locale root page (e.g. the English home
    page made by wagtail-localize) gets its group's permissions."""
    if created and not raw and instance.depth == 2:
        grant_locale_root_permissions(instance)
