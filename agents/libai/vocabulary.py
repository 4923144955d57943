"""The fact check's vocabulary: words that claim something about a product.

Each line is ``keys | English surfaces | Chinese surfaces``. When a text uses a surface, every
key it maps to must be supported by the product's facts (see :mod:`agents.libai.factcheck`),
so "leather" on a mesh shoe, "waterproof" on a mug or "无线" on wired headphones is caught,
whoever wrote the text (the grammar or a chat model). This table is kept apart from the phrase
banks on purpose: the phrase banks are checked against it, not the other way round.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

# fmt: off
_TERMS = """
cotton | cotton | 棉质, 纯棉, 棉
cotton organic | organic cotton | 有机棉
wool | wool, woollen, woolen | 羊毛
wool merino | merino | 美利奴
cashmere | cashmere | 羊绒
linen | linen | 亚麻
silk | silk | 真丝, 桑蚕丝
leather | leather, full-grain, nubuck | 皮革, 真皮, 牛皮, 磨砂皮
suede | suede | 麂皮, 绒面革
polyester | polyester | 涤纶, 涤, 聚酯
nylon | nylon, ripstop | 尼龙
elastane | elastane, spandex, lycra | 氨纶
fleece | fleece | 抓绒
velvet | velvet | 丝绒
mesh | mesh | 网面, 网布, 网眼
canvas | canvas | 帆布
rubber | rubber | 橡胶
cork | cork | 软木
foam | foam | 记忆棉, 泡棉
silicone | silicone | 硅胶
steel | steel, stainless | 不锈钢, 钢材
iron | iron, cast-iron | 铸铁
aluminium | aluminium, aluminum | 铝
copper | copper | 铜
glass | glass, borosilicate | 玻璃, 高硼硅
ceramic | ceramic | 陶瓷
stoneware | stoneware | 粗陶
porcelain | porcelain, bone china | 细瓷, 瓷器, 骨瓷
enamel | enamel | 搪瓷
oak wood | oak | 橡木
wood | wood, wooden | 木质, 实木
bamboo | bamboo | 竹制, 竹纤维
tritan | tritan | Tritan
tpu | TPU | TPU
polycarbonate | polycarbonate | 聚碳酸酯
plastic | plastic | 塑料
soy | soy wax, soy | 大豆蜡
paraffin | paraffin | 石蜡
synthetic | synthetic | 合成材料, 合成革
down | goose down, duck down | 羽绒
recycled | recycled | 再生, 回收
black | black | 黑色
white | white | 白色
grey | grey, gray | 灰色
navy | navy | 藏青, 深蓝
blue | blue | 蓝色
red | red | 红色
green | green | 绿色
olive | olive | 橄榄绿, 橄榄色
beige | beige | 米色
brown | brown | 棕色, 咖啡色
pink | pink | 粉色
yellow | yellow | 黄色
orange | orange | 橙色, 香橙, 橙汁, 鲜橙
purple | purple | 紫色
silver | silver | 银色
gold | gold, golden | 金色
khaki | khaki | 卡其
lemon | lemon | 柠檬
berry | berry, berries | 莓果, 浆果
ginger | ginger | 生姜, 姜味
jasmine | jasmine | 茉莉
apple | apple | 苹果
banana | banana | 香蕉
carrot | carrot | 胡萝卜
cocoa | cocoa | 可可
caramel | caramel | 焦糖
chocolate | chocolate | 巧克力
vanilla | vanilla | 香草
mint | mint, peppermint | 薄荷
coconut | coconut | 椰子
pineapple | pineapple | 菠萝
mango | mango | 芒果
peach | peach | 桃子, 蜜桃
strawberry | strawberry | 草莓
cedar | cedar | 雪松
fig | fig | 无花果
lavender | lavender | 薰衣草
rose | rose | 玫瑰
waterproof | waterproof, water-proof, rainproof, rain, rainy, downpour, downpours, puddle, \
puddles, wet weather, storm, storms | 防水, 雨天, 下雨, 雨中, 雨水, 暴雨
rain_cover_included | rain cover | 防雨罩
water_resistant | water-resistant, water resistant, splash, splashes, splash-proof, sweat-proof \
| 防泼溅, 防泼水, 防汗
odour_resistant | odour, odor, odour-resistant, odor-resistant | 异味
organic | organic | 有机
eco_friendly | eco-friendly, eco friendly, sustainable, planet-friendly | 环保, 可持续
quick_dry | quick-dry, quick dry, quick-drying, dries fast, dry fast, dries quickly | 速干, 快干
reflective | reflective, reflectors | 反光
taped_seams | taped seams, seam-taped | 压胶
packable | packable, packs down, pack down | 可收纳
breathable | breathable, breathes, breathe, airflow | 透气
stretch | stretch, stretchy | 弹力, 弹性
light_up | light-up, lights up, light up | 发光, 闪灯
elastic_side_panels | elastic | 松紧
nitro | nitro, nitrogen | 氮气
sugar_free | sugar-free, sugar free, zero sugar, zero-sugar, no sugar, unsweetened | 无糖, 零糖, 0糖
no_added_sugar | no added sugar | 不额外添加糖, 无添加糖, 零添加糖
added_sugar | added sugar | 添加糖
sparkling | sparkling, fizzy, fizz, fizzes, bubbles, carbonated | 气泡, 含气, 汽水
contains_milk | milk, milky | 牛奶, 奶香, 含奶
cold_pressed | cold-pressed, cold pressed | 冷压
raw | unpasteurised, unpasteurized, raw | 未经巴氏杀菌
caffeine | caffeine | 咖啡因
caffeine_free | caffeine-free, caffeine free, decaf, no caffeine | 不含咖啡因, 无咖啡因, 零咖啡因
taurine | taurine | 牛磺酸
electrolytes | electrolyte, electrolytes, sodium | 电解质, 钠
calories | kcal, calorie, calories, low-calorie | 千卡, 卡路里, 热量, 低卡
microwave_safe | microwave, microwave-safe | 微波
dishwasher_safe | dishwasher, dishwasher-safe | 洗碗机
handmade | hand-glazed, handmade, hand-made, handcrafted, by hand, hand-blown | 手工
glazed | glazed, glaze | 施釉, 釉面
leakproof | leakproof, leak-proof, leak proof, spill-proof | 防漏, 防溢
bpa_free | BPA, BPA-free | BPA
straw | straw | 吸管
shatter_resistant | shatter-resistant, shatterproof, shatter | 不易碎, 防碎
drop_protection | drop protection, drops, drop-tested, drop-proof | 防摔, 抗摔, 耐摔
temperature_control | temperature control, set the temperature, variable temperature \
| 控温, 温控, 温度可调
auto_shutoff | auto shut-off, auto-shutoff, shut-off | 自动断电, 自动关机
led_indicator | indicator | 指示灯
pre_seasoned | pre-seasoned, seasoned | 开锅
oven_safe | oven, oven-safe | 烤箱
induction_compatible | induction | 电磁炉
pfas_free | PFAS, PFAS-free | PFAS
non_stick | non-stick, nonstick | 不粘
wireless | wireless, cordless, cable-free | 无线
bluetooth | bluetooth | 蓝牙
noise_cancelling | noise-cancelling, noise cancelling, noise-canceling, noise canceling, ANC | 降噪
gps | GPS | GPS, 定位
heart_rate | heart rate, heart-rate | 心率
blood_oxygen | blood oxygen, SpO2 | 血氧
sos_button | SOS | SOS, 求助, 求救
fast_charging | fast charging, fast-charging, fast charge, quick charge, quick-charge | 快充, 快速充电
usb_c | USB-C, USB C, Type-C | USB-C, Type-C
solar_panel | solar | 太阳能
magnetic | magnetic, magnet, magnets, MagSafe | 磁吸, 磁力
raised_edges | raised edges, raised edge, raised lip | 边框加高, 加高边框
keyring_clip | keyring, key ring, keychain | 挂扣, 钥匙扣
dimmable | dimmable, dimmer | 调光, 亮度可调
app_control | app | App
removable_cover | removable cover, removable | 可拆
machine_washable | machine-washable, machine washable, washing machine, machine wash | 机洗
mouth_blown | mouth-blown, hand-blown | 吹制
ergonomic | ergonomic | 人体工学
hydration_compatible | hydration bladder, hydration reservoir, hydration-ready | 水袋
adjustable_torso | torso | 背长
ventilated_back_panel | ventilated | 通风
chest_strap | chest strap, sternum strap | 胸带
double_wall | double-wall, double-walled, double wall, vacuum | 双层, 真空
insulated | insulated, insulation | 保温, 保冷, 隔热, 保暖
collapsible | collapsible, collapses, folds flat | 折叠
adjustable_chin_cord | chin cord, chin strap | 下巴绳
upf_rating | UPF, sun protection, sun-protective, UV protection | UPF, 防晒, 紫外线
cushioning | cushioning, cushioned | 缓震
lightweight | lightweight, light-weight, feather-light, featherweight, ultralight, ultra-light \
| 轻便, 轻盈, 轻量, 超轻
kids | kids, kid, children, child, toddler, toddlers, little ones | 儿童, 孩子, 宝宝, 小朋友
limited_stock | limited stock, stock is limited, few left, low stock, selling out, while stocks last \
| 库存有限, 仅剩, 少量库存, 库存不多
in_stock | in stock, ready to ship | 现货
sale | sale, discount, discounted, markdown, clearance | 促销, 特惠, 折扣, 优惠, 打折, 大促
new_arrival | new arrival, new arrivals, just landed, just in, brand-new, brand new | 新品, 上新, 新款
japan | Japan, Japanese | 日本
china | China, Chinese | 中国
italy | Italy, Italian | 意大利
france | France, French | 法国
germany | Germany, German | 德国
korea | Korea, Korean | 韩国
iphone | iPhone | iPhone
galaxy | Galaxy | Galaxy
pixel | Pixel | Pixel
over_ear | over-ear | 头戴式, 包耳
in_ear | in-ear | 入耳式
on_ear | on-ear | 贴耳式
relaxed | relaxed fit | 宽松
slim_fit | slim fit, slim-fit | 修身
short_sleeve | short sleeves, short-sleeve, short sleeve | 短袖
long_sleeve | long sleeves, long-sleeve, long sleeve | 长袖
zip | zip, zipper, zipped | 拉链
hook_and_loop | hook and loop, hook-and-loop, velcro | 魔术贴
roll_top | roll-top, roll top | 卷口
laces | laces, lace-up | 系带
crew | crew neck, crew neckline, crew-neck, crewneck | 圆领
v_neck | v-neck | V领
mp3 | MP3 | MP3
dvd | DVD | DVD
vinyl | vinyl | 黑胶
cd | CD | CD
itunes | iTunes | iTunes
"""
# a key that is not an attribute name is supported by any of these attributes
DERIVED: dict[str, tuple[str, ...]] = {
    "waterproof": ("water_resistance_m", "hydrostatic_head_mm"),
    "water_resistant": ("water_resistance_m", "ip_rating", "waterproof"),
    "organic": ("organic",), "caffeine": ("caffeine_mg",), "taurine": ("taurine_mg",),
    "electrolytes": ("sodium_mg",), "calories": ("energy_kcal",),
    "added_sugar": ("added_sugar_g",), "handmade": ("hand_glazed", "mouth_blown"),
    "glazed": ("hand_glazed", "glazed_interior"),
    "drop_protection": ("drop_protection_m", "shatter_resistant"),
    "oven_safe": ("oven_safe_c",), "bluetooth": ("bluetooth_version",),
    "insulated": ("double_wall", "keeps_hot_h", "keeps_cold_h", "insulation_g"),
    "breathable": ("mesh_back_panel", "ventilated_back_panel"),
    "upf_rating": ("upf_rating",),
}
# fmt: on
_RUN = re.compile(r"[a-z0-9]+")


class Vocabulary:
    """Surfaces of one language, scanned longest-first without overlaps.

    Latin surfaces ("waterproof", "GPS") must stand as whole words and are found from the
    start of each run of letters and digits; Chinese ones ("防水") from each character.
    """

    def __init__(self, keys: dict[str, tuple[str, ...]]) -> None:
        self.keys = keys
        self._words: dict[str, list[str]] = defaultdict(list)
        self._chars: dict[str, list[str]] = defaultdict(list)
        for surface in sorted(keys, key=len, reverse=True):
            if surface.isascii():
                self._words[_RUN.match(surface).group(0)].append(surface)  # type: ignore[union-attr]
            else:
                self._chars[surface[0]].append(surface)

    def scan(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """(surface as written, keys) for every surface in the text."""
        lowered = text.lower()
        found = self._scan_words(lowered, text)
        if self._chars:
            found += self._scan_chars(lowered, text)
        return found

    def _scan_words(self, lowered: str, text: str) -> list[tuple[str, tuple[str, ...]]]:
        found = []
        end = 0
        for run in _RUN.finditer(lowered):
            start = run.start()
            if start < end or run.group(0) not in self._words:
                continue
            for surface in self._words[run.group(0)]:
                stop = start + len(surface)
                if lowered.startswith(surface, start) and not _alnum_at(lowered, stop):
                    found.append((text[start:stop], self.keys[surface]))
                    end = stop
                    break
        return found

    def _scan_chars(self, lowered: str, text: str) -> list[tuple[str, tuple[str, ...]]]:
        found = []
        index, size = 0, len(lowered)
        while index < size:
            step = 1
            for surface in self._chars.get(lowered[index], ()):
                if lowered.startswith(surface, index):
                    found.append((text[index:index + len(surface)], self.keys[surface]))
                    step = len(surface)
                    break
            index += step
        return found


def _alnum_at(text: str, index: int) -> bool:
    return index < len(text) and text[index].isascii() and text[index].isalnum()


@cache
def vocabulary(language: str) -> Vocabulary:
    """The vocabulary for ``en`` or ``zh`` (built on first use, then cached)."""
    keys: dict[str, tuple[str, ...]] = {}
    for line in _TERMS.strip().splitlines():
        names, english_part, chinese_part = (part.strip() for part in line.split("|"))
        surfaces = english_part if language == "en" else chinese_part
        for surface in (s.strip() for s in surfaces.split(",") if s.strip()):
            keys[surface.lower()] = tuple(names.split())
    return Vocabulary(keys)
