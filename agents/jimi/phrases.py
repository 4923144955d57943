"""JIMI's fixed replies, in both languages: apologies, the hand-over, small talk, what it
cannot help with."""

from __future__ import annotations

SORRY_TROUBLE = {"en": "I'm sorry for the trouble.", "zh": "很抱歉给您添麻烦了。"}
SORRY_AGAIN = {"en": "I'm sorry, that is far too long to wait.", "zh": "真的很抱歉，让您等了这么久。"}
PERSON_AGAIN = {"en": "If you'd rather talk it through, I can connect you to a person now.",
                "zh": "如果您希望，我可以马上为您转接人工客服。"}
SORRY_LATE = {"en": "I'm sorry your order is running late.", "zh": "很抱歉订单延误了，给您添麻烦了。"}
SORRY_LATE_MANY = {"en": "I'm sorry your orders are running late.", "zh": "很抱歉订单延误了，给您添麻烦了。"}
HANDOVER = {
    "en": "I'm connecting you to a member of our support team now. They'll see this "
          "conversation, so you won't need to repeat yourself.",
    "zh": "正在为您转接人工客服，客服可以看到我们的对话记录，您无需重复说明。",
}
OUT_OF_SCOPE = {
    "en": "Sorry, that's outside what I can help with here. I can help with our products, your "
          "orders, delivery, returns, refunds, payments and membership.",
    "zh": "抱歉，这个问题超出了我能帮忙的范围。我可以帮您查询商品、订单、配送、退换货、退款、支付和会员相关问题。",
}
SMALL_TALK = {
    "greet": {"en": "Hi {name}, I'm JIMI, your shopping assistant. Ask me about a product, "
                    "an order, delivery or returns.",
              "zh": "{name}您好，我是智能客服JIMI，可以帮您查询商品、订单、配送和退换货。"},
    "goodbye": {"en": "Goodbye, and thanks for shopping with us.",
                "zh": "再见，感谢您的光临！"},
    "thanks": {"en": "You're welcome! Anything else I can help with?",
               "zh": "不客气！还有什么可以帮您的吗？"},
    "affirm": {"en": "Great. What would you like to do next?", "zh": "好的，请问还需要什么帮助？"},
    "deny": {"en": "No problem. Anything else I can help with?", "zh": "好的，还有其他需要帮忙的吗？"},
}
# a shopper who asks for the merchant studio's work (banners, copy, cutouts, jobs)
STUDIO_ONLY = {
    "en": "Sorry, making banners, marketing copy and photo cutouts is for merchants in the "
          "Shopmind studio, so I can't do that here. I'm happy to help with products, orders, "
          "delivery, returns and membership.",
    "zh": "抱歉，制作海报、文案和抠图是商家工作台的功能，我这里无法处理。商品、订单、配送、退换货"
          "和会员方面的问题，我都很乐意帮您。",
}
LANGUAGE_SET = {"en": "Sure, I'll answer in English from now on.",
                "zh": "好的，接下来我会用中文为您服务。"}
