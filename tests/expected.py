"""What visitors must see, stated once for every test: the seed's menu and its English
(../shared/glossary.zh-en.tsv)."""

MENU = {
    "zh-hans": [
        "网站首页",
        "关于我们",
        "新闻动态",
        "资质领域",
        "服务范围",
        "服务流程",
        "技术实力",
        "联系我们",
    ],
    "en": [
        "Home",
        "About Us",
        "News",
        "Accreditation Scope",
        "Services",
        "Service Process",
        "Technical Capabilities",
        "Contact Us",
    ],
}
