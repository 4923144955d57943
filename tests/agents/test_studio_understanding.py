"""Reading merchants' messages: acts, products, campaigns, sources and negation.

The sentences here are the team's own (none is from the evaluation sets in bench/data)."""

from __future__ import annotations

import pytest

from agents.studio.campaigns import campaign
from agents.studio.understanding import Parse, Understanding, source, without_negated
from ui.platform import Platform


@pytest.fixture(scope="module")
def understanding(synced_platform: Platform) -> Understanding:
    knowledge = synced_platform.knowledge
    return Understanding(knowledge.products, lambda: knowledge.version)


@pytest.mark.parametrize(("text", "products"), [
    ("banners for the Trail Runner GTX and the Road Racer Lite", ["fw-trail-runner",
                                                                   "fw-road-racer"]),
    ("titles for the pulse watch", ["ea-pulse-smartwatch"]),  # a shortened name
    ("copy for the Solar Power Bank", ["ea-solar-power-bank"]),  # not every power bank
    ("headlines for the kids headphones", ["ea-kids-headphones"]),  # one name has both
    ("给速干跑步T恤写卖点", ["ap-dryfit-running-tee"]),
    ("抠图：恐龙卫衣和发光运动鞋", ["ap-kids-dino-hoodie", "fw-kids-light-up"]),
    ("all our kettles for christmas", []),  # a selection, not a product
    ("给所有保温杯写卖点", []),
    ("bullet points for the 50l pack", ["od-trek-pack-50l"]),  # a size only it has
    ("write 3 instagram captions for the fitbuds", ["ea-fitbuds-sport"]),  # a word only it has
    ("冷萃和康普茶的海报", ["dr-nitro-cold-brew", "dr-ginger-kombucha"]),  # a pair only it has
    # "Voltra" belongs to the watch and "power bank" to the pocket one: not the 20k too
    ("banners for the Voltra Pulse Smartwatch plus the Pocket Power Bank",
     ["ea-pulse-smartwatch", "ea-pocket-power-bank"]),
])
def test_products_named_fully_or_shortened(understanding: Understanding, text: str,
                                           products: list[str]) -> None:
    assert understanding.finder().find(text) == products or (
        not products and understanding.plan_values(text)["products"] is None)


@pytest.mark.parametrize(("text", "expected"), [
    ("banners for black friday.", "black friday"),
    ("给双十一做海报", "双十一"),
    ("618大促主图", "618大促"),
    ("make 618 banners", None),  # a count, not the campaign
    ("switch the campaign to autumn harvest", "autumn harvest"),
    ("春上新用的海报", "春上新"),
    ("妇女节 给亚麻衬衫做海报", "妇女节"),
    ("换季清仓，给卫衣做横版", "换季清仓"),  # a phrase of its own that ends like an event
    ("国庆黄金周 主图二十张", "国庆黄金周"),
    ("写几条话题标签，植树节", "植树节"),
    ("六一儿童节的海报", "六一儿童节"),
    ("给保温杯做图，要高级感", None),
    ("translate job c9033618a1ee48ee into Spanish", None),  # "618" inside a job id
    ("把job 5e618f0c翻译成英文", None),
])
def test_campaigns(text: str, expected: str | None) -> None:
    assert campaign(text) == expected


def test_a_tagged_campaign_span_counts_when_no_known_campaign_is_named() -> None:
    assert campaign("banners for the Harvest Moon fest", ["Harvest Moon fest"]) == \
        "harvest moon fest"


@pytest.mark.parametrize(("text", "expected"), [
    ("translate job 3c9e0f1a7b24 to German", "job:3c9e0f1a7b24"),
    ("cut out the photos I sent earlier, the uploaded ones", "uploads"),
    ("redo my previous batch in story size", "last_job"),
    ("hashtags for our camping gear", "tag:camping"),
    ("banners for all our backpacks", "category:backpacks"),
    ("copy for every candle we sell", "category:candles"),
    ("给所有新品做图", "tag:new-arrival"),
    ("banners from the pics i just sent", "uploads"),
    ("translate the job i just sent to french", "last_job"),
    ("把这批海报翻译成英文", "last_job"),
    ("cutouts of every sale item", "tag:sale"),
    ("露营的那些 写点话题标签", "tag:camping"),
    ("儿童的那些商品都抠个图", "tag:kids"),
])
def test_sources(text: str, expected: str) -> None:
    assert source(text) == expected


def test_a_language_said_no_to_is_not_planned(understanding: Understanding) -> None:
    said = understanding.plan_values("fifty banners, english only no chinese", task="banners")
    assert said["languages"] == ("en",)
    said = understanding.plan_values("titles in german, spanish, without french", task="copy")
    assert said["languages"] == ("de", "es")


def test_a_tagged_campaign_inside_a_product_name_is_no_campaign(
        understanding: Understanding) -> None:
    said = understanding.plan_values("sublines for the Smart Arc Floor Lamp banners",
                                     {"campaign": ["Floor"]}, task="copy")
    assert said["campaign"] is None and said["products"] == ("hm-smart-arc-floor-lamp",)


def test_a_job_list_keeps_a_campaign_and_nothing_else(understanding: Understanding) -> None:
    listed = understanding.read(Parse("list_jobs", 0.9), "my last job and the boxing day ones")
    assert listed.plan.to_dict() == {**dict.fromkeys(listed.plan.to_dict()),
                                     "task": "job_list", "campaign": "boxing day"}


def test_what_the_merchant_says_no_to_is_dropped() -> None:
    assert "English" not in without_negated("in Japanese instead of English, please")
    assert "上传" not in without_negated("不用上传的图了，改成热销款")
    assert "法语" not in without_negated("翻译成德语，法语不用了")


def test_other_gives_way_to_the_best_studio_meaning(understanding: Understanding) -> None:
    parse = Parse("other", 0.5, {}, (("other", 0.5), ("make_banners", 0.3), ("help", 0.1)))
    reading = understanding.read(parse, "banners for the Trail Runner GTX, 20 of them")
    assert (reading.act, reading.plan.task, reading.plan.count) == ("new", "banners", 20)
    unsure = Parse("nlu_fallback", 0.2, {}, (("other", 0.2), ("make_banners", 0.05)))
    assert understanding.read(unsure, "what's the weather").act == "other"


def test_yes_no_and_help_carry_no_plan_values(understanding: Understanding) -> None:
    reading = understanding.read(Parse("affirm", 0.9), "yes, 40 square ones is fine")
    assert reading.act == "confirm" and reading.plan.to_dict() == dict.fromkeys(
        reading.plan.to_dict())


@pytest.mark.parametrize(("text", "intent"), [("👍", "affirm"), ("👌👌", "affirm"), ("❌", "deny"),
                                              ("...", "nlu_fallback"), ("ok 👍", None)])
def test_a_message_of_symbols_is_read_without_the_nlu(text: str, intent: str | None) -> None:
    parse = Parse.of_symbols(text)
    assert (parse.intent if parse else None) == intent


def test_a_change_with_nothing_to_change_and_a_count_for_something_is_new_work(
        understanding: Understanding) -> None:
    terse = understanding.read(Parse("change_detail", 0.6), "双12 铸铁锅 20张 通栏")
    assert (terse.act, terse.plan.task, terse.plan.count) == ("new", "banners", 20)
    edit = understanding.read(Parse("change_detail", 0.6), "改竖版，40张")
    assert (edit.act, edit.plan.task, edit.plan.count) == ("change", None, 40)
    asked = understanding.read(Parse("change_detail", 0.6), "双12 铸铁锅 20张", "banners")
    assert asked.act == "change", "with a plan under discussion it is an edit"


@pytest.mark.parametrize(("text", "task"), [
    ("sublines for the banners from the last job, a dozen", "copy"),  # texts for banners
    ("广告语来十条，双十二大促", "copy"),
    ("给上一批海报配副标题", "copy"),
    ("banners with a playful headline, 20 of them", "banners"),
    ("给双十一做海报，标题要醒目", "banners"),
])
def test_texts_named_as_the_work_are_copy_even_when_heard_as_banners(
        understanding: Understanding, text: str, task: str) -> None:
    assert understanding.read(Parse("make_banners", 0.6), text).plan.task == task


def test_one_tagged_english_word_is_no_campaign() -> None:
    assert campaign("hashtags for all our water bottles", ["water"]) is None
    assert campaign("banners for the Harvest Moon fest", ["Harvest Moon fest"]) == \
        "harvest moon fest"


@pytest.mark.parametrize(("intent", "text", "task"), [
    ("make_banners", "抠图 速干跑步T恤 一共六张", "cutout"),
    ("make_banners", "cutouts of the kids range please, as main images", "cutout"),
    ("write_copy", "isolate the mug in these ten pics", "cutout"),
    ("make_banners", "translate the banners of the Trek 50 L Pack into french", "translate"),
    ("cancel_job", "a translation please: job 3c9e0f1a7b24 -> japanese", "translate"),
    ("cancel_job", "cancel the translation of job 3c9e0f1a7b24", "job_cancel"),
    ("make_banners", "make 12 banners from the cutouts", "banners"),  # banners said first
])
def test_the_work_named_first_by_its_verb_is_the_task(understanding: Understanding,
                                                      intent: str, text: str, task: str) -> None:
    assert understanding.read(Parse(intent, 0.8), text).plan.task == task


def test_uploaded_photos_keep_a_product_named_in_full_not_a_kind(
        understanding: Understanding) -> None:
    named = understanding.read(Parse("cut_out", 0.9),
                               "cut out the pics I uploaded of the Solar Power Bank")
    assert named.plan.products == ("ea-solar-power-bank",) and named.plan.source == "uploads"
    kinds = understanding.read(Parse("cut_out", 0.9), "我刚上传了一些拖鞋的照片，帮忙去背景")
    assert kinds.plan.products is None and kinds.plan.source == "uploads"


def test_a_changed_count_may_be_a_number_word(understanding: Understanding) -> None:
    reading = understanding.read(Parse("change_detail", 0.8), "let's do thirty instead",
                                 context="banners")
    assert reading.plan.count == 30
    assert understanding.read(Parse("change_detail", 0.8), "the one with the lid",
                              context="banners").plan.count is None


@pytest.mark.parametrize(("text", "intent"), [
    ("hashtags x5 trail runner gtx", "write_copy"),  # a kind of copy and a number
    ("卖点 速干跑步T恤", "write_copy"),  # a kind of copy and a product
    ("上一个取消掉", "cancel_job"),
    ("what's the weather like", None),
])
def test_a_message_the_nlu_cannot_place_is_read_from_its_work_words(
        understanding: Understanding, text: str, intent: str | None) -> None:
    unsure = Parse("nlu_fallback", 0.05, {}, (("other", 0.9), ("help", 0.05)))
    reading = understanding.read(unsure, text)
    assert (reading.intent if reading.act != "other" else None) == intent


def test_copy_heard_for_a_request_of_banners_only_is_banners(
        understanding: Understanding) -> None:
    reading = understanding.read(Parse("write_copy", 0.6), "想给铸铁煎锅弄点海报，竖版")
    assert reading.plan.task == "banners" and reading.plan.sizes == ("1080x1920",)
    kept = understanding.read(Parse("write_copy", 0.6), "给这些海报写点东西")
    assert kept.plan.task == "copy"


@pytest.mark.parametrize(("text", "expected"), [
    ("上一个翻成日语", "last_job"), ("上一个好了吗", "last_job"),
    ("上一个商品换成方图", None),
    ("给kids的东西做海报", "tag:kids"),
    ("我们是卖厨具的，这次用环保系列做图", "tag:eco-friendly"),
])
def test_more_sources(text: str, expected: str | None) -> None:
    assert source(text) == expected


def test_a_campaign_a_letter_off_and_codes_after_an_arrow(understanding: Understanding) -> None:
    said = understanding.plan_values("banners for haloween -> FR, DE", task="banners")
    assert said["campaign"] == "halloween" and said["languages"] == ("fr", "de")
    assert campaign("our eastern warehouse banners") is None


@pytest.mark.parametrize(("intent", "text", "act"), [
    ("affirm", "方案没问题，就是尺寸改成竖版吧", "change"),
    ("deny", "no, it's for easter not christmas", "change"),
    ("affirm", "yes, 20 banners is fine", "confirm"),  # a value, but no edit
    ("deny", "no, not now", "deny"),
])
def test_a_yes_or_no_that_carries_an_edit_is_a_change(understanding: Understanding,
                                                      intent: str, text: str, act: str) -> None:
    assert understanding.read(Parse(intent, 0.9), text, context="banners").act == act


@pytest.mark.parametrize(("text", "expected"), [
    ("a dozen banners for the mugs, it's for National Tea Day", "national tea day"),
    ("banners for our Spring Sale please", "spring sale"),
    ("ads for the labor day sale", "labor day sale"),
    ("给保温杯做12张夏日大促的图", "夏日大促"),
    ("写点朋友圈文案，年终清仓用", "年终清仓"),
])
def test_events_named_as_merchants_name_them(text: str, expected: str) -> None:
    assert campaign(text) == expected


def test_more_readings_of_what_is_asked(understanding: Understanding) -> None:
    said = understanding.read(Parse("write_copy", 0.8),
                              "descriptions for our premium range, professional tone")
    assert said.plan.tone == "professional" and said.plan.source == "tag:premium"
    job = understanding.read(Parse("write_copy", 0.7), "job 3c9e0f1a7b24: need it in Japanese")
    assert job.plan.task == "translate" and job.plan.languages == ("ja",)
    edit = understanding.read(Parse("make_banners", 0.7), "Actually make it 30 banners.")
    assert edit.act == "change" and edit.plan.count == 30
    fresh = understanding.read(Parse("translate_banners", 0.6),
                               "four banners for the new arrivals, German versions")
    assert fresh.plan.task == "banners" and fresh.plan.count == 4
    other = understanding.read(Parse("other", 0.5), "it's for easter not christmas")
    assert other.act == "change" and other.plan.campaign == "easter"
