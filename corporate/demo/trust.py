"""Demo step of the trust centre: the report verification page, the certificates page and
the capability catalogue page (under the Technical Capabilities page), the certificates with
watermarked scans, the catalogue and a few sample test reports. Content in
content/zh/50-trust.yaml and 51-catalogue.yaml, English in content/en/50-trust.po and
51-catalogue.po.

Like the rest of the builder it creates what is missing and changes nothing that exists."""

import datetime
import io

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Page

from corporate.capabilities.models import CapabilityEntry, Certificate
from corporate.demo.english import translate_instance
from corporate.reports.codes import hash_code
from corporate.reports.models import TestReport

SCAN_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SCANS = {
    "certificate-cma": ("示例图片：资质认定证书扫描件", "#8c1d18"),
    "certificate-iso": ("示例图片：管理体系认证证书扫描件", "#1d4f8c"),
    "certificate-forensic": ("示例图片：司法鉴定许可证扫描件", "#3d5c2e"),
}


def reset():
    CapabilityEntry.objects.all().delete()
    Certificate.objects.all().delete()
    TestReport.objects.filter(is_sample=True).delete()


# -- pages -----------------------------------------------------------------------------------------


def _pages_by_slug(builder, home):
    pages = {
        p.slug: p
        for p in Page.objects.descendant_of(home, inclusive=True).filter(locale=builder.zh)
    }
    pages["home"] = home
    return pages


def _build_page(builder, node, pages):
    parent = pages.get(node["parent"])
    if parent is None:
        raise CommandError(f"Trust centre page {node['slug']!r}: no parent page {node['parent']!r}")
    model = apps.get_model(node["type"])
    if model.objects.child_of(parent).filter(slug=node["slug"]).exists():
        return
    fields = dict(node.get("fields") or {})
    page = model(
        title=node["title"],
        slug=node["slug"],
        locale=builder.zh,
        search_description=node.get("search_description", ""),
        live=False,
    )
    builder.assign_fields(page, fields, pages)
    if node.get("also_on"):
        page.also_on = [{"type": "page", "value": pages[slug].pk} for slug in node["also_on"]]
    parent.specific.add_child(instance=page)
    page.save_revision().publish()
    pages[page.slug] = page
    builder.note(f"{model._meta.verbose_name}: {page.title}")


# -- certificates --------------------------------------------------------------------------------


def _font(size):
    try:
        return ImageFont.truetype(SCAN_FONT, size)
    except OSError:
        return ImageFont.load_default(size=size)


def _scan_image(key):
    """A mock certificate scan (A4 landscape proportions), drawn with Pillow."""
    title, colour = SCANS[key]
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    picture = PILImage.new("RGB", (1400, 990), "#fbf8ef")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((30, 30, 1370, 960), outline=colour, width=14)
    draw.rectangle((60, 60, 1340, 930), outline=colour, width=3)
    heading = title.replace("示例图片：", "").replace("扫描件", "")
    draw.text((700, 240), heading, fill=colour, font=_font(72), anchor="mm")
    draw.text(
        (700, 360), "SAMPLE CERTIFICATE · 示例证书", fill="#555555", font=_font(40), anchor="mm"
    )
    for row in range(5):
        draw.line((220, 480 + row * 70, 1180, 480 + row * 70), fill="#c8c2b0", width=4)
    draw.ellipse((1020, 700, 1240, 920), outline=colour, width=8)
    draw.text((1130, 810), "印", fill=colour, font=_font(80), anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = Image(title=title, description=f"{heading} (sample)")
    image.file = ImageFile(ContentFile(buffer.getvalue()), name=f"{key}.png")
    image.save()
    return image


def _build_certificates(builder, items):
    today = timezone.localdate()
    for item in items:
        if Certificate.objects.filter(locale=builder.zh, number=item["number"]).exists():
            continue
        Certificate.objects.create(
            locale=builder.zh,
            name=item["name"],
            number=item["number"],
            issuer=item["issuer"],
            issuer_name=item.get("issuer_name", ""),
            valid_from=today - datetime.timedelta(days=item["valid_from_days_ago"]),
            valid_until=today + datetime.timedelta(days=item["valid_until_in_days"]),
            scope_summary=item.get("scope_summary", ""),
            check_url=item.get("check_url", ""),
            scan=_scan_image(item["scan"]) if item.get("scan") else None,
            sort_order=item.get("sort_order", 0),
            is_sample=True,
        )
        builder.note(f"certificate: {item['name']}")


# -- catalogue -------------------------------------------------------------------------------------


def _build_catalogue(builder, areas, pages):
    if CapabilityEntry.objects.filter(locale=builder.zh).exists():
        return
    entries = []
    order = 0
    for group in areas:
        area = pages.get(group["area"])
        if area is None:
            raise CommandError(f"Catalogue: unknown accreditation area {group['area']!r}")
        for row in group["rows"]:
            parameter, aliases, code, title, limit, *rest = row
            order += 1
            entries.append(
                CapabilityEntry(
                    locale=builder.zh,
                    area_id=area.pk,
                    parameter=parameter,
                    aliases=aliases,
                    method_code=code,
                    method_title=title,
                    detection_limit=limit,
                    accredited=rest[0] if rest else True,
                    sort_order=order,
                    is_sample=True,
                )
            )
    CapabilityEntry.objects.bulk_create(entries)
    builder.note(f"{len(entries)} catalogue entries")


# -- sample reports --------------------------------------------------------------------------------


def sample_pdf(lines):
    """A one-page PDF with a few lines of Latin text (no dependency: the demo's sample report)."""
    text = (
        "BT /F1 18 Tf 72 760 Td 24 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
            for line in lines
        )
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _build_reports(builder, items, pages):
    by_number = {}
    for item in items:
        report = TestReport.objects.filter(number=item["number"]).first()
        if report is None:
            report = TestReport(
                number=item["number"],
                code_hash=hash_code(item["number"], item["code"]),
                client_name=item["client_name"],
                description=item.get("description", ""),
                issue_date=item["issue_date"],
                status=item.get("status", TestReport.VALID),
                revoked_reason=item.get("revoked_reason", ""),
                revoked_on=item.get("revoked_on"),
                language=item.get("language", "zh-hans"),
                is_sample=True,
            )
            if item.get("pdf"):
                pdf = sample_pdf(
                    [
                        "Shandong Guoping Testing - SAMPLE TEST REPORT",
                        f"Report {item['number']}",
                        "Demo data only.",
                    ]
                )
                report.pdf.save(f"{item['number']}.pdf", ContentFile(pdf), save=False)
                report.publish_pdf = True
            report.save()
            report.areas.set([pages[slug].pk for slug in item.get("areas", [])])
            builder.note(f"sample report: {report.number}")
        by_number[report.number] = (report, item)
    for report, item in by_number.values():
        if item.get("replaced_by") and report.superseded_by_id is None:
            report.superseded_by = TestReport.objects.get(number=item["replaced_by"])
            report.save(update_fields=["superseded_by"])


# -- the steps -------------------------------------------------------------------------------------


def build_trust(builder, home, content):
    """Chinese pages, certificates, catalogue and sample reports (inside the Chinese step)."""
    pages = _pages_by_slug(builder, home)
    for node in content.get("trust_pages", []):
        _build_page(builder, node, pages)
    _build_certificates(builder, content.get("certificates", []))
    _build_catalogue(builder, content.get("catalogue", []), pages)
    _build_reports(builder, content.get("sample_reports", []), pages)


def trust_snippets(locale):
    """Snippets translated with the others, before the pages: the certificates."""
    return list(Certificate.objects.filter(locale=locale))


def build_english(builder, dictionary):
    """The English catalogue entries, after the English pages (each names its English area).
    Returns the Chinese strings that have no English."""
    missing = []
    for entry in CapabilityEntry.objects.filter(locale=builder.zh).order_by("sort_order"):
        if entry.has_translation(builder.en):
            continue
        target, absent = translate_instance(entry, builder.en, dictionary)
        missing.extend(absent)
        if target is not None:
            builder.created += 1
    return missing
