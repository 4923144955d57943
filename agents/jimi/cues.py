"""Words and intents that cue how JIMI reads a turn: a follow-up about the product under
discussion, a comparison, a policy question asked in passing, a purchase, a timing question.
Data only; ``core`` and ``shopping`` read them."""

from __future__ import annotations

import re

# intents under which a damaged, wrong or missing item is reported
PROBLEM_INTENTS = frozenset({"payment_issue", "delivery_options", "membership_benefits","return_policy", "get_refund", "complaint", "change_order",
                             "cancel_order", "order_status", "product_question", "product_search",
                             "out_of_scope", "nlu_fallback", "inform", "delivery_period",
                             "contact_human_agent", "affirm", "deny"})  # "可是它老是一闪一闪的"
# intents that may be a follow-up question about the product under discussion
FOLLOW_UP_INTENTS = frozenset({"product_question", "product_search", "inform", "out_of_scope",
                               "nlu_fallback", "delivery_options", "compare_products"})
# plainly another topic, whatever product is under discussion: "will it snow in munich"
OTHER_TOPIC = re.compile(r"(?i)\bweather\b|\bforecast\b|\bwill it (?:snow|rain)\b|\b(?:snow|rain)(?:ing)? "
                         r"(?:in|this|tomorrow|today|tonight)\b|天气|(?:会|要)下(?:雪|雨)|下(?:雪|雨)(?:吗|不)|"
                         r"\btell me a joke\b|讲个笑话|\bstock market\b|股市|\bbitcoin\b|比特币|"
                         r"\bwho (?:won|will win)\b|谁赢了|\brecipe for\b|怎么做饭|菜谱")
# policy questions the FAQ answers, whatever product they mention ("灯具保修多久")
POLICY = re.compile(r"(?i)warrant|guarantee|保修|质保|保固|reward points|积分|instal?ments?|"
                    r"\bcovered\s*[?？]|(?:is|are) (?:it|that|this|they|those) (?:still )?covered\b|"
                    r"\bpoints?\b.{0,12}\b(?:worth|value|redeem|use|spend)|"
                    r"\b(?:worth|redeem|use|spend)\b.{0,12}\bpoints\b|"
                    r"days .{0,15}\breturns?\b|\breturns? .{0,15}days|return (?:window|period)|"
                    r"退货.{0,6}(?:几天|多少天|多久)|"
                     r"分期|return window|退货期|shipping fee|运费")
RETURN_REQUEST = re.compile(r"(?i)\b(?:can|could) i (?:return|send back)|\bwant to (?:return|send)|"
                            r"退掉|能退吗|想退|要退|退了|可以退吗")
RETURN_WINDOW = re.compile(r"(?i)days .{0,15}\breturns?\b|\breturns? .{0,15}days|return (?:window|period)|"
                           r"退货.{0,6}(?:几天|多少天|多久)|退货期")
OPEN_STATES = ("paid", "delayed")  # orders that can still be cancelled or changed
TIMING = re.compile(r"(?i)how long|how many days|when (?:will|do|does|can)|how (?:fast|quick|quickly|soon)|多久|多长时间|什么时候|"
                     r"几天|到账")
COMPARE = re.compile(r"(?i)\bcompare|\bvs\.?\b|\bversus\b|difference between|对比|比较|相比|"
                      r"区别|差别|比一比|比一下|比较一下|对比一下|[跟和与][^，,。？?]{1,12}比[，,]?|"
                      r"how much (?:\w+er|more \w+|less \w+) (?:is it |are they )?than|"
                      r"比[^，,。？?]{1,14}(?:轻|重|贵|便宜|长|短|大|小|亮)多少")
COMPARATIVE = re.compile(r"(?i)\b(?:\w+er|more \w+|less \w+|least \w+|most \w+|\w+est)\b|"
                          r"更|最|哪个.{0,3}(?:长|短|大|小|重|轻|贵|便宜|多|少|亮|快)")
TWO = re.compile(r"(?i)\bthe two\b|\bboth\b|these two|those two|这两|那两|两款|两个|两双")
MORE = re.compile(r"(?i)long|more|most|bigg|larg|heav|bright|expens|pricier|strong|tall|high|wide|长|多|大|重|亮|"
                   r"贵|久|高")
CHEAP = re.compile(r"(?i)cheap|less expensive|affordable|便宜|实惠")
SHOPPING_QUESTION = re.compile(r"(?i)\?|？|吗|什么|哪|有没有|有没|多少|[不没么][？?]?$|\bdo you\b|\bany\b|"
                                r"\bwhat\b|\bwhich\b|\bhave you\b|\bis there\b")
POINTS_WORD = re.compile(r"(?i)\bpoints?\b|\bpts\b|积分")
POLICY_TOPICS = (
    (re.compile(r"(?i)store credit|account balance|余额|money (?:go|goes|land) back|退到哪|退回哪|"
                r"原路"), "get_refund"),
    (re.compile(r"(?i)\bexchange|swap (?:it|them|the)|换货|换个?尺码|换个?颜色|换.码"), "return_policy"),
    (re.compile(r"(?i)\breturn|send (?:it|them|\w+) back|take (?:it|them) back|退货|退回|能退吗|可以退吗"),
     "return_policy"),
    (re.compile(r"(?i)warrant|guarantee|保修|质保|保固"), "warranty"),
    (re.compile(r"(?i)points|积分|(?:reach|get to|upgrade to|hit|become)\s+(?:a\s+)?(?:silver|gold|"
                r"platinum)|升(?:到|级为?|成)?(?:银卡|金卡|白金)"), "membership_benefits"),
    (re.compile(r"(?i)shipping|delivery fee|运费|邮费|包邮"), "delivery_options"),
    (re.compile(r"(?i)refund|退款|get (?:my|the) money|money back|钱什么时候|钱多久"), "get_refund"),
    (re.compile(r"(?i)instal|分期|\bpay\b|\bpayments?\b|支付|付款"), "payment_issue"),
)
# "which one ...?" picks a product; "which colours?" asks for a product's values
WHICH = re.compile(r"(?i)\bwhich\b(?! (?:colou?rs?|sizes?|flavou?rs?|materials?)\b)|哪个|哪款|哪双|哪件|哪只|哪台|哪盏|哪瓶|哪种|哪把|哪一|谁")
TIER_NAMED = (("basic", re.compile(r"(?i)\bbasic\b|普通会员")),
              ("silver", re.compile(r"(?i)\bsilver\b|银卡")),
              ("gold", re.compile(r"(?i)\bgold\b|金卡")),
              ("platinum", re.compile(r"(?i)\bplatinum\b|白金")))
THIS_ONE = re.compile(r"(?i)\b(?:it|this one|that one|this|that)\b|这个|这款|那个|那款|它")
PICKUP = re.compile(r"(?i)上门取件|上门取|取件|\bpick ?up\b|\bpick (?:it|them) up\b|"
                    r"collect (?:it|them|the (?:parcel|package))")
# how a return travels: "要我自己拿去快递点寄吗", "do I drop it off myself?"
DROP_OFF = re.compile(r"(?i)快递点|驿站|自己(?:拿去|送去|去)?寄|寄回|drop (?:it |them )?off|"
                      r"take (?:it|them) to (?:a|the) (?:courier|post office|shop)|"
                      r"(?:post|ship|send) (?:it|them) (?:back )?myself")
RETURN_SAID = re.compile(r"(?i)\breturn|退货")
# a refund as store credit, a policy whatever order it is asked about
WARRANTY_PERIOD = re.compile(r"(?i)still (?:under|in|covered)|\bcovered\s*[?？]|under (?:the )?warranty|warranty "
                             r"(?:period|last)|how long .{0,20}warranty|还在保修|保修期|保多久|保修多久|"
                             r"还保修|质保期|质保多久|what about (?:the )?warranty|保修呢|质保呢|"
                             r"\bwhat(?:'?s| is) the warranty\b|\bwarranty (?:on|for) (?:it|this|that|them|"
                             r"these|those)\b|保修多长|保修几年|保修多少|质保几年")
REFUND_WHERE = re.compile(r"(?i)where (?:does|do|will) (?:the |my )?(?:money|refund)|money (?:go|goes) "
                          r"back|退到哪|退回哪|退回到哪|原路|退回原来的|退回原|退到原来的|退回.{0,4}卡[吗么]")
STORE_CREDIT = re.compile(r"(?i)store credit|account balance|shop credit|gift card balance|账户余额|"
                          r"退到余额|退成余额|退.{0,4}余额")
ORDER_WORDS = re.compile(r"(?i)\border|parcel|package|deliver|ship|arriv|track|refund|return|cancel|"
                         r"单|包裹|快递|物流|发货|到货|送到|到了|退|取消")
# buying a product, not an order request: "the lemon one, can I order that?"
ORDER_IT = re.compile(r"(?i)\bcan i (?:order|buy|get) (?:it|that|this|them|one|those)\b|"
                      r"能(?:下单|买)(?:吗|不)|可以下单")
# what may be returned: "can i return a drink i already opened"
RETURN_CONDITION = re.compile(r"(?i)\b(?:opened|used|worn|washed|without (?:the )?tags?)\b|拆封|开封|"
                              r"用过|穿过|洗过|吊牌|打开过|喝了|开了|拆了|\bdrank\b|\bdrunk\b")
# an item never used: whether it can still go back is a window question, not the conditions
UNUSED = re.compile(r"(?i)unopened|never (?:\w+ )?(?:used|worn|opened)|not (?:been )?(?:used|worn|opened)|"
                    r"still in the box|unused|没拆|未拆|还没拆|没用过|没穿过|没开过|一直没用|全新|一罐都没开|没开封")
COVERED = re.compile(r"(?i)\bcovered\b|\bcovers? (?:it|them|that)\b|how long is (?:that|it|this)(?: one)?\b|"
                     r"保吗|保修吗|也保|质保吗")
TRACKING = re.compile(r"(?i)tracking (?:number|link|code)|track (?:my|the) (?:order|parcel|package)|"
                      r"物流单号|快递单号|运单号|怎么查物流|物流信息")
# a question about something named, not a narrower search: "does the big one do fast charging"
ASKS_ABOUT = re.compile(r"(?i)^\s*(?:so |and |but |ok )?(?:does|do|is|are|can|has|have|will|would|how)\b|"
                        r"吗[？?]?$|么[？?]?$")
# what an order holds: "whats in that one again", "那单里有什么"
CONTENTS = re.compile(r"(?i)what'?s in (?:it|that|this|the|my)|what (?:was|is) in (?:it|that|this|the|my)|"
                      r"what did i (?:order|buy|get)|what(?:'?s| is| was) my (?:most recent|last|latest|"
                      r"newest) order|我(?:最近|上次|最新)(?:买|下单)?的?(?:是)?(?:什么|啥)|里面有(?:什么|啥|哪些)|买了(?:什么|啥|哪些)|有哪些东西|"
                      r"(?:单|次)(?:买|订)的(?:是)?(?:什么|啥)")
# intents under which a short message may narrow the last search ("不要带咖啡因的")
REFINING_INTENTS = frozenset({"deny", "inform", "affirm", "out_of_scope", "nlu_fallback",
                              "product_question", "product_search"})
# "no sorry I meant the other one": the last question, about another product
CORRECTION = re.compile(r"(?i)\bi meant\b|\bi mean the\b|\bno,? (?:sorry,? )?(?:the|that)\b|"
                        r"我是说|我说的是|我问的是|不是这个|是问")
# the shopper's own slip in an order not yet sent: a change, not a faulty delivery
MY_MISTAKE = re.compile(r"(?i)\b(?:i|but|and) (?:picked|chose|ordered|selected|clicked|put in) the "
                        r"wrong\b|"
                        r"\bby mistake\b|选错|拍错|下错|点错|买错")
PHOTO_QUESTION = re.compile(r"(?i)\b(?:need|want|should i send|send you) (?:a |some )?(?:photos?|pictures?|"
                            r"pics?|images?|videos?)\b|how (?:do|can) i (?:send|upload) (?:a |the )?"
                            r"(?:photos?|pictures?|pics?)|要(?:我)?拍照|需要.{0,4}(?:照片|拍照|图片)|"
                            r"怎么(?:发|上传)(?:照片|图片)?给")
POINTS = re.compile(r"(?i)(\d[\d,]*)\s*(?:points?|积分)")
# adding to what was discussed: "再加一套丝绒抱枕套呢", "what if I add the beanie"
ADDING = re.compile(r"(?i)^\s*(?:ok\s+|and\s+|那么?|那就|好的?\s*)?(?:再加|加上|还要加|再来)|\b(?:if i add|add(?:ing)? the|"
                    r"plus the|and add|throw in)\b")
WHAT_IF = re.compile(r"(?i)\bwhat if (?:it'?s|i (?:get|buy|order|take)|i got)|\bwhat about if\b|要是买|如果买|"
                     r"要是再|那如果")
SHIP_TO = re.compile(r"(?i)\bship(?:ping)? to\b|deliver(?:y)? to\b|寄到|送到|发到")
# more products like those discussed: "200人民币以内还有别的吗", "anything similar?"
ANYTHING_ELSE = re.compile(r"(?i)\banything else\b|\bany (?:others|other ones|other options)\b|"
                           r"\bsomething else\b|\bother options\b|还有别的(?!颜色|尺码|码|色)|"
                           r"还有其他(?!颜色|尺码|码|色)|别的(?:呢|吗)|其他的(?:呢|吗)")
SIMILAR = re.compile(r"(?i)\b(?:anything|something|any|got) (?:else )?similar\b|similar (?:ones?|"
                     r"products?|items?)|\blike (?:it|that|this one)\b|类似的|差不多的|同类的|相似的")
# the shopper asks for a person outright, whatever else the message says
PERSON_ASKED = re.compile(r"(?i)转人工|人工客服|(?:找|要|叫|换)个?(?:人工|真人|活人)|人工来|真人客服|(?<!not )(?<!don't )(?:talk|speak|chat) "
                          r"(?:to|with) (?:a |an |some )?(?:real |actual )?(?:person|human|agent|"
                          r"someone|somebody)|\breal (?:person|human)\b|human agent|get me a "
                          r"(?:human|person|manager)|connect me to (?:a |an )?(?:person|human|agent)")
TOTAL = re.compile(r"(?i)\bin total\b|\baltogether\b|\btogether\b|\btotal\b|\b(?:come|comes|coming|add|adds) (?:up )?to\b|一共|总共|加起来|合计|一起(?:买)?(?:要)?多少钱")
# "有哪些码": the values of one product, not a search ("有哪些鞋")
WHICH_VALUES = re.compile(r"有(?:哪些|什么|啥|哪几种)(?:码|尺码|颜色|色|尺寸|规格|型号|口味)")
WHICH_COLOURS = re.compile(r"(?i)\b(?:which|what) colou?rs?\b|哪些颜色|什么颜色|几种颜色|哪几种颜色|有什么色")
SIZE_WORD = re.compile(r"(?i)\bsize|\bin \d{2}\b|码|号|"
                       r"\b(?:is|am|are|wears?|takes?) (?:a |an )?(?:size )?\d{2}(?:\.5)?\b")
# a purchase-related turn, after which (once) a complement may be suggested
BUYING = re.compile(r"(?i)\b(?:buy|buying|purchase|order(?:ing)? (?:it|one|them|the)|add (?:it )?to "
                     r"(?:my )?(?:cart|basket)|i'?ll take|checkout|get one)\b"
                     r"|买|下单|购买|入手|拍下|要了|加购|加入购物车")
PRONOUN = re.compile(r"(?i)\b(?:it|its|it's|this one|that one|this|that)\b|它|"
                     r"[这那](?:个|款|双|件|只|瓶|罐|盏|台|把|顶|条|套|支)")
# a request to find products, not a question about one ("recommend me something ...")
SEARCHING = re.compile(r"(?i)recommend|suggest|\bsomething\b|\banything\b|show me|"
                       r"\bdo (?:you|u|ya) (?:have|sell|carry|stock)|"
                       r"\bis there (?:one|any|an?)\b|\bare there any\b|\bgot any\b|"
                       r"looking for|\bneed an? |\bany\b|\bwhat .* do you have|推荐|有没有|有什么|"
                       r"有哪些|有那些|想买|想要一|找一|有啥|还有啥|还有什么|买[个双件台只款]|给.{1,6}买")
# how a policy works ("退款退到哪", "how do refunds work"), not a request about one order
HOW = re.compile(r"(?i)\bwhere (?:does|do|will|is)\b|\bhow (?:do|does|will|is|are)\b|退到哪|怎么退|"
                 r"什么方式|原路|退回哪|支付宝|微信|信用卡")
# what can be done about a late order
OPTIONS = re.compile(r"(?i)what are my options|what can i do|what can (?:you|u) (?:actually |even |"
                     r"really )?do(?! about (?:the|this) (?:price|size))|what now|what should i do|any options|"
                     r"compensat|(?:any|some)thing for the (?:wait|delay|trouble)|make up for|"
                     r"do i get anything|get anything for|if i keep (?:it|them|the order|waiting)\b|"
                     r"如果(?:我)?(?:继续等|不取消)|继续等的话|"
                     r"怎么办|有什么办法|能怎么处理|我能做什么|有什么选择|补偿|赔偿|"
                     r"voucher|coupon|优惠券|代金券|anything you can (?:offer|do)|what can you offer|"
                     r"能补偿|有什么补偿|拿(?:个|张)?券|给(?:个|张)?券|"
                     r"(?:晚了|延误|迟了|超时).{0,12}(?:退全款|全额退|全款)|\blate\b.{0,30}\bfull refund|"
                     r"(?:never|doesn'?t|does not) (?:arrive|come|turn up|show up).{0,30}"
                     r"(?:refund|money)|一直不到.{0,8}(?:退钱|退款)|不到.{0,4}能退")
BIGGER = re.compile(r"(?i)\b(?:bigger|larger|big|large|smaller|small)(?: one)?\b|大的那|大一点的|大点的|"
                    r"小的那|小一点的|小点的")
SMALLER = re.compile(r"(?i)\bsmall(?:er)?\b|小的那|小一点的|小点的")
ARRIVAL = re.compile(r"(?i)arriv|deliver|get (?:it|the new)|ship|到|送达|收到")
GENERAL = re.compile(r"(?i)tell me (more )?about|details|describe|more info|介绍|详情|怎么样")
NOT_SENT = re.compile(r"(?i)not (?:yet )?(?:arrived|shipped|sent|here)|hasn'?t (?:arrived|shipped|come)|"
                      r"\b(?:is|are)n'?t (?:here|in|delivered)\b|"
                      r"still (?:not|no|hasn'?t|waiting)|没发货|没到|还没发|还没到|没收到")
# an order picked out among those listed by what is in it: "the one with the pans", "锅那单"
WHICH_ORDER = re.compile(r"(?i)^(?:it'?s |its |oh |ok |um )?(?:the )?one with\b|"
                         r"\b(?:bought|ordered|got) (?:it |them )?(?:together )?with the\b|^(?:the )?\S+(?: \S+)? "
                         r"(?:one|order)[.!?]*$|(?:那单|那个订单|那笔订单|那笔)[。.!！]*$")
CARRY_ON = re.compile(r"(?i)^(?:and|what about|how about|and what about)\b|呢[？?]?$|^那")
TOPIC_INTENTS = frozenset({"delivery_options", "delivery_period", "return_policy", "faq",
                           "membership_benefits", "payment_issue"})
# how a refund was paid, for when the money shows
FAST_METHODS = re.compile(r"(?i)paypal|alipay|wechat|支付宝|微信")
CARD = re.compile(r"(?i)\bcard\b|credit|debit|visa|mastercard|\bamex\b|american express|信用卡|银行卡|储蓄卡")
MONEY = re.compile(r"(?i)\bcard\b|money|refund|paypal|my account|钱|退款|到账")
# a sum asked with its shipping: "what do 2 packs run me with shipping", "加上运费一共多少"
WITH_SHIPPING = re.compile(r"(?i)\b(?:with|plus|incl(?:uding|\.)?|and) (?:the )?(?:shipping|delivery|"
                           r"postage)\b|加上运费|含运费|连运费|算上运费|加运费")
SHIPPING_COST = re.compile(r"(?i)pay (?:any(?:thing)? |extra |more )?(?:for )?(?:the )?(?:shipping|delivery|postage)|"
                           r"\b(?:shipping|delivery|postage)\b[^.?!]{0,40}\b(?:do|would|will) i (?:have to )?"
                           r"(?:pay|be charged)|shipping (?:cost|fee|charge)|cost to ship|"
                           r"cost (?:me )?(?:anything|something|money) to (?:send|ship|return|post)|"
                           r"(?:sending|send|shipping) (?:it|them) back[^.?!]{0,20}\bcost|"
                           r"how much (?:is|does|for) (?:the )?(?:express|standard|next[- ]day) |"
                           r"express (?:shipping|delivery)|加急|"
                           r"free shipping|shipping (?:be |is |would be )?free|postage|"
                           r"free delivery|delivery (?:be |is |would be )?free|is (?:it|delivery|shipping) free|"
                           r"how much (?:is |for |does )?(?:the )?(?:shipping|delivery)|要运费|运费多少|"
                           r"\b(?:shipping|delivery)\b[^?.!]{0,40}\bhow much\b|"
                           r"delivery (?:fee|cost|charge)|运费|邮费|包邮|快递费")
# delivery in general, not an order's: "how long does standard shipping usually take"
USUAL_DELIVERY = re.compile(r"(?i)(?:usually|normally|typically|in general|generally|standard|"
                            r"express).{0,30}(?:deliver|shipping|arrive|take)|(?:deliver|shipping)"
                            r".{0,20}(?:usually|normally|typically|generally)|"
                            r"(?:平时|一般|通常|标准|加急).{0,10}(?:配送|快递|送到|到货|几天到|发货)")
FREE_ASKED = re.compile(r"(?i)\bfree\b|cost (?:me )?anything|\bcharge|免费|要钱|收费|运费")
EXCHANGE = re.compile(r"(?i)exchange|swap|换货|换个|换尺码|调换|换(?:颜色|码|大小|一个)")
FREE_SHIPPING = re.compile(r"(?i)free shipping|ship(?:s)? (?:for )?free|shipping (?:be |is |still )?free|"
                           r"qualify|包邮|免运费|免邮")
RETURNING = re.compile(r"(?i)\breturn|send(?:ing)? (?:it |them )?back|退货|退回|寄回|能退|可以退|一起退|换货|换个尺码|换尺码")
LATE = re.compile(r"(?i)\blate\b|delay|overdue|\bstuck\b|hold[- ]?up|卡住|延误|延迟|迟迟|晚了|太慢")
# what only the merchant studio makes: a product named without these is shopping
STUDIO_WORK = re.compile(r"(?i)banner|poster|\bcopy\b|copywrit|headline|title|slogan|tagline|"
                         r"selling points?|cut ?out|background|photo|image|picture|"
                         r"海报|横幅|文案|标题|卖点|抠图|抠|图片|照片|主图|详情页")
# "还有别的颜色不": every colour, not whether the one named exists
OTHER_COLOURS = re.compile(r"(?i)other colou?rs?|another colou?r|what other colou?r|"
                           r"colou?rs? other than|besides \w+\??$|除了.{1,4}色?还有|"
                           r"别的颜色|其他颜色|其它颜色|别的色|还有什么颜色|还有哪些颜色")
# "anything that goes with it?": what complements a product
GOES_WITH = re.compile(r"(?i)goes? (?:well )?with\b|go together|to go with|"
                       r"pairs? (?:well )?with|match(?:es)? (?:it|this)|配什么|搭配什么|搭什么|"
                       r"一起买什么|配套")
# a short follow-up that leans on the policy just explained: "do they expire", "从哪天开始算",
# "那具体怎么操作呢", "how do i claim it"
LEANS_ON = re.compile(r"(?i)\b(?:they|them|it|that|those|this|these|then)\b|\bhow (?:do|does|can) i\b|"
                      r"怎么|如何|从哪|哪天|什么时候|多久|几天|具体|这个|那个|它")
# "橙汁那单呢", "and the other one?": a question about an order, never a new request on it
ELLIPTICAL = re.compile(r"(?i)呢[?？]?\s*$|^\s*(?:and|what about|how about)\b")
REQUEST_VERB = re.compile(r"(?i)\b(?:cancel|refund|return|change|swap|switch|exchange|stop|send back"
                          r"|make (?:it|them|the \w+) (?:an? )?\w+ (?:instead|please|pls))"
                          r"|取消|退|改|换|不要|别发")
# schoolwork is no shop question, whatever the words ("面积是多少" is no product's size)
HOMEWORK = re.compile(r"(?i)\bhomework\b|\bmaths? (?:problem|question|exercise)|\bsolve (?:this|the|my)\b|"
                      r"\bequation\b|\bessay\b|作业|作文|论文|这道题|数学题|解题|应用题|"
                      r"\d+\s*[x×*+÷/-]\s*\d+\s*(?:=|等于)\s*(?:\?|？|多少|几)")
# how much money comes back: "how much do i get back?", "能退多少钱"
REFUND_AMOUNT = re.compile(r"(?i)how much (?:do|will|would|can) i get back|how much (?:is|will) "
                           r"(?:the|my) refund|how much (?:money )?(?:comes|goes) back|"
                           r"refund amount|退多少|能退多少|退回多少|退款多少|退款金额")
# one line taken out of an open order: "drop the bottle and send me the rest", "瓶子不要了"
REMOVE_LINE = re.compile(r"(?i)\b(?:drop|remove|take out|leave out|take off|cancel) the \w+(?: \w+)?"
                         r"\b.{0,40}\b(?:send|ship|keep)(?: me)? the rest|\bsend (?:me )?the rest\b|"
                         r"\bwithout the \w+(?: please| pls)?[?.!]*$|去掉|删掉|其他(?:的)?照(?:常)?发|"
                         r"其余(?:的)?(?:照常)?发")
# "can it still be cancelled?", "还能取消吗": whether, not a request to do it
CAN_CANCEL = re.compile(r"(?i)\bcan (?:it|this|that|they|the order|my order|i|(?:order )?SM-?\d+) (?:still )?"
                        r"(?:be )?cancel|\bis it (?:still )?(?:possible|too late) to cancel|"
                        r"(?:还能|能|可以|还可以)(?:不能)?取消(?:吗|不|么)?")
CANCEL_WORD = re.compile(r"(?i)\bcancel|取消|别发了|不要发了|不用发了")
IT = re.compile(r"(?i)\b(?:it|its|it's)\b|它")  # the product under discussion, by pronoun
# "how much lighter is it than ...", "比GTX轻多少": the difference, by attribute
HOW_MUCH = (
    (re.compile(r"(?i)how much (?:lighter|heavier)|[轻重]多少"), "weight_g"),
    (re.compile(r"(?i)how much (?:cheaper|more expensive|pricier|dearer)|(?:贵|便宜)多少"), "price"),
    (re.compile(r"(?i)how much longer|how many more hours|续航.{0,4}长多少|长多少"),
     "battery_life_h"),
    (re.compile(r"(?i)how much (?:bigger|larger|more does it hold)|大多少"), "capacity_ml"),
    (re.compile(r"(?i)how much brighter|亮多少"), "brightness_lm"),
)
# "which one is lighter?", "哪个更轻": the attribute a comparative word asks about, and
# whether more of it wins
COMPARATIVE_KEYS = (
    (re.compile(r"(?i)\blighter\b|更轻|轻一些|轻一点|比较轻"), "weight_g", False),
    (re.compile(r"(?i)\bheavier\b|更重|重一些|比较重"), "weight_g", True),
    (re.compile(r"(?i)\b(?:lasts? longer|longer battery)\b|续航更长|续航长|更耐用电"),
     "battery_life_h", True),
    (re.compile(r"(?i)\bbrighter\b|更亮"), "brightness_lm", True),
    (re.compile(r"(?i)\b(?:holds? more|bigger capacity)\b|容量更大|装得更多"), "capacity_ml", True),
    (re.compile(r"(?i)\btaller\b|更高"), "height_cm", True),
    (re.compile(r"(?i)\bburns? (?:for )?longer\b|longer burn|烧得更久|燃烧时间更长|烧得久"),
     "burn_time_h", True),
)

# a search over what the shop has: "brightest light you've got", "你们有"
YOU_HAVE = re.compile(r"(?i)\b(?:you'?ve got|you have|u have|u got|you got|you guys have|you sell|"
                      r"in (?:the )?(?:shop|store|catalogue))\b|你们(?:家)?(?:有|卖)")
# an order of theirs, by what it holds: "what about my mug order"
# an order said to be late, whatever the NLU made of the message: "my mug order still hasnt
# come, was due 29 nov", "my other two orders are super late", "我那个订单怎么还没到"
LATE_ORDER = re.compile(r"(?i)\b(?:orders?|parcels?|packages?|deliver(?:y|ies))\b[^.?!]{0,40}(?:"
                        r"\blate\b|\bdelayed\b|\b(?:has|have)n'?t (?:come|arrived|shown up|shipped)|"
                        r"\b(?:hasnt|havent) (?:come|arrived|shown up|shipped)|\bnot (?:come|arrived|"
                        r"here)\b|\b(?:was|were) due\b|(?:meant|supposed) to (?:arrive|come|be here))|"
                        r"(?:订单|那单|包裹|快递)[^，。？！]{0,12}(?:还没(?:到|来|收到|发)|没到|迟迟|延误|晚了|"
                        r"怎么还|咋还|超时)")
# which line of an order holds it up: "which item is holding it up?", "哪个商品卡住了"
HOLDING = re.compile(r"(?i)\bwhich (?:item|product|one|thing|part)\b.{0,20}\b(?:holding|delay|late|slow|"
                     r"problem|missing|waiting)|\bwhat(?:'?s| is) (?:holding|delaying)\b|"
                     r"哪(?:个|件|样)(?:商品|东西)?.{0,6}(?:卡|耽误|拖|延误|缺货|没货)")
# the price of one of a pack: "whats that per can", "一瓶多少钱", "单瓶合多少"
PER_UNIT = re.compile(r"(?i)\bper (?:can|bottle|tin|bar|sachet|pod|unit|piece|one|item|box)\b|"
                      r"\beach (?:can|bottle|tin|bar|one)\b.{0,12}\bcost|\b(?:a|one) (?:can|bottle|tin) "
                      r"(?:costs?|works out|comes to)|(?:每|一|单)(?:瓶|罐|听|包|袋|支)(?:合|算|是)?多少钱?|"
                      r"(?:每|单)(?:瓶|罐|听)(?:合|算)?多少")
# several orders asked about at once: "my other two orders are late", "这几单呢"
SEVERAL_ORDERS = re.compile(r"(?i)\b(?:other|both|all|two|2|three|3)\b(?: \w+)?(?: of)?(?: my)? orders\b|"
                            r"\borders\b[^.?!]{0,20}\b(?:late|delayed)\b|(?:两|几|三)(?:个)?(?:单|订单)|"
                            r"其他(?:的)?(?:订单|那几单)|这几单|那几单|所有(?:的)?订单")
MY_ORDER = re.compile(r"(?i)\bmy\b[^.?!]{0,25}\border\b|我的?[^，。？]{0,8}(?:订单|那单)")
# a return asked for, not asked about: "I'd like to return the lamp", "想退"
WANTS_RETURN = re.compile(r"(?i)\b(?:i'?d like|i would like|i want|i wanna|wanna|please|pls|"
                          r"(?<![?]\s)(?<!you )(?<!u )(?<!they )want) (?:to )?"
                          r"(?:return|send (?:it|them|\w+) back)\b|帮我(?:把.{0,12})?退|我要退|我想退|想退掉|要退掉|"
                          r"退掉吧|退了吧|申请退货|(?<!不)想退(?!款)|要退货")
# buying, not returning: "thinking of getting one"
PLANS_TO_BUY = re.compile(r"(?i)\b(?:thinking of (?:getting|buying)|i want to buy|planning to buy|if i buy)\b|"
                          r"我想买|想买|打算买|要是买")
STILL = re.compile(r"(?i)\bstill\b|too late|(?:until|till|by) when|截止|到什么时候|还能|还可以|能不能|"
                   r"能退吗|可以退吗|能换吗|可以换吗|还在")
# who pays a return's shipping: "do I pay the return shipping?", "退回去的运费要我自己出吗"
# what sending something back costs: "what does that cost me", "退回去要多少钱"
RETURN_COST = re.compile(r"(?i)what (?:does|would|will) (?:that|it|this|a return) cost|cost me\b|"
                         r"how much (?:does|would|will) (?:it|that|a return|returning) cost|"
                         r"\b(?:do|would|will) i (?:have to )?pay\b|\bwho pays\b|运费|要多少钱|花多少钱|"
                         r"要钱吗|收费吗|谁出")
WHO_PAYS = re.compile(r"(?i)\bdo i (?:have to )?pay\b|\bwho pays\b|要我(?:自己)?(?:出|付|承担)|谁出|"
                      r"(?:要|需要)(?:付|出)运费")

# an order named by what is in it: "橙汁那单", "买咖啡的那个订单", "the juice order"
THAT_ORDER = re.compile(r"(?i)[\u4e00-\u9fff]{1,8}的?那(?:一|个)?单(?!品)|[\u4e00-\u9fff]{1,8}的?那个订单|"
                        r"\bthe (?!same\b|other\b|wrong\b|whole\b)[a-z]+(?: [a-z]+)? order\b")
# "the desk lamp one from november?": an order, by a line and a date
ORDER_SHAPE = re.compile(r"(?i)\bone\b|\border\b|那单|那个订单|那笔")
