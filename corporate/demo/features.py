"""Demo steps of the home slides, the contact features, case studies, the download centre and
site notices, called by ``build_demo_site``. Their content is in content/zh/4*.yaml, with its
English in content/en/4*.po.

Each step creates what is missing and changes nothing that exists (editors' changes survive)."""

import datetime
import json

from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail_localize.models import OverridableSegment, SegmentOverride, TranslationSource

from corporate.cases.models import CaseIndexPage, CasePage, Industry
from corporate.core.cjk import CHINESE_TEXT
from corporate.core.models import ServicePage
from corporate.demo.pdfs import build_pdf
from corporate.downloads.models import Download, DownloadIndexPage
from corporate.notices.models import Notice


def extend_content(content):
    """Fold the additions of later content files into the site's own data: ``company_extras``
    into the company profile, ``extend_pages: {slug: {field: value}}`` into the pages (a list
    of blocks is appended to the page's blocks, any other value replaces the field's)."""
    content.setdefault("company", {}).update(content.get("company_extras", {}))
    extensions = content.get("extend_pages", {})

    def extend(fields, more):
        for name, value in more.items():
            if isinstance(value, list) and isinstance(fields.get(name), list):
                fields[name] = [*fields[name], *value]
            else:
                fields[name] = value

    if "home" in extensions:
        extend(content["home"], extensions["home"])

    def walk(nodes):
        for node in nodes:
            if node["slug"] in extensions:
                extend(node.setdefault("fields", {}), extensions[node["slug"]])
            walk(node.get("children", []))

    walk(content.get("pages", []))
    return content


def feature_snippets(locale):
    """The snippets these steps create, in the order they must be translated (industries
    before the case pages that name them)."""
    return [
        *Industry.objects.filter(locale=locale),
        *Download.objects.filter(locale=locale),
        *Notice.objects.filter(locale=locale),
    ]


def reset():
    Notice.objects.all().delete()
    Download.objects.all().delete()
    Industry.objects.all().delete()


# -- case studies ---------------------------------------------------------------------------


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _add_page(builder, parent, page, streams, pages_by_slug):
    builder.assign_fields(page, streams, pages_by_slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    builder.note(f"{page._meta.verbose_name}: {page.title}")
    return page


def build_cases(builder, home, content):
    data = content.get("cases")
    if not data:
        return
    industries = {}
    for item in data.get("industries", []):
        industry = Industry.objects.filter(locale=builder.zh, slug=item["slug"]).first()
        if industry is None:
            industry = Industry.objects.create(locale=builder.zh, **item)
            builder.note(f"industry: {industry.name}")
        industries[item["slug"]] = industry
    pages_by_slug = {
        page.slug: page
        for page in Page.objects.descendant_of(home, inclusive=True).filter(locale=builder.zh)
    }
    index = CaseIndexPage.objects.child_of(home).filter(locale=builder.zh).first()
    if index is None:
        raise CommandError("The case studies need a cases.CaseIndexPage in the page tree.")
    for item in data.get("case_pages", []):
        if _child(index, CasePage, item["slug"]) is not None:
            continue
        page = CasePage(
            title=item["title"],
            slug=item["slug"],
            locale=builder.zh,
            client=item.get("client", ""),
            industry=industries[item["industry"]],
            completed_on=item["completed_on"],
            summary=item["summary"],
            hero_image=builder.images[item["hero_image"]] if item.get("hero_image") else None,
            challenge=item["challenge"],
            approach=item["approach"],
            result=item["result"],
            is_sample=item.get("is_sample", False),
        )
        for order, slug in enumerate(item.get("services", [])):
            service = pages_by_slug.get(slug)
            if service is None or not isinstance(service.specific, ServicePage):
                raise CommandError(f"Case {item['slug']!r} names unknown service {slug!r}")
            page.related_services.add(
                page.related_services.model(service=service.specific, sort_order=order)
            )
        streams = {
            "key_figures": [{"type": "figure", "value": v} for v in item.get("key_figures", [])],
            "gallery": [{"type": "image", "value": v} for v in item.get("gallery", [])],
        }
        _add_page(builder, index, page, streams, pages_by_slug)


# -- the download centre ----------------------------------------------------------------------


def _document(title, filename, data):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(data), save=False)
        document.save()
    return document


def _pdf_document(spec, key, language, translate):
    title = translate(spec["title"])
    return _document(
        f"{title} ({language})" if language != "zh-hans" else title,
        f"{key}-{language}.pdf",
        build_pdf(spec, language, translate),
    )


def build_downloads(builder, home, content):
    data = content.get("downloads")
    if not data:
        return
    if not DownloadIndexPage.objects.child_of(home).filter(locale=builder.zh).exists():
        raise CommandError("The downloads need a downloads.DownloadIndexPage in the page tree.")
    services = {page.slug: page for page in ServicePage.objects.filter(locale=builder.zh)}
    pdfs = data.get("pdfs", {})
    for item in data.get("items", []):
        if Download.objects.filter(locale=builder.zh, title=item["title"]).exists():
            continue
        document = _pdf_document(pdfs[item["pdf"]], item["pdf"], "zh-hans", lambda text: text)
        Download.objects.create(
            locale=builder.zh,
            title=item["title"],
            description=item.get("description", ""),
            category=item["category"],
            document=document,
            date=item["date"],
            all_services=item.get("all_services", False),
            services=[
                {"type": "service", "value": services[slug].pk} for slug in item.get("services", [])
            ],
            is_sample=item.get("is_sample", False),
        )
        builder.note(f"download: {item['title']}")


def english_documents(builder, content, dictionary, locale):
    """Give each English download its English PDF, as a translator would: an override of the
    synchronised file in wagtail-localize, then a sync of the translation."""
    data = content.get("downloads") or {}
    pdfs = data.get("pdfs", {})

    def translate(text):
        if not CHINESE_TEXT.search(text):
            return text
        if text not in dictionary:
            raise CommandError(f"No English for the PDF text {text!r}")
        return dictionary[text]

    for item in data.get("items", []):
        source_download = Download.objects.filter(locale=builder.zh, title=item["title"]).first()
        if source_download is None or not source_download.has_translation(locale):
            continue
        english = source_download.get_translation(locale)
        if english.document_id != source_download.document_id:
            continue  # already has its own file
        document = _pdf_document(pdfs[item["pdf"]], item["pdf"], locale.language_code, translate)
        source = TranslationSource.objects.get_for_instance(source_download)
        segment = OverridableSegment.objects.filter(source=source, context__path="document").first()
        if segment is None:
            raise CommandError(f"{item['title']}: wagtail-localize offers no file override")
        SegmentOverride.objects.update_or_create(
            locale=locale, context=segment.context, defaults={"data_json": json.dumps(document.pk)}
        )
        source.create_or_update_translation(locale, fallback=False)
        builder.note(f"English file: {document.title}")


# -- site notices ------------------------------------------------------------------------------


def build_notices(builder, home, content):
    now = timezone.now()
    pages_by_slug = {
        page.slug: page
        for page in Page.objects.descendant_of(home, inclusive=True).filter(locale=builder.zh)
    }
    for item in content.get("notices", []):
        if Notice.objects.filter(locale=builder.zh, text=item["text"]).exists():
            continue
        ends = item.get("ends_in_days")
        Notice.objects.create(
            locale=builder.zh,
            text=item["text"],
            level=item.get("level", "info"),
            link_label=item.get("link_label", ""),
            link_page=pages_by_slug.get(item.get("link_page")),
            link_url=item.get("link_url", ""),
            starts_at=now + datetime.timedelta(days=item.get("starts_in_days", 0)),
            ends_at=now + datetime.timedelta(days=ends) if ends is not None else None,
        )
        builder.note(f"notice: {item['text'][:20]}")


def build_features(builder, home, content):
    build_cases(builder, home, content)
    build_downloads(builder, home, content)
    build_notices(builder, home, content)
