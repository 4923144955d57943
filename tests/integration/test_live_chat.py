"""The real thing: the app over HTTP on 127.0.0.1 and the real Rasa server deciding intents
and calling the app's custom-action endpoint. Multi-turn, in English and Chinese."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from kg.facts import ProductFacts
from kg.schema import OrderRow, ProfileRow
from tests.testing import Accounts
from ui.platform import Platform

pytestmark = pytest.mark.integration


class Shopper:
    """One shopper's chat session over HTTP."""

    def __init__(self, app: str, accounts: Accounts, profile: ProfileRow, session: str) -> None:
        self.app, self.profile, self.session = app, profile, session
        self.headers = accounts.headers(profile.id)

    def say(self, text: str, degraded: bool = False) -> dict[str, Any]:
        response = httpx.post(f"{self.app}/v1/chat", headers=self.headers, timeout=30,
                              json={"session_id": self.session, "text": text})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert body["degraded"] is degraded, body
        return body

    def text(self, text: str) -> str:
        return " ".join(self.say(text)["messages"])

    def poll(self, after: int = 0) -> dict[str, Any]:
        return dict(httpx.get(f"{self.app}/v1/chat/{self.session}/messages?after={after}",
                              headers=self.headers, timeout=10).json())

    @property
    def key(self) -> str:
        return f"{self.profile.id}.{self.session}"


def _profile(platform: Platform, language: str, **where: str) -> ProfileRow:
    return next(p for p in platform.knowledge.accounts.profiles()
                if p.language == language and all(getattr(p, k) == v for k, v in where.items()))


def _colourful(platform: Platform) -> ProductFacts:
    return next(p for p in sorted(platform.knowledge.graph.products(), key=lambda p: p.id)
                if len(p.values("colour")) >= 3 and p.name_zh)


def _order(platform: Platform, state: str) -> tuple[ProfileRow, OrderRow]:
    accounts = platform.knowledge.accounts
    return next((p, o) for p in accounts.profiles() for o in accounts.orders_of(p.id)
                if o.state == state)


def test_health_is_all_up(live_app: str, rasa_server: str, accounts: Accounts) -> None:
    staff = accounts.headers(accounts.first("agent")["id"])
    body = httpx.get(f"{live_app}/health", headers=staff, timeout=10).json()
    assert body["status"] == "ok", body
    assert body["dependencies"]["rasa"]["detail"].startswith("model ")
    assert body["dependencies"]["studio_nlu"]["up"] is True


def test_english_conversation_with_context(live_app: str, rasa_server: str,
                                           synced_platform: Platform, accounts: Accounts) -> None:
    product = _colourful(synced_platform)
    first, second = product.values("colour")[:2]
    profile = _profile(synced_platform, "en", membership="gold")
    shopper = Shopper(live_app, accounts, profile, "en-context")
    assert "JIMI" in shopper.text("hello there")
    colours = shopper.text(f"what colours does the {product.name_en} come in?")
    assert product.name_en in colours and all(c in colours for c in product.values("colour"))
    follow_up = shopper.text(f"and in {second}?")
    assert follow_up.startswith("Yes") and product.name_en in follow_up, follow_up
    returns = shopper.text("what's your return policy?")
    assert "gold member" in returns and "45 days" in returns
    assert first in colours


def test_chinese_conversation_with_context(live_app: str, rasa_server: str,
                                           synced_platform: Platform, accounts: Accounts) -> None:
    from kg.lexicon import COLOUR_ZH

    product = _colourful(synced_platform)
    colour_zh = COLOUR_ZH[product.values("colour")[1]]
    profile = _profile(synced_platform, "zh")
    shopper = Shopper(live_app, accounts, profile, "zh-context")
    assert "JIMI" in shopper.text("你好")
    colours = shopper.text(f"{product.name_zh}有哪些颜色？")
    assert product.name_zh in colours and "可选" in colours, colours
    follow_up = shopper.text(f"那{colour_zh}的呢？")
    assert follow_up.startswith("有的") and colour_zh in follow_up, follow_up
    delivery = shopper.text("配送要几天？")
    assert "个工作日" in delivery, delivery


def test_a_delayed_order_is_raised_before_the_shopper_asks(live_app: str, rasa_server: str,
                                                          synced_platform: Platform,
                                                          accounts: Accounts) -> None:
    profile, order = _order(synced_platform, "delayed")
    shopper = Shopper(live_app, accounts, profile, "proactive")
    opened = shopper.poll()
    notice = " ".join(m["text"] for m in opened["items"])
    assert order.id in notice and ("$10 voucher" in notice or "10美元" in notice), opened
    status = shopper.text(f"where is my order {order.id}?" if profile.language == "en"
                          else f"我的订单{order.id}到哪了？")
    assert order.id in status


def test_order_form_refuses_another_shoppers_number_then_takes_the_own(
        live_app: str, rasa_server: str, synced_platform: Platform, accounts: Accounts) -> None:
    profile, own = _order(synced_platform, "paid")
    other = next(o for p in synced_platform.knowledge.accounts.profiles() if p.id != profile.id
                 for o in synced_platform.knowledge.accounts.orders_of(p.id))
    shopper = Shopper(live_app, accounts, profile, "form")
    english = profile.language == "en"
    asked = shopper.text("I want to cancel my order" if english else "我想取消订单")
    assert "order number" in asked or "订单号" in asked, asked
    refused = shopper.text(other.id)
    assert ("can't find an order" in refused or "没有找到订单" in refused), refused
    assert other.expected_delivery not in refused
    done = shopper.text(own.id)
    assert own.id in done and ("cancellation" in done or "取消" in done), done
    assert (own.id, "cancel") in synced_platform.conversations.requests_of(profile.id)


def test_hand_over_to_a_person_and_back(live_app: str, rasa_server: str,
                                        synced_platform: Platform, accounts: Accounts) -> None:
    profile = _profile(synced_platform, "zh")
    shopper = Shopper(live_app, accounts, profile, "handover")
    agent = accounts.headers(accounts.agent_named("王芳")["id"])
    reply = shopper.say("我要找人工客服")
    assert reply["handover_offered"] and reply["mode"] == "waiting", reply
    queue = httpx.get(f"{live_app}/v1/agent/sessions", headers=agent, timeout=10).json()
    assert shopper.key in [s["id"] for s in queue]
    history = httpx.get(f"{live_app}/v1/agent/sessions/{shopper.key}", headers=agent,
                        timeout=10).json()["items"]
    assert history[0]["text"] == "我要找人工客服"
    httpx.post(f"{live_app}/v1/agent/sessions/{shopper.key}/claim", headers=agent,
               timeout=10).raise_for_status()
    paused = shopper.say("你好？")
    assert paused["mode"] == "agent" and paused["messages"] == []
    said = httpx.post(f"{live_app}/v1/agent/sessions/{shopper.key}/reply", headers=agent,
                      json={"text": "您好，我是王芳，请问有什么可以帮您？"},
                      timeout=10).json()
    seen = shopper.poll(after=said["seq"] - 1)
    assert seen["items"][0]["speaker"] == "王芳" and seen["agent"] == "王芳"
    httpx.post(f"{live_app}/v1/agent/sessions/{shopper.key}/release", headers=agent,
               timeout=10).raise_for_status()
    back = shopper.say("谢谢")
    assert back["mode"] == "bot" and back["items"][-1]["speaker"] == "JIMI"


@pytest.mark.parametrize(("language", "first", "second"), [
    ("en", "where is my order?", "WHERE IS MY ORDER??? this is ridiculous"),
    ("zh", "我的订单到哪了？", "太过分了！！！我的订单到底到哪了？"),
])
def test_frustration_is_noticed_and_a_remedy_offered(live_app: str, rasa_server: str,
                                                     synced_platform: Platform, language: str,
                                                     first: str, second: str,
                                                     accounts: Accounts) -> None:
    profile = _profile(synced_platform, language)
    shopper = Shopper(live_app, accounts, profile, f"upset-{language}")
    shopper.say(first)
    reply = shopper.say(second)
    assert reply["frustration"], reply
    text = " ".join(reply["messages"])
    assert ("sorry" in text.lower()) if language == "en" else ("抱歉" in text), text
    assert "person" in text or "人工客服" in text


def test_another_shoppers_order_is_refused(live_app: str, rasa_server: str,
                                          synced_platform: Platform, accounts: Accounts) -> None:
    store = synced_platform.knowledge.accounts
    owner, intruder = store.profiles()[0], store.profiles()[1]
    order = store.orders_of(owner.id)[0]
    shopper = Shopper(live_app, accounts, intruder, "intruder")
    answer = shopper.text(f"我的订单{order.id}到哪了" if intruder.language == "zh"
                          else f"where's my order {order.id}")
    assert "can't find an order" in answer or "没有找到订单" in answer
    assert order.expected_delivery not in answer


def test_off_topic_is_declined_with_what_jimi_can_do(live_app: str, rasa_server: str,
                                                     synced_platform: Platform,
                                                     accounts: Accounts) -> None:
    shopper = Shopper(live_app, accounts, _profile(synced_platform, "en"), "oos")
    answer = shopper.text("tell me a joke about the weather on mars")
    assert "outside what I can help with" in answer or "rephrase" in answer, answer
    assert "orders" in answer and "Here is" not in answer and "found)" not in answer


def test_a_thumbs_up_or_dots_get_an_answer_not_an_outage(live_app: str, rasa_server: str,
                                                         synced_platform: Platform,
                                                         accounts: Accounts) -> None:
    shopper = Shopper(live_app, accounts, _profile(synced_platform, "en"), "signs")
    assert shopper.text("👍")  # Rasa reads no tokens in it: the chat sends /affirm
    clarify = shopper.text("...")
    assert "rephrase" in clarify or "outside what I can help with" in clarify, clarify


def test_a_list_then_the_second_one_then_the_cheaper_one(
        live_app: str, rasa_server: str, synced_platform: Platform, accounts: Accounts) -> None:
    """The products a reply lists travel in Rasa's tracker: later turns point at them."""
    profile = _profile(synced_platform, "en")
    shopper = Shopper(live_app, accounts, profile, "references")
    listed = shopper.say("do you have running shoes?")
    knowledge = synced_platform.knowledge
    products = [knowledge.product(p) for p in listed["products"]]
    assert len(products) >= 2, listed
    assert all("shoe" in " ".join(listed["messages"]).lower() or p.name_en in
               " ".join(listed["messages"]) for p in products)
    second = products[1]
    size = second.values("size")[0]
    answer = shopper.text(f"is the second one available in size {size}?")
    assert second.name_en in answer and size in answer, answer
    cheaper = min(products, key=lambda p: p.price)
    assert cheaper.name_en in shopper.text("how much is the cheaper one?")


def test_a_damaged_item_is_filed_and_a_photo_attached(
        live_app: str, rasa_server: str, synced_platform: Platform, accounts: Accounts,
        tmp_path: Any) -> None:
    from io import BytesIO

    from PIL import Image

    accounts_store = synced_platform.knowledge.accounts
    profile, order = next((p, o) for p in accounts_store.profiles()
                          for o in accounts_store.orders_of(p.id) if o.state == "delivered"
                          and len([x for x in accounts_store.orders_of(p.id)
                                   if x.state in ("delivered", "shipped")]) == 1)
    product = synced_platform.knowledge.product(order.lines[0].product_id)
    shopper = Shopper(live_app, accounts, profile, "damaged")
    english = profile.language == "en"
    reply = shopper.text(f"the {product.name_en} arrived broken, please send a replacement"
                         if english else f"收到的{product.name_zh}坏了，请给我换一个")
    assert order.id in reply, reply
    assert (order.id, "replacement") in synced_platform.conversations.requests_of(profile.id)
    photo = BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo, format="PNG")
    sent = httpx.post(f"{live_app}/v1/chat/{shopper.session}/photos", headers=shopper.headers,
                      files={"file": ("crack.png", photo.getvalue(), "image/png")}, timeout=30)
    assert sent.status_code == 200, sent.text
    assert any("photo attached" in item["text"] for item in sent.json()["items"])
    refused = httpx.post(f"{live_app}/v1/chat/{shopper.session}/photos", headers=shopper.headers,
                         files={"file": ("notes.txt", b"not an image", "text/plain")}, timeout=30)
    assert refused.status_code == 422 and "not an image" in refused.text
    anonymous = httpx.post(f"{live_app}/v1/chat/{shopper.session}/photos",
                           files={"file": ("crack.png", photo.getvalue(), "image/png")},
                           timeout=30)
    assert anonymous.status_code == 401
    merchant = accounts.headers(accounts.first("merchant")["id"])
    wrong_role = httpx.post(f"{live_app}/v1/chat/{shopper.session}/photos", headers=merchant,
                            files={"file": ("crack.png", photo.getvalue(), "image/png")},
                            timeout=30)
    assert wrong_role.status_code == 403
    # another shopper's upload with the same session name lands in their own conversation
    other = next(p for p in accounts_store.profiles() if p.id != profile.id)
    theirs = httpx.post(f"{live_app}/v1/chat/{shopper.session}/photos",
                        headers=accounts.headers(other.id),
                        files={"file": ("crack.png", photo.getvalue(), "image/png")}, timeout=30)
    assert theirs.status_code == 200
    mine = [m.text for m in synced_platform.conversations.history(
        f"{profile.id}.{shopper.session}")]
    assert sum("photo attached" in text for text in mine) == 1
