"""The words merchants use for counts, sizes, languages, tones and kinds of copy.

Written by the team from the banner presets (``tools.layout.presets``), the languages the
platform renders and Li Bai's copy kinds and tones. Keys are lower-case; Chinese is as
typed. ``agents.studio.values`` turns a merchant's words into plan values with these.
"""

from __future__ import annotations

ENGLISH_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
# nouns a count stands before: "20 banners", "twelve square images", "十二张"
COUNTED_NOUNS_EN = (
    "banners?", "images?", "pictures?", "pics?", "photos?", "ads?", "creatives?", "posters?",
    "versions?", "variants?", "texts?", "titles?", "headlines?", "taglines?", "sublines?",
    "selling points?", "bullets?", "bullet points?", "posts?", "descriptions?", "hashtags?",
    "slogans?", "lines?", "options?", "ideas?", "copies", "graphics?", "visuals?",
)
COUNTED_NOUNS_ZH = ("张", "幅", "个", "条", "份", "版", "句", "篇", "组")

# preset sizes by name; bare "banner(s)" means the work itself, not the 1950x550 preset
SIZE_NAMES = {
    "square": "1080x1080", "方图": "1080x1080", "正方形": "1080x1080", "方形": "1080x1080",
    "story": "1080x1920", "stories": "1080x1920", "vertical": "1080x1920",
    "portrait": "1080x1920", "竖版": "1080x1920", "竖图": "1080x1920", "竖屏": "1080x1920",
    "landscape": "1200x628", "horizontal": "1200x628", "横版": "1200x628",
    "横图": "1200x628", "social": "1200x628", "link preview": "1200x628",
    "主图": "800x800", "main image": "800x800", "main images": "800x800",
    "product image": "800x800", "product images": "800x800", "listing image": "800x800",
    "leaderboard": "728x90", "排行榜": "728x90",
    "web banner": "1950x550", "wide banner": "1950x550", "hero banner": "1950x550",
    "site banner": "1950x550", "网站横幅": "1950x550", "通栏": "1950x550",
    "medium rectangle": "300x250", "mpu": "300x250", "rectangle": "300x250",
}
LANGUAGE_NAMES = {
    "english": "en", "英文": "en", "英语": "en",
    "chinese": "zh", "mandarin": "zh", "中文": "zh", "汉语": "zh", "简体": "zh",
    "spanish": "es", "español": "es", "西班牙语": "es", "西班牙文": "es", "西语": "es",
    "german": "de", "deutsch": "de", "德语": "de", "德文": "de",
    "french": "fr", "français": "fr", "法语": "fr", "法文": "fr",
    "japanese": "ja", "日语": "ja", "日文": "ja",
}
TONE_WORDS = {
    "professional": "professional", "formal": "professional", "serious": "professional",
    "businesslike": "professional", "专业": "professional", "正式": "professional",
    "playful": "playful", "fun": "playful", "funny": "playful", "cheerful": "playful",
    "lighthearted": "playful", "cute": "playful", "活泼": "playful", "俏皮": "playful",
    "有趣": "playful", "轻松": "playful", "可爱": "playful",
    "premium": "premium", "luxury": "premium", "luxurious": "premium", "upscale": "premium",
    "elegant": "premium", "classy": "premium", "high-end": "premium", "高端": "premium",
    "高级": "premium", "奢华": "premium", "精致": "premium", "大气": "premium",
    "urgent": "urgent", "urgency": "urgent", "hurry": "urgent", "limited time": "urgent",
    "last chance": "urgent", "紧迫": "urgent", "限时": "urgent", "抢购": "urgent",
    "紧急": "urgent",
}
COPY_KINDS = {
    "title": "title", "titles": "title", "product title": "title", "标题": "title",
    "headline": "headline", "headlines": "headline", "slogan": "headline",
    "slogans": "headline", "广告语": "headline", "口号": "headline", "大标题": "headline",
    "description": "description", "descriptions": "description", "描述": "description",
    "详情": "description", "介绍": "description",
    "selling point": "selling_points", "selling points": "selling_points",
    "bullet": "selling_points", "bullets": "selling_points", "bullet points": "selling_points",
    "卖点": "selling_points",
    "post": "post", "posts": "post", "social post": "post", "caption": "post",
    "captions": "post", "帖子": "post", "朋友圈": "post", "推文": "post",
    "hashtag": "hashtags", "hashtags": "hashtags", "话题标签": "hashtags",
    "subline": "subline", "sublines": "subline", "tagline": "subline", "taglines": "subline",
    "副标题": "subline",
}
