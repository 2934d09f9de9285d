"""Words that carry no topic in a search, per language: what the best-effort search drops from
a query that found nothing (怎么, 多少钱, how much …), and the generic words of the trade that
it does not insist on (检测, testing …). Edit these lists as DEFAULT_SYNONYMS is edited
(search/synonyms.py); a language is looked up by its code, then by its first part (zh-hant
uses the zh lists)."""

FILLER_WORDS = {
    "zh": [
        # question words and particles
        "怎么", "怎么样", "怎样", "怎么办", "如何", "为什么", "什么", "哪里", "哪儿", "哪家",
        "哪个", "哪些", "哪", "多少", "多少钱", "钱", "多久", "多长时间", "几天", "吗", "呢",
        "吧", "啊", "呀", "么", "请问", "是否", "是不是", "能否", "能不能", "可不可以",
        "有没有", "好不好",
        # asking and wanting
        "我", "我们", "你们", "贵公司", "想", "想要", "要", "需要", "可以", "能", "会", "做",
        "办", "办理", "申请", "找", "有", "是", "的", "了", "和", "与", "及", "一下", "一般",
        "好", "靠谱", "附近", "出",
        # price words
        "价格", "价钱", "费用", "收费", "收费标准", "报价单", "便宜",
    ],
    "en": [
        "how", "much", "many", "long", "what", "which", "where", "when", "who", "why", "whom",
        "is", "are", "was", "were", "be", "been", "do", "does", "did", "can", "could", "would",
        "should", "will", "may", "might", "must", "i", "we", "you", "me", "my", "our", "your",
        "it", "its", "this", "that", "these", "those", "there", "here", "a", "an", "the", "of",
        "for", "to", "in", "on", "at", "by", "with", "about", "from", "and", "or", "any",
        "some", "please", "need", "needs", "want", "get", "got", "find", "take", "takes",
        "make", "near", "best", "cheap", "cost", "costs", "price", "prices", "pricing", "fee",
        "fees", "charge", "charges", "quote", "quotes",
    ],
}  # fmt: skip

# Words of the trade that nearly every page has: a best-effort search ranks pages that have
# them first, but does not leave out a page for lack of them.
GENERIC_WORDS = {
    "zh": ["检测", "监测", "检验", "测试", "测定", "测量", "分析", "服务", "报告", "项目", "公司", "机构"],
    "en": [
        "test", "tests", "testing", "tested", "monitoring", "monitor", "analysis",
        "measurement", "measurements", "service", "services", "report", "reports",
        "company", "laboratory", "lab",
    ],
}  # fmt: skip


def _lookup(table, language_code):
    code = (language_code or "").lower()
    return table.get(code) or table.get(code.split("-")[0]) or []


def filler_words(language_code):
    return frozenset(_lookup(FILLER_WORDS, language_code))


def generic_words(language_code):
    return frozenset(_lookup(GENERIC_WORDS, language_code))
