"""Wordings for measured attributes (``battery_mah: 10000``, ``weight_g: 290``).

``{v}`` is the value with its English unit ("10,000 mAh", "1.7 L", "7 days"), ``{z}`` with its
Chinese unit ("10000毫安时", "1.7升", "7天"), ``{n}`` the bare number. Authored by the Li Bai
team; :func:`measure_values` formats, and the few attributes whose wording depends on the
value (light, caffeine-free, phone charges) are chosen in :mod:`agents.libai.points`.
"""

from __future__ import annotations

from types import MappingProxyType

from agents.libai import chinese, english
from agents.libai.wording import Wording, w

# attribute suffix -> (English unit, Chinese unit, (bigger unit, factor, English, Chinese))
_UNITS: dict[str, tuple[str, str, tuple[str, float, str, str] | None]] = {
    "g": ("g", "克", ("kg", 1000, "kg", "千克")), "ml": ("ml", "毫升", ("l", 1000, "L", "升")),
    "l": ("L", "升", None), "mah": ("mAh", "毫安时", None), "w": ("W", "瓦", None),
    "mg": ("mg", "毫克", None), "cm": ("cm", "厘米", None), "mm": ("mm", "毫米", None),
    "m": ("m", "米", None), "lm": ("lumens", "流明", None), "c": ("°C", "℃", None),
    "k": ("K", "K", None), "db": ("dB", "分贝", None), "kcal": ("kcal", "千卡", None),
    "h": ("hours", "小时", ("days", 24, "days", "天")),
}

# fmt: off
MEASURES: MappingProxyType[str, Wording] = MappingProxyType({
    "weight_g": w(0.5, "{v}", "weigh{s} {v}|come{s} in at {v}|tip{s} the scales at {v}",
        "a {v} build", "重{z}", "重{z}|重量{z}|[整体|净]重{z}"),
    "capacity_ml": w(0.7, "{v}", "hold{s} {v}|{has} room for {v}|take{s} up to {v}",
        "{v} of capacity", "{z}", "容量{z}|[能装|可装]{z}|{z}容量，[日常|每天]够用"),
    "battery_life_h": w(0.9, "{v} of battery", "run{s} for {v} on a charge|last{s} {v} between "
        "charges|keep{s} going for {v} on one charge", "{v} of battery life", "续航{z}",
        "续航{z}|一次充满可用{z}|[充满电|满电]能用{z}"),
    "wattage_w": w(0.6, "{v}", "deliver{s} {v} of power|run{s} on {v}|draw{s} {v}",
        "{v} of power", "{z}", "功率{z}|{z}功率，[效率在线|用着利落]"),
    "volume_l": w(0.8, "{v}", "carr{y} {v} of gear|swallow{s} {v} of kit|fit{s} {v} of "
        "[gear|essentials]", "{v} of space", "{z}", "{z}容量，[装得下|够装]|容量{z}|[能装|可装]{z}"),
    "drop_mm": w(0.5, "{v} drop", "{has} a {v} heel-to-toe drop", "a {v} drop", "{z}跟差",
        "{z}跟差，步态自然|跟差{z}"),
    "keeps_hot_h": w(0.8, "Hot {v}", "keep{s} drinks hot for {v}|hold{s} heat for {v}",
        "{v} of heat", "保温{z}", "保温{z}|热饮可保温{z}|[热水|热咖啡]保温{z}"),
    "keeps_cold_h": w(0.8, "Cold {v}", "keep{s} drinks cold for {v}|keep{s} water cold for {v}",
        "{v} of cold", "保冷{z}", "保冷{z}|冷饮可保冷{z}|[冰水|冷饮]保冷{z}"),
    "diameter_cm": w(0.5, "{v}", "measure{s} {v} across|{is} {v} [wide|across]",
        "{a} {v} cooking surface", "直径{z}", "直径{z}，分量刚好|锅径{z}"),
    "height_cm": w(0.4, "{v} tall", "stand{s} {v} tall", "{a} {v} height", "高{z}",
        "高{z}，摆放刚好|高度{z}"),
    "size_cm": w(0.4, "{v}", "measure{s} {v} square", "{a} {v} square", "{z}见方",
        "尺寸{z}见方|{z}见方，[大小|尺寸]刚好"),
    "burn_time_h": w(0.8, "{v} burn", "burn{s} for up to {v}|give{s} up to {v} of glow",
        "up to {v} of burn time", "燃烧约{z}", "可燃烧约{z}|[点燃|燃烧]时长约{z}"),
    "brightness_lm": w(0.8, "{v}", "put{s} out {v}|shine{s} with {v}", "{v} of light",
        "{z}", "亮度{z}|{z}亮度，照得清楚|亮度可达{z}"),
    "upf_rating": w(0.8, "UPF {n}", "block{s} the sun with UPF {n} protection|{is} rated UPF {n}",
        "UPF {n} sun protection", "UPF {n}防晒", "UPF {n}防晒|UPF {n}，防晒有数"),
    "hydrostatic_head_mm": w(0.6, "{v} rating", "{is} rated to a {v} hydrostatic head",
        "a {v} hydrostatic head", "{z}静水压", "{z}静水压|静水压{z}"),
    "insulation_g": w(0.7, "{v} insulation", "pack{s} {v} of insulation", "{v} of insulation",
        "{z}保暖填充", "{z}保暖填充|填充{z}保暖材料"),
    "comfort_rating_c": w(0.8, "Rated {v}", "stay{s} comfortable down to {v}",
        "a {v} comfort rating", "舒适温度低至{z}", "舒适温度低至{z}|{z}也能[应对|穿]"),
    "strap_count": w(0.3, "{n} straps", "{has} {n} straps", "{n} straps", "{n}条绑带",
        "{n}条绑带，穿着稳"),
    "energy_kcal": w(0.6, "{v}", "{has} just {v}|count{s} just {v}", "just {v}", "{z}",
        "仅{z}热量|热量仅{z}"),
    "taurine_mg": w(0.5, "{v} taurine", "{has} {v} of taurine", "{v} of taurine",
        "牛磺酸{z}", "含牛磺酸{z}"),
    "sodium_mg": w(0.5, "{v} sodium", "top{s} up electrolytes with {v} of sodium",
        "{v} of sodium", "含钠{z}", "含钠{z}，补充电解质"),
    "oven_safe_c": w(0.6, "Oven-safe {v}", "{is} oven-safe up to {v}",
        "an oven-safe rating of {v}", "耐温{z}", "可进烤箱，耐温{z}|烤箱耐温{z}"),
    "max_volume_db": w(0.9, "{v} limit", "cap{s} the volume at {v}|limit{s} volume to {v}",
        "a {v} volume limit", "音量上限{z}", "音量上限{z}|音量限制在{z}"),
    "case_charges": w(0.7, "{n} case charges", "get{s} {n} extra charges from the case",
        "{n} extra charges from the case", "充电盒{n}次", "充电盒可额外充电{n}次"),
    "port_count": w(0.5, "{n} ports", "{has} {n} ports", "{n} ports", "{n}个接口",
        "{n}个接口|配{n}个接口"),
    "drop_protection_m": w(0.8, "{v} drop protection", "protect{s} against drops of up to {v}",
        "{v} drop protection", "{z}防摔", "{z}防摔，磕碰不慌"),
    "water_resistance_m": w(0.7, "{v} water-resistant", "{is} water-resistant to {v}",
        "{v} water resistance", "{z}防水", "{z}防水"),
    "colour_temperature_k": w(0.5, "{v}", "give{s} a warm {v} glow|cast{s} a warm {v} light",
        "a warm {v} glow", "{z}暖光", "{z}暖光，氛围柔和|{z}暖光，[不刺眼|很柔和]"),
    "caffeine_mg": w(0.6, "{v} caffeine", "{has} {v} of caffeine", "{v} of caffeine",
        "咖啡因{z}", "含咖啡因{z}|咖啡因含量{z}"),
    "added_sugar_g": w(0.6, "{v} added sugar", "{has} {v} of added sugar", "{v} of added sugar",
        "添加糖{z}", "添加糖{z}"),
})
# fmt: on

LIGHT_WEIGHT = w(0.7, "Lightweight", "weigh{s} just {v}|{is} feather-light at {v}",
                 "a lightweight {v} build", "轻量", "仅重{z}，轻便好带|重量只有{z}，很轻盈")
CAFFEINE_FREE = w(0.6, "Caffeine-free", "{is} caffeine-free", "a caffeine-free recipe",
                  "不含咖啡因", "不含咖啡因，随时都能喝")
NO_ADDED_SUGAR = w(0.7, "No added sugar", "{has} no added sugar", "no added sugar",
                   "不额外添加糖", "不额外添加糖，喝得安心")
PHONE_CHARGES = w(0.9, "{v}", "pack{s} {v}, about {charges}|store{s} {v}, enough for about "
                  "{charges}", "{v} of charge", "{z}",
                  "{z}，约可为手机充满{c}次|{z}[大容量|电池]，约可充满手机{c}次")
SERVING = w(0.5, "{v}", "pour{s} {v} per serving|come{s} in {v} servings", "{v} servings",
            "{z}", "每份{z}|{z}一份，刚刚好")
BATTERY = w(0.7, "{v}", "hold{s} {v} of charge", "a {v} battery", "{z}", "内置{z}电池")


def unit_of(attribute: str) -> str | None:
    suffix = attribute.rsplit("_", 1)[-1] if "_" in attribute else ""
    return suffix if suffix in _UNITS else None


def measure_values(attribute: str, value: float) -> dict[str, str]:
    """``{"v": "1.7 L", "z": "1.7升", "n": "1700", "a": "a"}`` for an attribute's value."""
    unit = unit_of(attribute)
    en_num, zh_num = english.number(value), chinese.number(value)
    if unit is None:
        return {"v": en_num, "z": zh_num, "n": en_num, "a": english.article(en_num)}
    en_unit, zh_unit, bigger = _UNITS[unit]
    shown = value
    if bigger is not None and _use_bigger(unit, value, bigger[1]):
        shown, en_unit, zh_unit = value / bigger[1], bigger[2], bigger[3]
        en_num, zh_num = english.number(round(shown, 2)), chinese.number(round(shown, 2))
    if shown == 1:
        en_unit = {"hours": "hour", "days": "day"}.get(en_unit, en_unit)
    en_text = f"{en_num}{'' if en_unit == '°C' else ' '}{en_unit}"
    return {"v": en_text, "z": f"{zh_num}{zh_unit}", "n": english.number(value),
            "a": english.article(en_text)}


def _use_bigger(unit: str, value: float, factor: float) -> bool:
    if unit == "h":
        return value >= 48 and value % factor == 0
    return abs(value) >= factor
