"""The admin's roles, least privilege: Editors, Translators, Inquiry handlers (README, "Who may
do what", lists every right; tests/test_roles_matrix.py walks each cell over HTTP).

- Editors write the Chinese site and shape its structure: pages of the Chinese tree (add,
  change, publish, lock, move, delete, also whole branches), snippets, settings, images,
  documents, redirects and promoted search results. They cannot touch the English text.
- Translators keep the English site in step: they edit and publish the English text of pages,
  snippets and settings in wagtail-localize's editor and sync translations. They cannot edit
  Chinese content, synchronised or non-text fields (the hooks in ``wagtail_hooks.py`` refuse
  wagtail-localize's overrides and Wagtail's own editor on English objects), stop a translation,
  delete, move or unpublish pages, or see inquiries.
- Inquiry handlers (客户咨询) alone read, mark handled, export and delete inquiries.

No other group keeps permissions: Wagtail's default "Moderators" group (publish on the tree
root, i.e. on every language) and its "Moderators approval" workflow are removed.

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
INQUIRY_HANDLERS = "Inquiry handlers"
ROLES = (EDITORS, TRANSLATORS, INQUIRY_HANDLERS)
# Wagtail's initial data makes this group (publish on the tree root) and a workflow for it.
WAGTAIL_MODERATORS = "Moderators"

# Page permissions on the root of the source-language (Chinese) tree; bulk_delete lets Editors
# delete and move whole branches (site structure).
EDITOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
# Page permissions on the root of every other language's tree. No "add": English pages come
# from wagtail-localize (translation of a Chinese page), never from scratch.
TRANSLATOR_PAGE_PERMISSIONS = ["change_page", "publish_page", "lock_page"]


def _names(models):
    return sorted((model._meta.app_label, model._meta.model_name) for model in models)


def snippets():
    """(app label, model name) of every registered snippet: Editors manage them. Read from
    Wagtail's snippet registry, so feature apps need not be named here."""
    return _names(get_snippet_models())


def translatable_snippets():
    """Registered snippets that are translated (TranslatableMixin): Translators change them (the
    snippet guard in corporate/core/localize_gaps/snippet_permissions.py keeps Translators off
    the Chinese rows, ``wagtail_hooks.py`` keeps Editors off the English ones)."""
    return _names(m for m in get_snippet_models() if issubclass(m, TranslatableMixin))


def settings_models():
    """Every registered setting (wagtail.contrib.settings), when that app is installed."""
    if not global_apps.is_installed("wagtail.contrib.settings"):
        return []
    from wagtail.contrib.settings.registry import registry

    return list(registry)


def editable_settings():
    return _names(settings_models())


def translatable_settings():
    return _names(m for m in settings_models() if issubclass(m, TranslatableMixin))


EDITOR_BASE_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    ("wagtailredirects", "redirect", "add_redirect"),
    ("wagtailredirects", "redirect", "change_redirect"),
    ("wagtailredirects", "redirect", "delete_redirect"),
    ("wagtailsearchpromotions", "searchpromotion", "add_searchpromotion"),
    ("wagtailsearchpromotions", "searchpromotion", "change_searchpromotion"),
    ("wagtailsearchpromotions", "searchpromotion", "delete_searchpromotion"),
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


INQUIRY_HANDLER_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("inquiries", "inquirysubmission", "view_inquirysubmission"),
    ("inquiries", "inquirysubmission", "change_inquirysubmission"),  # mark handled
    ("inquiries", "inquirysubmission", "delete_inquirysubmission"),
]


def editor_model_permissions():
    return (
        EDITOR_BASE_PERMISSIONS
        + [
            (app_label, model, f"{action}_{model}")
            for app_label, model in snippets()
            for action in ("add", "change", "delete")
        ]
        + [(app_label, model, f"change_{model}") for app_label, model in editable_settings()]
    )


def translator_model_permissions():
    return TRANSLATOR_BASE_PERMISSIONS + [
        (app_label, model, f"change_{model}")
        for app_label, model in translatable_snippets() + translatable_settings()
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
    """Give Editors (Chinese root) or Translators (any other translated language's root) their
    page permissions on a locale's root page; nobody gets any on a generated language's root.
    Pages below depth 2 or above it are ignored."""
    if page.depth != 2:
        return
    Locale = apps.get_model("wagtailcore", "Locale")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    language_code = Locale.objects.get(pk=page.locale_id).language_code
    if language_code in settings.GENERATED_LANGUAGES:
        return  # the Traditional site is generated from the Chinese one: nobody edits it
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


def remove_default_moderation(apps=global_apps):
    """Wagtail's initial data: the "Moderators" group (add, change, publish on the tree root,
    so on every language) and the "Moderators approval" workflow on the root. Neither fits the
    roles here (publishing is each role's own, per language), so both go."""
    Group = apps.get_model("auth", "Group")
    moderators = Group.objects.filter(name=WAGTAIL_MODERATORS).first()
    if moderators is None:
        return
    try:
        GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
        Workflow = apps.get_model("wagtailcore", "Workflow")
        WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
        WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    except LookupError:
        GroupApprovalTask = None
    if GroupApprovalTask is not None:
        tasks = GroupApprovalTask.objects.filter(groups=moderators)
        workflows = Workflow.objects.filter(workflow_tasks__task__in=tasks).distinct()
        if not WorkflowState.objects.filter(workflow__in=workflows, status="in_progress").exists():
            WorkflowPage.objects.filter(workflow__in=workflows).delete()
            workflows.update(active=False)
            tasks.update(active=False)
    moderators.delete()


def setup_groups(apps=global_apps):
    """Create or complete the three groups; grant page permissions on every existing locale
    root; remove Wagtail's default Moderators group and workflow."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page = apps.get_model("wagtailcore", "Page")

    editors = _group(apps, EDITORS)
    translators = _group(apps, TRANSLATORS)
    handlers = _group(apps, INQUIRY_HANDLERS)
    for group, model_permissions, collection_permissions in (
        (editors, editor_model_permissions(), EDITOR_COLLECTION_PERMISSIONS),
        (translators, translator_model_permissions(), TRANSLATOR_COLLECTION_PERMISSIONS),
        (handlers, INQUIRY_HANDLER_PERMISSIONS, []),
    ):
        # Exactly these permissions: a right dropped here is taken away on the next run.
        group.permissions.set([_permission(apps, *spec) for spec in model_permissions])
        root_collection = Collection.objects.filter(depth=1).first()
        if root_collection is not None:
            for spec in collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(apps, *spec)
                )

    # Wagtail's initial data gives Editors add/edit on the tree root, i.e. on every language.
    # Editors write Chinese only: their page permissions move to the Chinese root.
    GroupPagePermission.objects.filter(group=editors, page__depth=1).delete()
    GroupPagePermission.objects.filter(group=handlers).delete()
    for page in Page.objects.filter(depth=2):
        grant_locale_root_permissions(page, apps)
    remove_default_moderation(apps)


def grant_on_locale_root_created(sender, instance, created, raw=False, **kwargs):
    """post_save receiver of every page model: a new locale root page (e.g. the English home
    page made by wagtail-localize) gets its group's permissions."""
    if created and not raw and instance.depth == 2:
        grant_locale_root_permissions(instance)


def refresh_roles(**kwargs):
    """post_migrate receiver: bring the groups in line with this module."""
    setup_groups()
