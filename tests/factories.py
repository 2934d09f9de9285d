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
