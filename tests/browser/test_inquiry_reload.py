"""After sending the inquiry form, reloading the thank-you page in Chromium shows the same
reference number and sends nothing again (post, redirect, get)."""

import re

import pytest

from corporate.inquiries.models import InquirySubmission
from tests.helpers import build_inquiry_site

pytestmark = pytest.mark.django_db(transaction=True)


def test_reloading_the_thank_you_page_does_not_send_the_inquiry_again(
    live_server, browser_page, screenshot
):
    tree = build_inquiry_site(english=False)
    page = browser_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(live_server.url + tree["contact"].url)
    form = page.locator("section#inquiry form")
    form.get_by_label("姓名").fill("张三")
    form.get_by_label("单位名称").fill("济南示例环保科技有限公司")
    form.get_by_label("联系电话").fill("138 1234 5678")
    form.get_by_label("电子邮箱").fill("zhang.san@example.com")
    form.get_by_label("检测服务").select_option("soil-testing")
    form.get_by_label("样品类型").select_option("土壤和沉积物")
    form.get_by_label("项目所在地").fill("山东省济南市")
    form.get_by_label("检测需求").fill("建设用地土壤检测，约 20 个样品。")
    form.get_by_label(re.compile("隐私政策")).check()
    form.get_by_role("button", name="提交咨询").click()

    page.wait_for_url(re.compile(r"\?thanks="))
    reference = page.locator("[data-reference]").inner_text()
    assert re.fullmatch(r"GP-\d{8}-[2-9A-HJ-NP-Z]{4}", reference)
    thanks_url = page.url

    for _reload in range(2):
        response = page.reload()
        assert response.status == 200
        assert page.url == thanks_url
        assert page.locator("[data-reference]").inner_text() == reference
    screenshot(page, "inquiry-zh-thank-you-reloaded")
    assert dialogs == []  # no "confirm form resubmission"
    assert InquirySubmission.objects.count() == 1
    assert InquirySubmission.objects.get().reference == reference
