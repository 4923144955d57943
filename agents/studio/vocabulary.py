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
    "captions?", "ones", "shots?", "mockups?", "thumbnails?", "squares", "leaderboards",
    "mpus", "points", "pieces?",
)
COUNTED_NOUNS_ZH = ("张", "幅", "个", "条", "份", "句", "篇", "组")  # not 版: 各一版 is a set

# preset sizes by name; bare "banner(s)" means the work itself, not the 1950x550 preset
SIZE_NAMES = {
    "square": "1080x1080", "方图": "1080x1080", "正方形": "1080x1080", "方形": "1080x1080",
    "story": "1080x1920", "stories": "1080x1920", "vertical": "1080x1920",
    "portrait": "1080x1920", "竖版": "1080x1920", "竖图": "1080x1920", "竖屏": "1080x1920",
    "landscape": "1200x628", "horizontal": "1200x628", "横版": "1200x628", "横板": "1200x628",
    "竖板": "1080x1920",
    "横图": "1200x628", "social": "1200x628", "link preview": "1200x628",
    "主图": "800x800", "main image": "800x800", "main images": "800x800",
    "product image": "800x800", "product images": "800x800", "listing image": "800x800",
    "leaderboard": "728x90", "排行榜": "728x90",
    "web banner": "1950x550", "wide banner": "1950x550", "hero banner": "1950x550", "hero": "1950x550",
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
    "高级": "premium", "奢华": "premium", "精致": "premium", "大气": "premium", "luxe": "premium",
    "upmarket": "premium", "sophisticated": "premium",
    "urgent": "urgent", "urgency": "urgent", "hurry": "urgent", "limited time": "urgent",
    "last chance": "urgent", "紧迫": "urgent", "限时": "urgent", "抢购": "urgent",
    "紧急": "urgent", "急迫": "urgent", "紧迫感": "urgent", "fomo": "urgent",
}
COPY_KINDS = {
    "title": "title", "titles": "title", "product title": "title", "标题": "title", "主标题": "headline",
    "headline": "headline", "headlines": "headline", "slogan": "headline",
    "slogans": "headline", "广告语": "headline", "口号": "headline", "大标题": "headline",
    "description": "description", "descriptions": "description", "描述": "description",
    "desc": "description", "descs": "description", "product desc": "description",
    "详情": "description", "介绍": "description",
    "selling point": "selling_points", "selling points": "selling_points",
    "bullet": "selling_points", "bullets": "selling_points", "bullet points": "selling_points",
    "卖点": "selling_points",
    "post": "post", "posts": "post", "social post": "post", "caption": "post",
    "captions": "post", "帖子": "post", "种草": "post", "小红书文案": "post",
    "朋友圈文案": "post", "朋友圈": "post", "推文": "post",
    "hashtag": "hashtags", "hashtags": "hashtags", "话题标签": "hashtags",
    "subline": "subline", "sublines": "subline", "subheadline": "subline",
    "subheadlines": "subline", "sub-headline": "subline", "副标题": "subline",
    "tagline": "headline", "taglines": "headline",
}

# campaigns merchants name; a Chinese one keeps a following 大促/活动 ("618大促")
CAMPAIGNS_EN = (
    "black friday", "cyber monday", "prime day", "christmas", "xmas", "halloween",
    "valentine's day", "valentines day", "valentine's", "mother's day", "mothers day",
    "father's day", "fathers day", "back to school", "back-to-school", "summer sale",
    "winter sale", "spring sale", "autumn sale", "fall sale", "new year", "new year's",
    "lunar new year", "chinese new year", "new year's eve", "new years eve", "easter",
    "flash sale", "clearance sale", "end of season sale", "anniversary sale",
    "spring clearance", "summer clearance", "winter clearance", "cyber week", "diwali",
    "ramadan", "eid", "hanukkah", "st patrick's day", "black friday week", "golden week",
    "women's day", "children's day", "graduation", "prime big deal days", "thanksgiving", "boxing day",
    "singles day", "singles' day", "labor day", "labour day", "memorial day",
    "independence day", "super bowl", "earth day", "mid-autumn festival", "618", "11.11",
    "12.12", "double eleven", "double 11", "spring festival",
)
CAMPAIGNS_ZH = (
    "双十一", "双11", "双十二", "双12", "618", "年货节", "开学季", "春节", "七夕", "中秋",
    "国庆", "国庆节", "中秋节", "端午节", "清明节", "情人节", "母亲节", "父亲节", "圣诞节", "圣诞", "元旦", "三八", "女王节", "女神节",
    "妇女节", "三八节", "教师节", "元宵节", "元宵", "重阳节", "腊八", "小年",
    "黑五", "黑色星期五", "端午", "清明", "520", "春上新", "秋上新", "夏上新", "冬上新",
    "年终大促", "周年庆", "店庆", "开斋节", "排灯节", "感恩节", "万圣节", "复活节", "劳动节", "五一", "儿童节", "六一", "新年", "跨年",
    "年中大促", "双旦", "暑期", "暑假", "寒假", "夏季促销", "冬季促销", "地球日", "世界地球日",
    "植树节", "愚人节", "光棍节", "年中清仓", "年末清仓", "换季清仓",
)
CAMPAIGN_SUFFIXES_ZH = ("大促", "狂欢节", "购物节", "黄金周", "儿童节", "特惠", "促销")

# catalogue tags as merchants say them, to select products ("our new arrivals", "热销款")
TAG_WORDS = {
    "bestseller": "bestseller", "bestsellers": "bestseller", "best seller": "bestseller",
    "best sellers": "bestseller", "best-sellers": "bestseller", "top sellers": "bestseller",
    "热销": "bestseller", "爆款": "bestseller", "畅销": "bestseller",
    "new arrival": "new-arrival", "new arrivals": "new-arrival", "new-arrival": "new-arrival",
    "new-arrivals": "new-arrival", "new in": "new-arrival", "new products": "new-arrival",
    "新品": "new-arrival", "上新": "new-arrival", "新款": "new-arrival",
    "sale items": "sale", "sale item": "sale", "on sale": "sale", "sale products": "sale", "discounted": "sale",
    "clearance": "sale", "促销商品": "sale", "促销": "sale", "打折": "sale", "特价": "sale",
    "kids": "kids", "kid's": "kids", "children's": "kids", "儿童": "kids", "童装": "kids",
    "camping": "camping", "露营": "camping",
    "winter": "winter", "冬季": "winter", "冬款": "winter", "冬天": "winter",
    "premium range": "premium", "premium line": "premium", "premium products": "premium",
    "高端系列": "premium", "eco-friendly": "eco-friendly", "eco friendly": "eco-friendly",
    "eco": "eco-friendly", "sustainable": "eco-friendly", "环保": "eco-friendly",
    "home decor": "home-decor", "home-decor": "home-decor", "家居装饰": "home-decor",
    "家饰": "home-decor",
    "summer": "summer", "夏季": "summer", "夏款": "summer", "gift": "gift", "gifts": "gift",
    "礼品": "gift", "送礼": "gift", "organic": "organic", "有机": "organic",
    "running": "running", "跑步": "running", "hiking": "hiking", "徒步": "hiking",
    "coffee": "coffee", "咖啡": "coffee", "tea": "tea", "茶": "tea", "travel": "travel",
    "旅行": "travel", "fitness": "fitness", "健身": "fitness", "office": "office",
    "办公": "office",
}
# nouns that stand for a generic selection, after a tag word: "our camping gear", "新品"
GENERIC_GOODS_EN = ("gear", "stuff", "products", "items", "range", "line", "collection",
                    "things", "goods", "catalog", "catalogue", "lineup", "sku", "skus")
GENERIC_GOODS_ZH = ("商品", "产品", "宝贝", "东西", "款", "系列", "货")
# kinds of product, as merchants name a selection: "all our kettles", "全是跑鞋"
CATEGORY_NOUNS_EN = (
    "shoes", "sneakers", "trainers", "boots", "sandals", "slides", "socks", "running shoes",
    "tees", "t-shirts", "shirts", "hoodies", "jackets", "caps", "hats", "beanies",
    "kettles", "mugs", "cups", "tumblers", "pans", "skillets", "cookware",
    "drinks", "coffee", "teas", "juices", "sodas", "energy drinks",
    "headphones", "earbuds", "power banks", "phone cases", "cases", "smartwatches",
    "watches", "chargers", "lamps", "lights", "vases", "cushions", "pillows", "candles",
    "backpacks", "bags", "packs", "daypacks", "bottles", "water bottles", "lanterns",
    "headlamps", "apparel", "clothes", "clothing", "footwear", "electronics",
    "accessories", "kitchenware", "furniture",
)
CATEGORY_NOUNS_ZH = (
    "跑鞋", "鞋子", "鞋", "运动鞋", "靴子", "凉鞋", "拖鞋", "袜子", "T恤", "卫衣", "衣服",
    "外套", "冲锋衣", "帽子", "水壶", "电热水壶", "杯子", "马克杯", "保温杯", "锅", "煎锅",
    "饮料", "咖啡", "茶饮", "果汁", "耳机", "充电宝", "移动电源", "手机壳", "手表",
    "智能手表", "台灯", "灯", "花瓶", "抱枕", "蜡烛", "背包", "包", "水瓶", "头灯", "露营灯",
    "服装", "鞋类", "数码配件", "家居", "厨具", "咖啡杯", "水杯",
)
# a job named by when it was made
LAST_JOB_WORDS = (
    "last job", "latest job", "last batch", "latest batch", "previous batch",
    "previous job", "last one", "the job i just", "last set", "last round", "most recent job",
    "last week's", "last weeks", "the ones you just made", "the banners you just made",
    "what you just made", "earlier batch", "previous run", "last run", "my last",
    "most recent batch", "recent batch", "latest one", "newest job", "newest batch",
    "i just started", "i just submitted", "i just kicked off", "job i just sent",
    "batch i just sent",
    "上一批", "上批", "上次那批", "上次的图", "上次的海报", "上次那个", "上次做的", "上次提交",
    "刚才那批", "刚才那个",
    "刚才提交", "最新的任务", "最近一批", "刚提交", "最近提交", "最近的任务", "最近那个",
    "之前做好的", "之前那批", "刚做的", "刚生成的", "上一个任务", "刚才的任务",
    # the banners the studio made ("把这批海报翻译成英文"); photos of one's own are uploads
    "这批海报", "这批横幅", "这些海报", "这些横幅", "上次的横幅", "这批主图",
)
UPLOAD_WORDS = (
    "uploaded", "uploads", "upload", "i just sent", "photos i sent", "images i sent",
    "these photos", "these images", "these pictures", "these pics", "these shots",
    "these posters", "these files", "the files i", "上传", "刚传", "传的", "发的图",
    "这些图", "这几张", "这批图",
)
