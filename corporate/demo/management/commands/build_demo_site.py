"""Build the demo site, Chinese and English, from the content data in corporate/demo/content/.

Running it again creates only what is missing and changes nothing else (so editors' changes
survive); ``--reset`` deletes every page, snippet and translation record and builds anew.
"""

import time
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import TranslationSource

from corporate.core.models import CompanyProfile, SeoSettings
from corporate.demo import features
from corporate.demo.content import CONTENT_DIR, load_content
from corporate.demo.english import MissingTranslations, load_dictionary, translate_instance
from corporate.demo.feature_images import ensure_feature_images
from corporate.demo.images import ensure_demo_images
from corporate.demo.inquiry import build_inquiry_form
from corporate.demo.renditions import make_page_renditions
from corporate.demo.roots import ensure_wagtail_roots
from corporate.demo.trust import build_english as build_trust_english
from corporate.demo.trust import build_trust, trust_snippets
from corporate.demo.trust import reset as reset_trust
from corporate.inquiries.models import ContactPage
from corporate.translations import traditional
from home.models import HomePage
from news.models import NewsCategory, NewsIndexPage

REFERENCE_FIELDS = {"hero_cta_page"}


@contextmanager
def search_index_updates_paused():
    """Index once at the end instead of on every save (each page is saved several times)."""

    models = [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


class Command(BaseCommand):
    help = "Build the demo site in Chinese and English from corporate/demo/content/ (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete all pages and snippets first and rebuild."
        )
        parser.add_argument(
            "--no-english", action="store_true", help="Build the Chinese site only."
        )
        parser.add_argument(
            "--no-traditional",
            action="store_true",
            help="Do not generate the Traditional Chinese site (/zh-hant/).",
        )
        parser.add_argument(
            "--content",
            default=str(CONTENT_DIR),
            help="Folder holding zh/*.yaml and en/*.po (default: corporate/demo/content).",
        )
        parser.add_argument(
            "--no-index", action="store_true", help="Skip updating the search index at the end."
        )
        parser.add_argument(
            "--renditions",
            action="store_true",
            help="Make every page's image renditions (AVIF, WebP, JPEG) ahead by rendering it once.",
        )

    def handle(self, *args, **options):
        # Each page and snippet written here would queue its Traditional copy one by one: the
        # whole Traditional site is written in one step at the end instead.
        with traditional.paused():
            self.build(**options)

    def build(
        self,
        reset=False,
        no_english=False,
        no_traditional=False,
        no_index=False,
        content=None,
        **options,
    ):
        started = time.monotonic()
        self.verbosity = options.get("verbosity", 1)
        self.created = 0
        self.content_dir = Path(content or CONTENT_DIR)
        content = features.extend_content(load_content(self.content_dir / "zh"))
        self.content = content
        self.zh = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
        self.en = Locale.objects.get_or_create(language_code="en")[0]
        with search_index_updates_paused(), transaction.atomic():
            ensure_wagtail_roots()
            if reset:
                self.reset()
            self.images = {**ensure_demo_images(), **ensure_feature_images()}
            self.step("Company profile")
            self.build_company(content["company"])
            self.step("Chinese page tree")
            home = self.build_home(content["home"])
            self.build_tree(home, content["pages"])
            self.step("News")
            self.build_news(content)
            self.link_references(home, content)
            self.build_inquiry_form(home)
            self.step("Trust centre: report verification, certificates, capability catalogue")
            build_trust(self, home, content)
            self.step("Case studies, downloads and notices")
            features.build_features(self, home, content)
            self.build_seo_settings(home, content)
        if not no_english:
            self.step("English site (wagtail-localize PO import)")
            with search_index_updates_paused():
                self.build_english(home)
        if not no_traditional and traditional.is_enabled():
            self.step("Traditional Chinese site (OpenCC through wagtail-localize)")
            with search_index_updates_paused(), transaction.atomic():
                written, seconds = traditional.regenerate_all()
            self.created += written
            self.stdout.write(f"    {written} objects in {seconds:.1f} s")
        if not no_index:
            self.step("Search index")
            call_command("update_index", verbosity=0)
        if options.get("renditions"):
            self.step("Image renditions (every page rendered once)")
            count, seconds = make_page_renditions()
            self.stdout.write(f"    {count} pages in {seconds:.1f} s")
        pages = Page.objects.filter(depth__gte=2)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo site ready: {pages.filter(locale=self.zh).count()} Chinese, "
                f"{pages.filter(locale__language_code=traditional.TRADITIONAL).count()} "
                f"Traditional Chinese and {pages.filter(locale=self.en).count()} English pages; "
                f"{self.created} objects "
                f"created in this run ({time.monotonic() - started:.1f} s)."
            )
        )

    # -- helpers -----------------------------------------------------------------------------

    def step(self, label):
        self.stdout.write(f"· {label}")

    def note(self, label):
        self.created += 1
        if self.verbosity > 1:
            self.stdout.write(f"    + {label}")

    def reset(self):

        self.step("Reset: deleting pages, snippets and translation records")
        for page in Page.objects.filter(depth=2):
            page.delete()
        TranslationSource.objects.all().delete()
        CompanyProfile.objects.all().delete()
        NewsCategory.objects.all().delete()
        reset_trust()
        features.reset()
        SeoSettings.objects.all().delete()

    def resolve(self, value, pages_by_slug):
        """Replace demo image keys and page slugs inside block data by primary keys."""
        if isinstance(value, list):
            return [self.resolve(item, pages_by_slug) for item in value]
        if isinstance(value, dict):
            resolved = {}
            for key, item in value.items():
                if key == "image" and isinstance(item, str):
                    resolved[key] = self.images[item].pk
                elif key == "page" and isinstance(item, str):
                    if item not in pages_by_slug:
                        raise CommandError(f"Content refers to unknown page slug {item!r}")
                    resolved[key] = pages_by_slug[item].pk
                else:
                    resolved[key] = self.resolve(item, pages_by_slug)
            return resolved
        return value

    def assign_fields(self, page, fields, pages_by_slug):
        for name, value in (fields or {}).items():
            field = page._meta.get_field(name)
            if isinstance(field, StreamField):
                # Through the block itself: validates the content data, and gives ListBlock
                # items the ids that wagtail-localize needs to offer them for translation.
                block = field.stream_block
                stream = block.to_python(self.resolve(value, pages_by_slug))
                try:
                    block.clean(stream)
                except ValidationError as error:
                    raise CommandError(
                        f"{page.title}: invalid {name} in the content data: {error}"
                    ) from error
                setattr(page, name, stream)
            elif field.is_relation and name.endswith("image"):
                setattr(page, name, self.images[value])
            elif name in REFERENCE_FIELDS:
                continue  # linked after every page exists
            else:
                setattr(page, name, value)

    def build_company(self, data):
        if not CompanyProfile.objects.filter(locale=self.zh).exists():
            data = dict(data)
            for name in ("logo", "wechat_qr"):
                if data.get(name):
                    data[name] = self.images[data[name]]
            CompanyProfile.objects.create(locale=self.zh, **data)
            self.note("company profile")

    def build_seo_settings(self, home, content):
        """The default share image and the privacy page of the consent banner, set once (when
        both are empty) so that editors' choices survive a re-run. Analytics stays off."""
        site = Site.objects.get(is_default_site=True)
        settings_, _created = SeoSettings.objects.get_or_create(site=site)
        if settings_.default_share_image_id or settings_.privacy_page_id:
            return
        data = content.get("seo_settings", {})
        if data.get("default_share_image"):
            settings_.default_share_image = self.images[data["default_share_image"]]
        if data.get("privacy_page"):
            settings_.privacy_page = (
                Page.objects.descendant_of(home).filter(slug=data["privacy_page"]).first()
            )
        settings_.save()
        self.note("search engine and sharing settings")

    def build_home(self, data):
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(depth=2, locale=self.zh).first()
        if home is None:
            # Wagtail's initial "Welcome" page holds the slug we want.
            for page in (
                root.get_children().filter(locale=self.zh).exclude(content_type__model="homepage")
            ):
                page.delete()
            fields = {
                k: v for k, v in data.items() if k not in {"featured_services", "hero_cta_page"}
            }
            home = HomePage(slug="home", locale=self.zh, live=False)
            home.title = fields.pop("title")
            self.assign_fields(home, self._without_streams(HomePage, fields), {})
            root.add_child(instance=home)
            self.note("home page")
            self.new_pages = [home]
        else:
            self.new_pages = []
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        if site.root_page_id != home.id:
            site.root_page = home
            site.site_name = data.get("title", "")
            site.save()
        return home

    def build_tree(self, parent, nodes):
        for node in nodes:
            self.build_page(parent, node)
            self.stdout.write(f"    {node['title']} ({node['slug']})")

    def build_page(self, parent, node):
        model = apps.get_model(node["type"])
        page = model.objects.child_of(parent).filter(slug=node["slug"]).first()
        if page is None:
            page = model(
                title=node["title"],
                slug=node["slug"],
                locale=parent.locale,
                show_in_menus=node.get("show_in_menus", False),
                seo_title=node.get("seo_title", ""),
                search_description=node.get("search_description", ""),
                live=False,
            )
            self.assign_fields(page, self._without_streams(model, node.get("fields")), {})
            parent.add_child(instance=page)
            self.new_pages.append(page)
            self.note(f"{model._meta.verbose_name}: {page.title}")
        for child in node.get("children", []):
            self.build_page(page, child)
        return page

    @staticmethod
    def _is_stream(model, name):
        return isinstance(model._meta.get_field(name), StreamField)

    @classmethod
    def _without_streams(cls, model, fields):
        """StreamFields may reference pages created later: link_references assigns them."""
        return {k: v for k, v in (fields or {}).items() if not cls._is_stream(model, k)}

    def build_news(self, content):

        categories = {}
        self.categories = categories
        for data in content.get("news_categories", []):
            category = NewsCategory.objects.filter(locale=self.zh, slug=data["slug"]).first()
            if category is None:
                category = NewsCategory.objects.create(locale=self.zh, **data)
                self.note(f"news category: {category.name}")
            categories[data["slug"]] = category
        index = NewsIndexPage.objects.filter(locale=self.zh).first()
        if index is None:
            if content.get("news_articles"):
                raise CommandError("News articles need a news.NewsIndexPage in the page tree.")
            return
        for article in content.get("news_articles", []):
            node = {
                "type": "news.NewsArticlePage",
                "title": article["title"],
                "slug": article["slug"],
                "search_description": article.get("search_description", ""),
                "fields": {
                    **article.get("fields", {}),
                    "date": article["date"],
                    "source": article.get("source", ""),
                    "is_sample": article.get("is_sample", False),
                },
            }
            self.build_page(index, node)

    def link_references(self, home, content):
        """Second pass over the pages created in this run: page references, StreamFields, then
        publish in tree order."""
        pages_by_slug = {
            page.slug: page
            for page in Page.objects.descendant_of(home, inclusive=True).filter(locale=self.zh)
        }
        nodes = {}

        def walk(items):
            for node in items:
                nodes[node["slug"]] = node
                walk(node.get("children", []))

        walk(content["pages"])
        for article in content.get("news_articles", []):
            nodes[article["slug"]] = {
                "fields": article.get("fields", {}),
                "category": article.get("category"),
                "tags": article.get("tags", []),
            }
        nodes["home"] = {
            "fields": {k: v for k, v in content["home"].items() if self._is_stream(HomePage, k)}
        }

        for page in sorted(self.new_pages, key=lambda p: p.path):
            # Reload: adding children changed the tree columns of the instances held so far.
            page = Page.objects.get(pk=page.pk).specific
            node = nodes.get(page.slug, {})
            fields = node.get("fields") or {}
            streams = {k: v for k, v in fields.items() if self._is_stream(type(page), k)}
            self.assign_fields(page, streams, pages_by_slug)
            if isinstance(page, HomePage):
                data = content["home"]
                if data.get("hero_cta_page"):
                    page.hero_cta_page = pages_by_slug[data["hero_cta_page"]]
                # sort_order as the admin's form sets it (modelcluster's add() leaves it
                # empty, and the list's order would then be the database's row order).
                page.featured_services.set([])
                for order, slug in enumerate(data.get("featured_services", [])):
                    page.featured_services.add(
                        page.featured_services.model(
                            service=pages_by_slug[slug].specific, sort_order=order
                        )
                    )
            if node.get("category"):
                page.category = self.categories[node["category"]]
            if node.get("tags"):
                page.tags.set(node["tags"])
            if hasattr(page, "related_areas"):
                for order, slug in enumerate(node.get("related_areas", [])):
                    page.related_areas.add(
                        page.related_areas.model(
                            area=pages_by_slug[slug].specific, sort_order=order
                        )
                    )
            page.save_revision().publish()

    def build_inquiry_form(self, home):

        contact = ContactPage.objects.descendant_of(home).filter(locale=self.zh).first()
        if contact is not None and build_inquiry_form(contact):
            self.note("inquiry form fields")

    def build_english(self, home):

        dictionary = load_dictionary(self.content_dir / "en")
        missing = []
        objects = [
            *CompanyProfile.objects.filter(locale=self.zh),
            *NewsCategory.objects.filter(locale=self.zh),
            *trust_snippets(self.zh),
            *features.feature_snippets(self.zh),
        ]
        objects += [
            p.specific for p in Page.objects.descendant_of(home, inclusive=True).order_by("path")
        ]
        for instance in objects:
            if instance.has_translation(self.en):
                continue
            if isinstance(instance, Page) and not instance.live:
                continue
            target, absent = translate_instance(instance, self.en, dictionary)
            if absent:
                missing.extend(absent)
                continue
            self.note(f"English: {target}")
        # Catalogue entries name their area: translated once the English area pages exist.
        missing.extend(build_trust_english(self, dictionary))
        if missing:
            raise MissingTranslations(missing)
        features.english_documents(self, self.content, dictionary, self.en)
