"""One factory per page type and snippet. ``test_factories.py`` fails when a page type has none."""

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from corporate.core import models as corporate_models
from corporate.inquiries import models as inquiry_models
from home.models import HomePage
from news import models as news_models


def zh_locale():
    return Locale.objects.get_or_create(language_code="zh-hans")[0]


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


class HomePageFactory(wagtail_factories.PageFactory):
    title = "网站首页"
    slug = factory.Sequence(lambda n: f"home-{n}")
    hero_headline = "专业环境检测服务"
    hero_intro = "山东国评检测服务有限公司提供水、气、土壤检测。"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"关于我们 {n}")
    slug = factory.Sequence(lambda n: f"about-{n}")
    intro = "公司简介"
    body = factory.LazyFunction(lambda: paragraph("我们是一家第三方检测机构。"))

    class Meta:
        model = corporate_models.StandardPage


class AccreditationIndexPageFactory(wagtail_factories.PageFactory):
    title = "资质领域"
    slug = factory.Sequence(lambda n: f"accreditation-{n}")

    class Meta:
        model = corporate_models.AccreditationIndexPage


class AccreditationAreaPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"土壤和水系沉积物 {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    summary = "土壤与沉积物中重金属、有机污染物的检测。"
    standards = factory.LazyFunction(
        lambda: [
            {"type": "standard", "value": {"code": "GB 36600-2018", "name": "土壤环境质量标准"}}
        ]
    )

    class Meta:
        model = corporate_models.AccreditationAreaPage


class ServiceIndexPageFactory(wagtail_factories.PageFactory):
    title = "服务范围"
    slug = factory.Sequence(lambda n: f"services-{n}")

    class Meta:
        model = corporate_models.ServiceIndexPage


class ServicePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"土壤检测 {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    summary = "建设用地与农用地土壤检测。"
    body = factory.LazyFunction(lambda: paragraph("依据 GB 36600 开展土壤检测。"))

    class Meta:
        model = corporate_models.ServicePage


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "联系我们"
    slug = factory.Sequence(lambda n: f"contact-{n}")
    intro = "欢迎委托检测。"
    to_address = "lab@guoping-testing.example"
    from_address = "website@guoping-testing.example"
    subject = "网站委托检测"

    class Meta:
        model = inquiry_models.ContactPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "新闻动态"
    slug = factory.Sequence(lambda n: f"news-{n}")

    class Meta:
        model = news_models.NewsIndexPage


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"公司新闻 {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(zh_locale)

    class Meta:
        model = news_models.NewsCategory


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"新闻 {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    date = factory.LazyFunction(timezone.localdate)
    summary = "新闻摘要。"
    body = factory.LazyFunction(lambda: paragraph("新闻正文。"))

    class Meta:
        model = news_models.NewsArticlePage


class CompanyProfileFactory(factory.django.DjangoModelFactory):
    name = "山东国评检测服务有限公司"
    short_name = "国评检测"
    address = "山东省济南市示例路 1 号(示例地址)"
    phone = "0531-0000 0000"
    email = "service@guoping-testing.example"
    icp_number = "鲁ICP备1*********97号-1"
    copyright_holder = "山东国评检测服务有限公司"
    is_sample = True
    locale = factory.LazyFunction(zh_locale)

    class Meta:
        model = corporate_models.CompanyProfile


PAGE_FACTORIES = {
    HomePage: HomePageFactory,
    corporate_models.StandardPage: StandardPageFactory,
    corporate_models.AccreditationIndexPage: AccreditationIndexPageFactory,
    corporate_models.AccreditationAreaPage: AccreditationAreaPageFactory,
    corporate_models.ServiceIndexPage: ServiceIndexPageFactory,
    corporate_models.ServicePage: ServicePageFactory,
    inquiry_models.ContactPage: ContactPageFactory,
    news_models.NewsIndexPage: NewsIndexPageFactory,
    news_models.NewsArticlePage: NewsArticlePageFactory,
}


# -- trust centre: report verification, certificates, capability catalogue --------------------
import datetime as _datetime  # noqa: E402

from corporate.capabilities import models as capability_models  # noqa: E402
from corporate.reports import models as report_models  # noqa: E402
from corporate.reports.codes import hash_code  # noqa: E402


class ReportVerificationPageFactory(wagtail_factories.PageFactory):
    title = "报告查询"
    slug = factory.Sequence(lambda n: f"reports-{n}")
    intro = "输入报告编号和验证码，核验本实验室出具的检测报告。"

    class Meta:
        model = report_models.ReportVerificationPage


class CertificatesPageFactory(wagtail_factories.PageFactory):
    title = "资质证书"
    slug = factory.Sequence(lambda n: f"certificates-{n}")
    intro = "本实验室的资质认定证书。"

    class Meta:
        model = capability_models.CertificatesPage


class CataloguePageFactory(wagtail_factories.PageFactory):
    title = "检测能力目录"
    slug = factory.Sequence(lambda n: f"catalogue-{n}")
    intro = "按检测项目或方法标准查询。"

    class Meta:
        model = capability_models.CataloguePage


class TestReportFactory(factory.django.DjangoModelFactory):
    """A valid report; pass ``code`` to choose its verification code (default A1B2C3D4)."""

    number = factory.Sequence(lambda n: f"GP-2025-{n:05d}")
    client_name = "山东某某化工有限公司"
    description = "厂界噪声与废水检测"
    issue_date = factory.LazyFunction(lambda: _datetime.date(2025, 3, 1))
    code_hash = factory.LazyAttribute(lambda o: hash_code(o.number, o.code))

    class Meta:
        model = report_models.TestReport
        exclude = ["code"]

    code = "A1B2C3D4"


class CertificateFactory(factory.django.DjangoModelFactory):
    name = "检验检测机构资质认定证书"
    number = factory.Sequence(lambda n: f"2215120{n:05d}")
    issuer = "cma"
    issuer_name = "山东省市场监督管理局"
    valid_from = _datetime.date(2022, 1, 1)
    valid_until = _datetime.date(2028, 1, 1)
    scope_summary = "水和废水、环境空气和废气、土壤等。"
    locale = factory.LazyFunction(zh_locale)

    class Meta:
        model = capability_models.Certificate


class CapabilityEntryFactory(factory.django.DjangoModelFactory):
    parameter = "化学需氧量"
    aliases = "COD"
    method_code = "HJ 828-2017"
    method_title = "水质 化学需氧量的测定 重铬酸盐法"
    detection_limit = "4 mg/L"
    accredited = True
    locale = factory.LazyFunction(zh_locale)

    class Meta:
        model = capability_models.CapabilityEntry


PAGE_FACTORIES.update(
    {
        report_models.ReportVerificationPage: ReportVerificationPageFactory,
        capability_models.CertificatesPage: CertificatesPageFactory,
        capability_models.CataloguePage: CataloguePageFactory,
    }
)


# -- case studies, downloads, notices (corporate.cases, corporate.downloads, corporate.notices)
from datetime import timedelta as _timedelta  # noqa: E402

from corporate.cases import models as case_models  # noqa: E402
from corporate.downloads import models as download_models  # noqa: E402
from corporate.notices import models as notice_models  # noqa: E402


class IndustryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"化工 {n}")
    slug = factory.Sequence(lambda n: f"industry-{n}")
    locale = factory.LazyFunction(zh_locale)

    class Meta:
        model = case_models.Industry


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "案例"
    slug = factory.Sequence(lambda n: f"cases-{n}")
    intro = "我们完成的部分检测项目。"

    class Meta:
        model = case_models.CaseIndexPage


class CasePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"某化工园区土壤检测 {n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    client = "某化工园区"
    industry = factory.SubFactory(IndustryFactory)
    completed_on = factory.LazyFunction(timezone.localdate)
    summary = "园区内 12 家企业的土壤和地下水检测。"
    challenge = "<p>园区需要在三周内完成调查。</p>"
    approach = "<p>我们分两个采样组同时进场。</p>"
    result = "<p>按期出具全部检测报告。</p>"
    key_figures = factory.LazyFunction(
        lambda: [{"type": "figure", "value": {"figure": "120", "label": "份样品"}}]
    )

    class Meta:
        model = case_models.CasePage


class DownloadIndexPageFactory(wagtail_factories.PageFactory):
    title = "资料下载"
    slug = factory.Sequence(lambda n: f"downloads-{n}")
    intro = "委托单、送样须知和资质证书。"

    class Meta:
        model = download_models.DownloadIndexPage


class DownloadFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"检测委托单 {n}")
    description = "填写后随样品寄回。"
    category = download_models.Category.FORMS
    document = factory.SubFactory(wagtail_factories.DocumentFactory)
    date = factory.LazyFunction(timezone.localdate)
    locale = factory.LazyFunction(zh_locale)

    class Meta:
        model = download_models.Download


class NoticeFactory(factory.django.DjangoModelFactory):
    text = factory.Sequence(lambda n: f"国庆期间暂停收样 {n}")
    level = notice_models.Level.INFO
    starts_at = factory.LazyFunction(lambda: timezone.now() - _timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + _timedelta(days=1))
    locale = factory.LazyFunction(zh_locale)

    class Meta:
        model = notice_models.Notice


PAGE_FACTORIES.update(
    {
        case_models.CaseIndexPage: CaseIndexPageFactory,
        case_models.CasePage: CasePageFactory,
        download_models.DownloadIndexPage: DownloadIndexPageFactory,
    }
)
