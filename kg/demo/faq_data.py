"""The demo marketplace's FAQs, in English and Chinese.

One policy runs through all answers:

============  ======================  =============  ==========================
tier          free standard shipping  return window  qualifying spend (12 mo.)
============  ======================  =============  ==========================
basic         orders over $49         15 days        sign-up
silver        orders over $35         30 days        $300
gold          every order             45 days        $800
platinum      every order + express   60 days        $2,000
============  ======================  =============  ==========================
"""

from __future__ import annotations

from typing import Literal

FaqTopic = Literal["shipping", "returns", "refunds", "warranty", "payment", "membership"]

# fmt: off
# (id, topic, question en, question zh, answer en, answer zh)
FAQS: tuple[tuple[str, FaqTopic, str, str, str, str], ...] = (
    ("faq-shipping-cost", "shipping",
     "How much does shipping cost?",
     "运费是多少？",
     ("Standard shipping is $5.99. It is free on orders over $49 for basic members, over $35 "
      "for silver members, and on every order for gold and platinum members. Express shipping "
      "costs $12.99 and is free for platinum members."),
     ("标准配送运费为5.99美元。普通会员订单满49美元免运费，银卡会员满35美元免运费，金卡和白金会员"
      "所有订单均免运费。加急配送费用为12.99美元，白金会员免费。")),
    ("faq-shipping-time", "shipping",
     "How long does delivery take?",
     "配送需要多长时间？",
     ("Orders placed before 2 pm local time leave our warehouse the same day. Standard delivery "
      "takes 3-5 business days in the US, 5-8 in the UK and Germany, 4-6 in Singapore and 2-4 "
      "in Shanghai and Beijing. Express delivery takes 1-2 business days."),
     ("当地时间下午2点前下单，当天即可出库。标准配送在美国需3-5个工作日，英国和德国需5-8个工作日，"
      "新加坡需4-6个工作日，上海和北京需2-4个工作日。加急配送需1-2个工作日。")),
    ("faq-shipping-tracking", "shipping",
     "How can I track my order?",
     "如何查询物流信息？",
     ("As soon as your order ships we email you a tracking number; the carrier shows the "
      "first scan within 24 hours. You can also open Orders in your account to see the "
      "current state and the expected delivery date."),
     ("订单发货后，我们会通过邮件发送物流单号，快递公司会在24小时内显示首条物流信息。"
      "您也可以在账户的“我的订单”中查看订单状态和预计送达日期。")),
    ("faq-shipping-delay", "shipping",
     "My order is delayed. What happens now?",
     "我的订单延误了，怎么办？",
     ("A delayed order shows the reason (for example weather at a regional hub) and a new "
      "estimate in Orders, and we notify you by email. If it arrives more than 7 days after "
      "the original expected date, you can cancel it for a full refund or keep it and receive "
      "a $10 voucher."),
     ("延误订单会在“我的订单”中显示延误原因（例如区域转运中心天气影响）和新的预计送达时间，"
      "我们也会发送邮件通知。若比原预计日期晚7天以上送达，您可以取消订单并获得全额退款，"
      "或继续收货并获得一张10美元优惠券。")),
    ("faq-returns-window", "returns",
     "How long do I have to return an item?",
     "退货期限是多久？",
     ("The return window starts on the delivery date and depends on your membership: 15 days "
      "for basic, 30 days for silver, 45 days for gold and 60 days for platinum members."),
     ("退货期限从签收之日起计算，并取决于会员等级：普通会员15天，银卡会员30天，金卡会员45天，"
      "白金会员60天。")),
    ("faq-returns-conditions", "returns",
     "What can I return?",
     "哪些商品可以退货？",
     ("Items must be unused and in their original packaging with tags attached. Drinks can "
      "only be returned unopened, and earbuds only with the hygiene seal intact. Faulty items "
      "can be returned at any time within their warranty period, for example 12 months for "
      "electronics accessories."),
     ("商品需未经使用、保留原包装及吊牌。饮品仅限未开封退货，耳机类商品需卫生封条完好。"
      "有质量问题的商品在保修期内均可随时退货，例如电子配件为12个月。")),
    ("faq-returns-how", "returns",
     "How do I send a return?",
     "如何办理退货？",
     ("Go to Orders, choose the order and select Return. Print the prepaid label and drop the "
      "parcel at any carrier point. Return shipping costs $4.99 for basic and silver members "
      "and is free for gold and platinum members; platinum members can also book a free pickup."),
     ("进入“我的订单”，选择对应订单并点击“退货”，打印预付运单后将包裹交至任一快递网点。"
      "普通和银卡会员需支付4.99美元退货运费，金卡和白金会员免费；白金会员还可预约免费上门取件。")),
    ("faq-returns-exchange", "returns",
     "Can I exchange an item for another size or colour?",
     "可以换尺码或颜色吗？",
     ("Yes. Choose Exchange instead of Return in Orders within your return window (15 to 60 "
      "days, depending on your tier). We ship the new size or colour as soon as the carrier "
      "scans your parcel, and exchanges have no shipping fee for any tier."),
     ("可以。在退货期限内（根据会员等级为15至60天），于“我的订单”中选择“换货”而非“退货”。"
      "快递揽收您的包裹后，我们会立即寄出新的尺码或颜色，所有会员等级换货均免运费。")),
    ("faq-refunds-time", "refunds",
     "When will I get my refund?",
     "退款什么时候到账？",
     ("We issue the refund within 3 business days after the warehouse receives your return. "
      "Card refunds then take 5-10 business days to appear; PayPal, Alipay and WeChat Pay "
      "refunds usually appear within 1-3 business days."),
     ("仓库收到退货后，我们会在3个工作日内发起退款。银行卡退款需5-10个工作日到账；"
      "PayPal、支付宝和微信支付退款通常在1-3个工作日内到账。")),
    ("faq-refunds-method", "refunds",
     "How is my refund paid?",
     "退款会退回到哪里？",
     ("Refunds go back to the original payment method. If you prefer, you can take store "
      "credit instead and we add a 5% bonus to it."),
     "退款将原路退回至您的支付方式。您也可以选择退为账户余额，我们会额外赠送5%。"),
    ("faq-refunds-shipping", "refunds",
     "Is the shipping fee refunded?",
     "运费会退吗？",
     ("The original shipping fee is refunded only when the item was faulty, damaged in transit "
      "or not what you ordered. If part of an order is missing, report it within 7 days of "
      "delivery and we refund the missing items within 1 business day."),
     ("只有在商品存在质量问题、运输途中损坏或发错货时，才会退还原运费。若订单中有商品缺失，"
      "请在签收后7天内反馈，我们会在1个工作日内退还缺失商品的款项。")),
    ("faq-warranty-periods", "warranty",
     "How long is the warranty?",
     "保修期有多长？",
     ("Electronics accessories and lamps have a 12-month warranty, and electric kettles have "
      "24 months. Footwear and apparel are covered for 6 months against manufacturing defects. "
      "Platinum members get an extra 12 months on electronics accessories."),
     ("电子配件和灯具保修12个月，电热水壶保修24个月。鞋类和服装在6个月内享有制造缺陷保修。"
      "白金会员的电子配件额外延长保修12个月。")),
    ("faq-warranty-claim", "warranty",
     "How do I make a warranty claim?",
     "如何申请保修？",
     ("Open the order in Orders, choose Warranty claim and add a photo or short video of the "
      "fault. We reply within 2 business days and ship a replacement within 5 business days "
      "of approval, at no cost to you."),
     ("在“我的订单”中打开对应订单，选择“申请保修”，并上传故障照片或短视频。我们会在2个工作日内回复，"
      "审核通过后5个工作日内免费寄出替换商品。")),
    ("faq-warranty-exclusions", "warranty",
     "What does the warranty not cover?",
     "哪些情况不在保修范围内？",
     ("Normal wear (such as worn soles or faded fabric), accidental damage, and damage from "
      "using an item in ways its description does not support are not covered. Batteries are "
      "covered for 12 months as long as they hold at least 70% of their capacity."),
     ("正常磨损（如鞋底磨平、面料褪色）、意外损坏以及超出商品说明用途使用造成的损坏不在保修范围内。"
      "电池在12个月内保修，前提是容量不低于原容量的70%。")),
    ("faq-payment-methods", "payment",
     "Which payment methods do you accept?",
     "支持哪些支付方式？",
     ("We accept Visa, Mastercard, American Express, PayPal, Apple Pay, Google Pay, Alipay and "
      "WeChat Pay. Prices are in US dollars; your bank may convert them to your currency. "
      "Gift cards can pay for up to 100% of an order."),
     ("我们支持Visa、万事达卡、美国运通、PayPal、Apple Pay、Google Pay、支付宝和微信支付。"
      "商品以美元计价，您的银行可能会按汇率换算为本地货币。礼品卡最多可抵扣订单金额的100%。")),
    ("faq-payment-instalments", "payment",
     "Can I pay in instalments?",
     "可以分期付款吗？",
     ("Orders of $100 or more can be split into 4 interest-free instalments, paid every two "
      "weeks. The first instalment is charged when you place the order."),
     "订单满100美元可分4期免息付款，每两周支付一期，下单时支付第一期。"),
    ("faq-payment-when-charged", "payment",
     "When is my card charged?",
     "什么时候扣款？",
     ("We charge you when you place the order, which is when its state becomes paid. If a "
      "payment fails we hold the order for 24 hours so you can try another method."),
     ("下单时即扣款，订单状态随即变为“已支付”。若支付失败，我们会为您保留订单24小时，"
      "方便您更换支付方式。")),
    ("faq-membership-tiers", "membership",
     "What membership tiers are there?",
     "会员等级有哪些？",
     ("There are four tiers: basic (free when you sign up), silver (from $300 spent in the last "
      "12 months), gold (from $800) and platinum (from $2,000). Your tier updates automatically "
      "when you reach a threshold."),
     ("会员共分四个等级：普通会员（注册即享）、银卡会员（近12个月消费满300美元）、金卡会员（满800美元）"
      "和白金会员（满2000美元）。达到门槛后等级自动升级。")),
    ("faq-membership-benefits", "membership",
     "What does each membership tier change?",
     "不同会员等级有什么区别？",
     ("Free standard shipping starts at $49 for basic and $35 for silver, and applies to every "
      "order for gold and platinum; platinum also gets free express shipping. Return windows "
      "are 15, 30, 45 and 60 days respectively, and gold and platinum members return for free."),
     ("普通会员满49美元、银卡会员满35美元享免费标准配送，金卡和白金会员所有订单免运费，白金会员还享"
      "免费加急配送。退货期限分别为15天、30天、45天和60天，金卡和白金会员退货免运费。")),
    ("faq-membership-points", "membership",
     "How do reward points work?",
     "积分怎么累积和使用？",
     ("You earn 1 point per dollar spent; silver members earn 1.25 points, gold 1.5 and "
      "platinum 2. Every 100 points is worth $5 off at checkout, and points expire after 12 "
      "months."),
     ("每消费1美元可获得1积分；银卡会员1.25积分，金卡1.5积分，白金2积分。每100积分可在结算时抵扣5美元，"
      "积分有效期为12个月。")),
    ("faq-membership-keep-tier", "membership",
     "How long do I keep my tier?",
     "会员等级可以保持多久？",
     ("Once reached, a tier is kept for 12 months. At the end of that period we look at your "
      "spending over the previous 12 months and move you up, keep you, or move you down one "
      "tier."),
     "达到的会员等级可保持12个月。到期时，我们会根据您过去12个月的消费情况进行升级、保级或降一级。"),
)
# fmt: on
