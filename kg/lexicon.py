"""Shared vocabulary: Chinese labels, unit suffixes, synonyms. Data only."""

from __future__ import annotations

from types import MappingProxyType

COLOUR_ZH = MappingProxyType({
    "black": "黑色", "white": "白色", "grey": "灰色", "navy": "藏青色", "blue": "蓝色",
    "red": "红色", "green": "绿色", "olive": "橄榄绿", "beige": "米色", "brown": "棕色",
    "pink": "粉色", "yellow": "黄色", "orange": "橙色", "purple": "紫色", "silver": "银色",
})
CATEGORY_ZH = MappingProxyType({
    "apparel": "服装", "footwear": "鞋靴", "drinks": "饮品", "kitchen": "厨房用品",
    "electronics_accessories": "数码配件", "home": "家居", "outdoor": "户外",
    "accessories": "配饰", "groceries": "食品杂货", "clothing": "服装",
})
TAG_ZH = MappingProxyType({
    "running": "跑步", "outdoor": "户外", "hiking": "徒步", "camping": "露营", "fitness": "健身",
    "travel": "旅行", "office": "办公", "home-office": "居家办公", "kids": "儿童",
    "back-to-school": "开学季", "gift": "礼物", "summer": "夏季", "winter": "冬季",
    "eco-friendly": "环保", "organic": "有机", "wireless": "无线", "fast-charging": "快充",
    "breathable": "透气", "lightweight": "轻便", "premium": "高端", "bestseller": "热销",
    "new-arrival": "新品", "sale": "促销", "coffee": "咖啡", "tea": "茶", "hydration": "补水",
    "cozy": "舒适", "casual": "休闲", "home-decor": "家居装饰",
})
MATERIAL_ZH = MappingProxyType({
    "cotton": "棉", "organic cotton": "有机棉", "linen": "亚麻", "wool": "羊毛",
    "merino wool": "美利奴羊毛", "leather": "皮革", "mesh": "网面", "polyester": "涤纶",
    "stainless steel": "不锈钢", "ceramic": "陶瓷", "glass": "玻璃", "bamboo": "竹",
    "aluminium": "铝", "silicone": "硅胶", "nylon": "尼龙", "cast iron": "铸铁",
})
BOOLEAN_ZH = MappingProxyType({
    "waterproof": "防水", "dishwasher_safe": "可洗碗机清洗", "sugar_free": "无糖",
    "wireless": "无线", "organic": "有机", "fast_charging": "快充", "noise_cancelling": "降噪",
    "breathable": "透气", "quick_dry": "速干", "leakproof": "防漏", "bpa_free": "不含BPA",
})
CATEGORY_SYNONYMS = MappingProxyType({
    "clothes": "apparel",
    "clothing": "apparel", "shirt": "apparel", "shirts": "apparel", "tee": "apparel",
    "drink": "drinks", "beverage": "drinks", "beverages": "drinks", "饮料": "drinks",
    "gadget": "electronics_accessories", "gadgets": "electronics_accessories",
    "electronics": "electronics_accessories", "kitchenware": "kitchen", "cookware": "kitchen",
    "电子产品": "electronics_accessories", "数码产品": "electronics_accessories",
    "数码": "electronics_accessories",
    "decor": "home", "camping gear": "outdoor",
})
# other catalogue values as a Chinese reply says them
VALUE_ZH = MappingProxyType({
    "light": "浅度", "medium": "中度", "dark": "深度", "cocoa": "可可", "caramel": "焦糖",
    "lemon": "柠檬", "berry": "莓果", "jasmine": "茉莉", "ginger": "生姜", "over-ear": "头戴式",
    "in-ear": "入耳式", "hook and loop": "魔术贴", "full zip": "全拉链", "roll-top": "卷口",
    "hidden zip": "隐形拉链", "unscented": "无香", "cedar and fig": "雪松无花果", "high": "高",
    "crew": "圆领", "relaxed": "宽松", "camp": "古巴领", "short": "短袖", "press-on": "按压式",
    "led": "LED", "lugged rubber": "防滑橡胶大底", "grippy rubber": "抓地橡胶大底",
    "glass bottle": "玻璃瓶装", "can": "罐装", "plastic bottle": "塑料瓶装",
})
# what shoppers call a tag ("for my kid", "孩子") -> the tag
TAG_SYNONYMS = MappingProxyType({
    "kid": "kids", "kid's": "kids", "children": "kids", "child": "kids", "toddler": "kids",
    "孩子": "kids", "小孩": "kids", "宝宝": "kids", "童": "kids", "儿子": "kids", "女儿": "kids",
    "gift": "gift", "present": "gift", "礼品": "gift", "送礼": "gift", "送人": "gift",
    "hike": "hiking", "hikes": "hiking", "爬山": "hiking", "登山": "hiking", "camp": "camping",
    "露营": "camping", "run": "running", "runs": "running", "runner": "running", "跑步": "running",
    "gym": "fitness", "workout": "fitness", "健身": "fitness", "office": "office", "上班": "office",
    "办公": "office", "eco": "eco-friendly", "环保": "eco-friendly",
    "new in": "new-arrival", "just in": "new-arrival", "新上": "new-arrival",
    "新上的": "new-arrival", "上新": "new-arrival", "新款": "new-arrival", "新到": "new-arrival",
})
# more words for a yes/no attribute ("fizzy" is sparkling)
BOOLEAN_SYNONYMS = MappingProxyType({
    "sparkling": ("fizzy", "carbonated", "bubbly", "气泡", "汽水", "碳酸", "含气", "有气"),
    "waterproof": ("water-resistant", "water resistant", "不怕水"),
    "app_control": ("control from my phone", "control it from my phone", "phone control",
                    "app control", "controlled by an app", "手机控制", "手机操控", "用手机控制",
                    "app控制", "手机app"),
})
# unit suffix of an attribute name -> (unit label, surface forms in text, factor to the unit)
UNITS = MappingProxyType({
    "ml": ("ml", {"ml": 1.0, "millilitre": 1.0, "milliliter": 1.0, "毫升": 1.0, "l": 1000.0,
                  "litre": 1000.0, "liter": 1000.0, "升": 1000.0}),
    "l": ("L", {"l": 1.0, "litre": 1.0, "liter": 1.0, "升": 1.0}),
    "mah": ("mAh", {"mah": 1.0, "毫安": 1.0, "毫安时": 1.0}),
    "h": ("h", {"h": 1.0, "hr": 1.0, "hrs": 1.0, "hour": 1.0, "hours": 1.0, "小时": 1.0}),
    "g": ("g", {"g": 1.0, "gram": 1.0, "grams": 1.0, "克": 1.0, "kg": 1000.0}),
    "w": ("W", {"w": 1.0, "watt": 1.0, "watts": 1.0, "瓦": 1.0}),
    "mg": ("mg", {"mg": 1.0, "毫克": 1.0}),
    "cm": ("cm", {"cm": 1.0, "厘米": 1.0}),
    "mm": ("mm", {"mm": 1.0, "毫米": 1.0}),
    "lm": ("lm", {"lm": 1.0, "lumen": 1.0, "lumens": 1.0}),
})


def label_zh(kind: str, value: str) -> str | None:
    """The Chinese label of a category, tag, colour or material, where known."""
    table = {"category": CATEGORY_ZH, "tag": TAG_ZH, "colour": COLOUR_ZH,
             "material": MATERIAL_ZH}.get(kind)
    return table.get(value.lower()) if table else None
