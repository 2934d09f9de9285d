"""The notice bar on every page, through the site chrome's slots."""

from wagtail import hooks

from corporate.core.chrome import ChromeInclude


@hooks.register("register_chrome_include")
def notice_bar():
    return [
        ChromeInclude("head", "notices/head.html"),
        ChromeInclude("after_header", "notices/notice_bar.html"),
    ]
