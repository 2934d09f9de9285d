"""Demo set-up of the inquiry form on the Chinese contact page.

The English words for every Chinese string here are in corporate/demo/content/en/30-inquiry.po."""

from corporate.core.models import CompanyProfile

# (stored name, label, field type, required, help text, choices)
DEMO_FIELDS = [
    ("name", "姓名", "singleline", True, "", ""),
    ("company", "单位名称", "singleline", False, "", ""),
    (
        "phone",
        "联系电话",
        "phone",
        True,
        "手机号码或带区号的固定电话；境外号码请以 + 和国家代码开头。",
        "",
    ),
    ("email", "电子邮箱", "email", False, "", ""),
    ("service", "检测服务", "service", True, "从服务页面进入时已为您选好。", ""),
    (
        "sample_type",
        "样品类型",
        "dropdown",
        True,
        "",
        "水和废水\n环境空气和废气\n土壤和沉积物\n固体废物\n噪声和振动\n其他",
    ),
    ("location", "项目所在地", "singleline", False, "例如：山东省济南市历城区", ""),
    (
        "message",
        "检测需求",
        "multiline",
        True,
        "请简要说明检测项目、样品数量和期望完成时间。",
        "",
    ),
    (
        "consent",
        "我已阅读并同意隐私政策，同意贵公司为答复本次咨询处理我填写的个人信息。",
        "consent",
        True,
        "",
        "",
    ),
]
DEMO_SUBJECT = "网站在线咨询"


def build_inquiry_form(contact_page):
    """Give the contact page the demo form if it has no fields yet (editors' forms are left
    alone), set the e-mail settings that are still empty, and publish. Returns the number of
    fields created."""
    # The latest revision, not the live row: the editor's draft is what a publish would keep.
    page = contact_page.get_latest_revision_as_object()
    if len(page.form_fields.all()):
        return 0
    for sort_order, (clean_name, label, field_type, required, help_text, choices) in enumerate(
        DEMO_FIELDS
    ):
        page.form_fields.add(
            page.form_fields.model(
                sort_order=sort_order,
                clean_name=clean_name,
                label=label,
                field_type=field_type,
                required=required,
                help_text=help_text,
                choices=choices,
                locale_id=page.locale_id,
            )
        )
    company = CompanyProfile.objects.filter(locale_id=page.locale_id).first()
    if not page.to_address and company is not None:
        page.to_address = company.email
    if not page.subject:
        page.subject = DEMO_SUBJECT
    revision = page.save_revision()
    if page.live:
        revision.publish()
    return len(DEMO_FIELDS)
