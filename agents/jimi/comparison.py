"""Two products side by side, in the shopper's language.

Attributes are named as a person would name them ("weight: 250 g vs 310 g", "重量：250 g 对比
310 g"), never by their catalogue keys ("weight_g"); yes/no attributes read as yes/no, colours
in Chinese where the reply is Chinese.

    >>> compare(first, second, "en")
    'The Trail Runner costs 89.00 and the Road Racer 120.00 USD (the Trail Runner is cheaper);
     weight: 280 g vs 240 g; waterproof: yes vs no.'
"""

from __future__ import annotations

from agents.jimi.wording import agree, attribute_label, colour_name, join_list
from kg.facts import ProductFacts

MAX_DIFFERENCES = 4
# attributes shown first when both products have them, in this order
PREFERRED = ("material", "weight_g", "capacity_ml", "waterproof", "colour", "battery_life_h")
LABEL_ZH = {
    "colour": "颜色", "material": "材质", "weight": "重量", "capacity": "容量",
    "waterproof": "防水", "battery life": "续航", "pack count": "数量", "caffeine": "咖啡因",
    "sugar free": "无糖", "dishwasher safe": "可洗碗机清洗", "organic": "有机",
    "flavour": "口味", "outsole": "外底", "drop": "跟差", "diameter": "直径",
    "wattage": "功率", "sparkling": "含气", "quick dry": "速干", "oven safe": "可进烤箱",
    "induction compatible": "适用电磁炉", "cushioning": "缓震", "closure": "闭合方式",
    "auto shutoff": "自动断电", "sodium": "钠", "taurine": "牛磺酸", "roast": "烘焙度",
    "tasting notes": "风味", "insulation": "保暖填充", "size": "尺寸", "height": "高度",
    "max volume": "最大音量", "fit": "佩戴方式", "brightness": "亮度", "burn time": "燃烧时间",
    "keeps hot": "保温时长", "keeps cold": "保冷时长", "comfort rating": "舒适温度",
    "water resistance": "防水深度", "hydrostatic head": "静水压", "upf rating": "防晒指数",
    "machine washable": "可机洗", "microwave safe": "可微波", "pfas free": "不含PFAS",
    "removable cover": "外套可拆", "ip rating": "防水等级",
    "added sugar": "添加糖", "adjustable chin cord": "可调下巴绳", "adjustable torso": "可调背长",
    "ankle support": "脚踝支撑", "app control": "App控制", "battery": "电池容量",
    "bluetooth version": "蓝牙版本", "bpa free": "不含BPA", "case charges": "充电盒续充次数",
    "chest strap": "胸带", "cold pressed": "冷压", "collapsible": "可折叠", "collar": "领型",
    "colour temperature k": "色温", "colour temperature": "色温", "comfort rating c": "舒适温度",
    "compatible models": "适配机型", "contains milk": "含奶", "dimmable": "可调光",
    "double wall": "双层", "drop protection": "防摔高度", "elastic side panels": "两侧松紧带",
    "energy kcal": "热量", "energy": "热量", "ergonomic": "人体工学", "fast charging": "快充",
    "fold over cuff": "可翻边", "footbed": "鞋床", "glazed interior": "内釉", "gps": "GPS",
    "hand glazed": "手工上釉", "heart rate": "心率监测", "heel": "鞋跟",
    "hydration compatible": "兼容水袋", "keyring clip": "钥匙扣", "knit": "针织",
    "leakproof": "防漏", "led indicator": "LED指示灯", "lid": "盖子", "light source": "光源",
    "light up": "发光", "lining": "内衬", "magnetic": "磁吸", "max volume db": "最大音量",
    "mesh back panel": "网布后片", "midsole": "中底", "mouth blown": "人工吹制", "neckline": "领口",
    "nitro": "氮气", "noise cancelling": "降噪", "odour resistant": "抗异味", "origin": "产地",
    "oven safe c": "耐烤温度", "packable": "可收纳", "packaging": "包装", "pocket": "口袋",
    "port count": "接口数量", "pre seasoned": "预开锅", "print": "印花", "rain cover included":
    "附防雨罩", "raised edges": "凸起边框", "raw": "生", "reflective": "反光",
    "scent": "香味", "shatter resistant": "防碎", "sleeve": "袖长", "solar panel": "太阳能板",
    "sole": "鞋底", "sos button": "SOS按钮", "strap count": "绑带数量", "straw": "吸管",
    "stretch": "弹力", "taped seams": "压胶接缝", "temperature control": "控温", "usb c": "USB-C",
    "ventilated back panel": "透气背板", "volume": "容量", "wireless": "无线",
}


def compare(first: ProductFacts, second: ProductFacts, language: str,
            asked: tuple[str, ...] = ()) -> str:
    """One sentence: both prices, which is cheaper, the attributes ``asked`` ("how heavy is
    it compared to the boot?"), then up to four other differences, stock."""
    wanted = [a for a in asked if a in first.attributes or a in second.attributes]
    told = [_asked_difference(a, first, second, language) for a in wanted]
    differences = [_difference(a, first, second, language) for a in _shared(first, second)
                   if a not in wanted]
    parts = [*told, *[d for d in differences if d][:MAX_DIFFERENCES]]
    n1, n2 = first.name(language), second.name(language)
    cheaper = first if first.price <= second.price else second
    out_of_stock = [p.name(language) for p in (first, second) if not p.in_stock]
    if language == "zh":
        text = (f"{n1}售价{first.price:.2f}，{n2}售价{second.price:.2f} {second.currency}"
                f"（{cheaper.name('zh')}更便宜）")
        text += "；" + "；".join(parts) if parts else ""
        text += f"；暂时缺货：{'、'.join(out_of_stock)}" if out_of_stock else ""
        return text + "。"
    text = agree(agree(f"The {n1} costs {first.price:.2f} and the {n2} {second.price:.2f} "
                       f"{second.currency} (the {cheaper.name_en} is cheaper)", n1),
                 cheaper.name_en)  # "The Auralis Quiet ANC Headphones cost 199.00 ..."
    text += "; " + "; ".join(parts) if parts else ""
    text += f"; out of stock: {', '.join(out_of_stock)}" if out_of_stock else ""
    return text + "."


def attribute_name(attribute: str, language: str) -> tuple[str, str]:
    """(label, unit) of a catalogue key in the language: ("重量", "g") for ``weight_g``."""
    label, unit = attribute_label(attribute)
    return (LABEL_ZH.get(label, label) if language == "zh" else label), unit


def _shared(first: ProductFacts, second: ProductFacts) -> list[str]:
    shared = [a for a in first.attributes if a in second.attributes and a != "size"]
    return sorted(shared, key=lambda a: PREFERRED.index(a) if a in PREFERRED else len(PREFERRED))


def _difference(attribute: str, first: ProductFacts, second: ProductFacts,
                language: str) -> str | None:
    label, unit = attribute_name(attribute, language)
    a, b = (_shown(attribute, p, unit, language) for p in (first, second))
    if a == b:
        return None
    return f"{label}：{a} 对比 {b}" if language == "zh" else f"{label}: {a} vs {b}"


def _asked_difference(attribute: str, first: ProductFacts, second: ProductFacts,
                      language: str) -> str:
    """Both values of an attribute asked about, the same or not, "not listed" where one lacks it."""
    label, unit = attribute_name(attribute, language)
    a, b = (_shown(attribute, p, unit, language) if attribute in p.attributes
            else ("未标注" if language == "zh" else "not listed") for p in (first, second))
    return f"{label}：{a} 对比 {b}" if language == "zh" else f"{label}: {a} vs {b}"


def _shown(attribute: str, product: ProductFacts, unit: str, language: str) -> str:
    value = product.attributes.get(attribute)
    if isinstance(value, bool):
        if language == "zh":
            return "是" if value else "否"
        return "yes" if value else "no"
    values = product.values(attribute)
    if attribute == "colour":
        values = [colour_name(v, language) for v in values]
    return join_list([f"{v} {unit}".strip() for v in values], language)
