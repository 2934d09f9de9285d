"""The Advertising Law terms the site starts with (migration 0006 seeds them; the demo builder
restores them in a flushed database). Editors manage the list afterwards (AdLawTerm)."""

# 《广告法》第九条第（三）项 forbids "国家级"、"最高级"、"最佳" and the like; these are the absolute
# terms and common variants. Each: (term, [longer words in which it is no hit]).
CHINESE_TERMS = [
    ("最好", []),
    ("最佳", []),
    ("最优", ["最优化"]),
    ("最高级", []),
    ("最先进", []),
    ("最权威", []),
    ("最专业", []),
    ("最大", ["最大限度", "最大值", "最大允许", "最大程度", "最大量"]),
    ("最高", ["最高值", "最高浓度", "最高允许", "最高温度", "最高人民法院", "最高人民检察院"]),
    ("最低价", []),
    (
        "第一",
        [
            "第一季度",
            "第一次",
            "第一批",
            "第一届",
            "第一条",
            "第一款",
            "第一项",
            "第一章",
            "第一节",
            "第一阶段",
            "第一部分",
            "第一时间",
            "第一责任",
            "第一天",
            "第一年",
            "第一期",
            "第一步",
            "第一类",
            "第一个",
            "第一周",
            "第一份",
            "第一张",
            "第一页",
            "第一篇",
        ],
    ),
    ("唯一", ["唯一性", "唯一标识", "唯一编号", "唯一识别"]),
    ("首选", []),
    ("首个", []),
    ("首家", []),
    (
        "国家级",
        ["国家级自然保护区", "国家级新区", "国家级经济技术开发区", "国家级高新技术产业开发区"],
    ),
    ("世界级", []),
    ("顶级", []),
    ("顶尖", []),
    ("极品", []),
    ("极致", []),
    ("绝对", ["绝对值", "绝对误差", "绝对湿度", "绝对压力"]),
    ("独家", []),
    ("独一无二", []),
    ("史无前例", []),
    ("万能", []),
    ("全国领先", []),
    ("行业领先", []),
]
ENGLISH_TERMS = [
    ("best", ["best practice", "best practices"]),
    ("No. 1", []),
    ("number one", []),
    ("national-level", []),
    ("world-class", []),
    (
        "only",
        [
            "not only",
            "only if",
            "only when",
            "only after",
            "only in",
            "only by",
            "only to",
            "only for",
            "only on",
            "only with",
        ],
    ),
    ("top", ["top of", "on top", "to the top", "back to top"]),
    ("unrivalled", []),
]


def seed_terms(AdLawTerm):
    """Create the default terms that are missing (``AdLawTerm``: the model, historical or not)."""
    for language, terms in (("zh-hans", CHINESE_TERMS), ("en", ENGLISH_TERMS)):
        for term, exceptions in terms:
            AdLawTerm.objects.get_or_create(
                language=language,
                term=term,
                defaults={
                    "exceptions": "\n".join(exceptions),
                    "note": "《广告法》第九条第（三）项"
                    if language == "zh-hans"
                    else "Advertising Law, Art. 9 (3)",
                },
            )
