"""Wordings for attributes with a named value (``material: "merino wool"``, ``fit: "in-ear"``)
and the Chinese for the values the catalogues use. Authored by the Li Bai team.

``{v}`` is the value in English as the catalogue writes it; ``{V}`` capitalised; ``{z}`` its
Chinese. A value with no Chinese here is written as it is (brand and model names).
"""

from __future__ import annotations

from types import MappingProxyType

from agents.libai.wording import Wording, w

# fmt: off
VALUE_ZH: MappingProxyType[str, str] = MappingProxyType({
    # colours
    "black": "黑色", "white": "白色", "grey": "灰色", "gray": "灰色", "navy": "藏青色",
    "blue": "蓝色", "red": "红色", "green": "绿色", "olive": "橄榄绿", "beige": "米色",
    "brown": "棕色", "pink": "粉色", "yellow": "黄色", "orange": "橙色", "purple": "紫色",
    "silver": "银色", "gold": "金色",
    # materials
    "cotton": "棉质面料", "organic cotton": "有机棉", "linen": "亚麻", "wool": "羊毛",
    "merino wool": "美利奴羊毛", "wool blend": "羊毛混纺", "merino-nylon blend": "美利奴羊毛尼龙混纺",
    "cotton-polyester fleece": "棉涤抓绒", "polyester": "涤纶", "recycled polyester": "再生涤纶",
    "nylon": "尼龙", "recycled nylon": "再生尼龙", "nylon ripstop": "防撕裂尼龙",
    "nylon-elastane": "尼龙氨纶", "elastane": "氨纶", "nylon and rubber": "尼龙与橡胶",
    "tpu-coated nylon": "TPU涂层尼龙", "polyester webbing": "涤纶织带", "velvet": "丝绒",
    "engineered mesh": "工程网面", "knit mesh": "针织网面", "mesh and synthetic": "网面与合成材料",
    "synthetic": "合成材料", "canvas": "帆布", "full-grain leather": "全粒面皮革",
    "nubuck leather": "磨砂皮革", "cork and suede": "软木与麂皮", "natural rubber": "天然橡胶",
    "memory foam": "记忆棉", "stainless steel": "不锈钢", "enamel steel": "搪瓷钢",
    "cast iron": "铸铁", "aluminium with ceramic coating": "铝材配陶瓷涂层",
    "tri-ply stainless steel with copper core": "三层复合不锈钢铜芯", "ceramic": "陶瓷",
    "stoneware": "粗陶", "porcelain": "细瓷", "glass": "玻璃", "borosilicate glass": "高硼硅玻璃",
    "tritan": "Tritan材料", "silicone": "硅胶", "tpu and polycarbonate": "TPU与聚碳酸酯",
    "oak and aluminium": "橡木与铝材", "soy wax": "大豆蜡", "paraffin-soy blend": "石蜡大豆蜡混合",
    # flavours, notes and scents
    "lemon": "柠檬", "berry": "莓果", "ginger": "生姜", "jasmine": "茉莉", "apple": "苹果",
    "banana": "香蕉", "carrot": "胡萝卜", "bean": "豆香", "pineapple": "菠萝", "coconut": "椰子",
    "cocoa": "可可", "caramel": "焦糖", "cedar and fig": "雪松与无花果", "unscented": "无香",
    # styles and parts
    "relaxed": "宽松版型", "over-ear": "头戴式", "in-ear": "入耳式", "full zip": "全开拉链",
    "hidden zip": "隐形拉链", "hook and loop": "魔术贴", "roll-top": "卷口", "crew": "圆领",
    "grippy rubber": "防滑橡胶大底", "lugged rubber": "齿纹橡胶大底", "high": "高",
    "medium": "适中", "led": "LED", "press-on": "按压式杯盖", "brushed fleece": "磨毛抓绒内里",
    "kangaroo": "袋鼠口袋", "dinosaur": "恐龙印花", "rib": "罗纹针织", "camp": "古巴领",
    "short": "短袖", "foam": "泡棉中底", "vulcanised rubber": "硫化橡胶鞋底", "stacked": "叠跟",
    "contoured cork": "贴合脚型的软木鞋床", "glass bottle": "玻璃瓶装", "japan": "日本",
})

# attribute -> wording; the value goes in as {v} / {V} / {z}
CHOICES: MappingProxyType[str, Wording] = MappingProxyType({
    "material": w(0.75, "{V}",
        "{is} [made|crafted|built] from {v}|use{s} {v} [throughout|from top to bottom]|"
        "rel{y} on {v}",
        "{v}|{a} {v} [make|build]", "{z}", "采用{z}|{z}打造|选用{z}|[用料|材质]是{z}|{z}[做的|制成]"),
    "fit": w(0.5, "{V} fit", "{has} {a} {v} fit|sit{s} right with {a} {v} fit", "{a} {v} fit",
        "{z}", "{z}设计|{z}，佩戴贴合"),
    "closure": w(0.5, "{V}", "close{s} with {a} {v}|fasten{s} with {a} {v}", "{a} {v}",
        "{z}", "{z}设计|采用{z}，开合方便"),
    "outsole": w(0.6, "{V} outsole", "grip{s} with {a} {v} outsole", "{a} {v} outsole",
        "{z}", "{z}，抓地稳|配{z}"),
    "flavour": w(0.7, "{V}", "taste{s} of {v}|bring{s} {a} {v} flavour", "{a} {v} flavour",
        "{z}味", "{z}风味|带着{z}的味道"),
    "flavor": w(0.7, "{V}", "taste{s} of {v}|bring{s} {a} {v} flavour", "{a} {v} flavour",
        "{z}味", "{z}风味|带着{z}的味道"),
    "cushioning": w(0.7, "{V} cushioning", "{has} {v} cushioning underfoot",
        "{v} cushioning", "{z}缓震", "{z}缓震，脚感舒适"),
    "light_source": w(0.4, "{V} light", "use{s} {a} {v} light source", "{a} {v} light source",
        "{z}光源", "采用{z}光源"),
    "scent": w(0.7, "{V}", "{is} scented with {v}|fill{s} the room with {v}", "{v} notes",
        "{z}", "{z}香调|散发{z}香气"),
    "lid": w(0.4, "{V} lid", "{has} {a} {v} lid", "{a} {v} lid", "{z}", "配{z}"),
    "neckline": w(0.4, "{V} neck", "{has} {a} {v} neckline", "{a} {v} neckline", "{z}",
        "{z}设计|经典{z}"),
    "lining": w(0.6, "{V} lining", "{is} lined with {v}", "{a} {v} lining", "{z}",
        "{z}，上身暖和|带{z}"),
    "pocket": w(0.4, "{V} pocket", "{has} {a} {v} pocket", "{a} {v} pocket", "{z}",
        "前置{z}|带{z}"),
    "print": w(0.5, "{V} print", "{has} {a} {v} print", "{a} {v} print", "{z}",
        "{z}，童趣满满"),
    "knit": w(0.4, "{V} knit", "{is} made in {a} {v} knit", "{a} {v} knit", "{z}", "{z}工艺"),
    "collar": w(0.4, "{V} collar", "{has} {a} {v} collar", "{a} {v} collar", "{z}", "{z}设计"),
    "sleeve": w(0.3, "{V} sleeves", "{has} {v} sleeves", "{v} sleeves", "{z}", "{z}款式"),
    "midsole": w(0.5, "{V} midsole", "{has} {a} {v} midsole", "{a} {v} midsole", "{z}",
        "{z}，回弹轻快"),
    "sole": w(0.5, "{V} sole", "{has} {a} {v} sole", "{a} {v} sole", "{z}", "{z}"),
    "heel": w(0.4, "{V} heel", "{has} {a} {v} heel", "{a} {v} heel", "{z}", "{z}设计"),
    "ankle_support": w(0.7, "{V} ankle support", "give{s} {v} ankle support",
        "{v} ankle support", "{z}护踝", "{z}帮护踝，走山路更稳"),
    "footbed": w(0.6, "{V} footbed", "{has} {a} {v} footbed", "{a} {v} footbed", "{z}",
        "{z}，久穿舒适"),
    "roast": w(0.6, "{V} roast", "{is} {a} {v} roast", "{a} {v} roast", "{z}烘焙",
        "{z}烘焙，口感均衡"),
    "packaging": w(0.4, "{V}", "come{s} in {v}s", "{v} packaging", "{z}", "{z}"),
    "origin": w(0.6, "From {V}", "come{s} from {V}", "origins in {V}", "产自{z}", "产自{z}"),
    "ip_rating": w(0.7, "{V}", "{is} rated {V} against splashes and sweat",
        "{V} splash protection", "{V}防泼溅", "{V}防泼溅，运动出汗也不怕"),
    "bluetooth_version": w(0.5, "Bluetooth {v}", "connect{s} over Bluetooth {v}",
        "Bluetooth {v}", "蓝牙{v}", "蓝牙{v}，连接稳定"),
    "medium": w(0.8, "{V}", "{is} available on {v}|come{s} as {a} {v} edition", "{a} {v} edition",
        "{v}版", "提供{v}版本|{v}版本"),
    "publisher": w(0.3, "{V}", "{is} published by {v}", "{v} as publisher", "{v}出版",
        "由{v}出版"),
    "brand": w(0.3, "{V}", "{is} [made|designed] by {v}|come{s} from {v}|carr{y} the {v} "
        "[label|name]|{is} {a} {v} [design|original|piece]", "{v} [design|craft]", "{v}",
        "{v}出品|来自{v}|{v}[设计|出品]，[品质|做工]在线"),
})
# fmt: on
UNSCENTED = w(0.6, "Unscented", "{is} unscented, for a clean, quiet glow", "an unscented wax",
              "无香", "无香型，[气味干净|不抢味道]|无香设计，[卧室|餐桌]都合适")
