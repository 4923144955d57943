"""English phrase banks, per kind and tone. Authored by the Li Bai team.

Slots: ``{The_name}``/``{the_name}`` (the product, with "the" where English wants it),
``{short}`` (name without pack sizes), ``{noun}``/``{a_noun}`` ("tee"/"a tee"), ``{scene}``
("long days on the trail"), ``{brand}``, ``{campaign}``, ``{price}``, ``{vp1}``..``{vp3}``
(selling points as verb phrases), ``{np1}``..``{np3}`` (as noun phrases), ``{tag1}``..
``{tag3}`` (as short labels). Agreement markers (``{s}``, ``{is}``, ``{It}`` ...) are resolved
for the product's number last. The banks name no attribute and no superlative: facts come only
through the point slots, and the tests run every line through the guards.
"""

from __future__ import annotations

# fmt: off
OPENERS: dict[str, tuple[str, ...]] = {
    "professional": (
        "[Meet|Say hello to|Introducing|This is] {the_name}, [made|built|designed] for {scene}.",
        "{The_name} {is} designed with {scene} in mind.",
        "[Built|Made|Designed] for {scene}, {the_name} keep{s} things [simple|straightforward].",
        "{The_name} {is} a [considered|well-judged|sensible] choice for {scene}.",
        "Introducing {the_name}: {a_noun} for {scene}.",
        "Good design is in the details, and {the_name} {has} [plenty|them].",
        "For {scene}, {the_name} {is} a [dependable|reliable|steady] pick.",
        "{The_name} {does} the everyday job [well|properly|without fuss].",
        "Here is {a_noun} that earn{s} {its} place in {scene}.",
        "{The_name} bring{s} [practical|thoughtful|no-nonsense] design to {scene}.",
        "Designed around real use, {the_name} {is} ready for {scene}.",
        "When it's time for {scene}, reach for {the_name}.",
        "{The_name} {is} {a_noun} built around how you [actually live|really use it].",
        "Take a closer look at {the_name}.",
        "[Shopping|Looking] for {a_noun}? Start with {the_name}.",
        "If you care about {scene}, you'll like {the_name}.",
        "{The_name} [answers|covers] the basics of {scene}, and then some.",
        "[Simple|Useful|Well made]: that is the idea behind {the_name}.",
        "[Everyday|Day-to-day] use is where {the_name} prove{s} {its} worth.",
        "[Practical|Sensible] [people|shoppers] will like {the_name}.",
        "[Here's|This is] {the_name}, [ready|set up] for {scene}.",
    ),
    "playful": (
        "Say hello to {the_name}!", "Big plans for {scene}? {The_name} {is} [in|on board].",
        "Psst: {the_name} just made {scene} [more fun|a lot brighter|way easier].",
        "Okay, {noun} fans, this one's for you.",
        "Here comes your new [favourite|go-to] {noun}!",
        "Plot twist: {the_name} make{s} {scene} even better.",
        "Your sidekick for {scene} has [arrived|landed]: {the_name}.",
        "Cue the happy dance, {the_name} {is} here!",
        "Who says {scene} can't be fun? Not {the_name}.",
        "Meet {the_name}, the new favourite for {scene}.",
        "Knock knock. Who's there? {The_name}, ready for {scene}!",
        "Good news for {scene}: {the_name} {is} here to help.",
        "Let's talk about {the_name}, shall we?",
        "Warning: {the_name} may cause [spontaneous grins|happy dances|good moods].",
        "[Yay|Woohoo|Hooray], {the_name} {is} here!",
        "Tiny confession: we can't stop talking about {the_name}.",
        "Hands up who wants more fun from {scene}!",
        "Ta-da! {The_name}, ready to roll.",
        "[Drumroll|Big news], please: {the_name}!", "[Guess|Look] who just [arrived|landed]: {the_name}!",
        "[Fancy|Want] {a_noun} with [personality|a smile]? Meet {the_name}.",
    ),
    "premium": (
        "Crafted for {scene}, {the_name} {is} quiet confidence in {noun} form.",
        "{The_name}: [considered|careful|deliberate] design for {scene}.",
        "Some things are worth doing properly. {The_name} {is} one of them.",
        "[Refined|Composed|Poised] and made for {scene}: {the_name}.",
        "[Elevate|Refine|Enrich] {scene} with {the_name}.",
        ("[Understated|Restrained|Unhurried] and thoughtfully made, {the_name} {is} made for "
         "{scene}."),
        "Every detail of {the_name} has a purpose.",
        "Discover {the_name}, where careful design meets {scene}.",
        "Designed with care for {scene}, {the_name} speak{s} softly.",
        "Quietly confident, {the_name} bring{s} polish to {scene}.",
        "{The_name} {is} for those who notice the details.",
        "A study in restraint, {the_name} {is} made for {scene}.",
        "Made with care, {the_name} set{s} the tone for {scene}.",
        "[Form|Craft|Care] and function meet in {the_name}.",
        "There is a calm assurance to {the_name}.",
        "{The_name} [rewards|repays] a second look.",
        "[Thoughtful|Careful] by nature, {the_name} [suits|graces] {scene}.",
        "[Consider|Meet] {the_name}: [measured|assured], [calm|composed] and made for {scene}.",
        "[In the end|Ultimately], good design [feels|looks] like {the_name}.",
    ),
    "urgent": (
        "Don't wait on {the_name}.", "Now's the time to [grab|get|pick up] {the_name}.",
        "Heads up: {the_name} {is} waiting for you.",
        "Act now and upgrade {scene} with {the_name}.",
        "Time to upgrade {scene}: {the_name} {is} here.",
        "Get {the_name} while you're thinking of it.",
        "Why wait? {The_name} {is} one click away.",
        "Quick, get set for {scene}: meet {the_name}.",
        "Your {scene} upgrade is ready: {the_name}.",
        "Stop scrolling: {the_name} {is} the {noun} you were after.",
        "Ready for {scene}? Order {the_name} today.",
        "Today is a good day to get {the_name}.",
        "[Right now|Today|This week] is the moment for {the_name}.",
        "Still thinking it over? {The_name} {is} ready when you are.",
        "[Go|Move] now: {the_name} {is} one tap from your door.",
        "[Need|Want] {a_noun} [soon|this week]? {The_name} {is} [ready|here].",
        "[Last call|Final nudge]: {the_name} {is} [still here|waiting].",
        "[Quick one|Short and sweet]: {the_name}, ready for {scene}.",
    ),
}
SALE_OPENERS = (
    "{The_name} {is} on sale [now|today|right now].", "Sale alert: {the_name}.",
    "Catch {the_name} in the sale today.", "The sale is on, and {the_name} {is} in it.",
)
CAMPAIGN_OPENERS = (
    "This {campaign}, meet {the_name}.", "Part of our {campaign} picks: {the_name}.",
    "{Campaign} starts here, with {the_name}.", "Ready for the {campaign}? So {is} {the_name}.",
)
CLOSERS: dict[str, tuple[str, ...]] = {
    "professional": (
        "A [dependable|practical|solid] choice for everyday use.",
        "Simple to own and easy to live with.", "Practical, well made and ready to go.",
        "Add {them} to your routine with confidence.",
        "Made to be used, day in and day out.", "Designed to earn {its} keep.",
        "A sensible pick for {scene}.", "See the full details on the product page.",
        "Straightforward, useful and ready when you are.",
        "{It} simply {does} what {it} should.",
        "Choose {them} once and stop thinking about {them}.",
        "Sensible design, honest materials.", "[Order|Choose] with confidence.",
        "[Useful|Handy] from the first day.", "Good value for everyday use.",
        "[Quietly|Reliably] useful, [every day|week after week].",
        "[A good fit|Well suited] for [daily life|real life|the everyday].",
        "[Buy|Choose] it for {scene}; keep using it [long after|well beyond].",
        "[Nothing flashy|No gimmicks], just [good design|solid design|sensible choices].",
        "[Have a look|Take a look] at the [details|photos] and decide.",
    ),
    "playful": (
        "Go on, treat yourself!", "Your future self says thanks.", "Happy days ahead!",
        "Consider this your sign.", "Trust us, you'll want one.",
        "Add to cart, do a little dance.", "Spoiler: you'll [love|adore] it.",
        "Yes, you deserve nice things.", "Smiles included.", "{Scene} just levelled up!",
        "High fives all round!", "Go on, you know you want to.", "[Yay|Wheee|Woo]!",
        "Your [happy place|good mood] called, it wants one.", "Fun fact: it's even nicer in person.",
        "[Zero|No] regrets, [lots of|plenty of] smiles.", "[Cheers|Here's] to {scene}!",
        "[Ready|Set], go[!| have fun!]", "Life's short, [get the good stuff|treat yourself]!",
        "Tell your friends. Or don't, [keep it secret|we won't tell].",
    ),
    "premium": (
        "Made to be kept.", "Quality you can feel every day.", "Considered, through and through.",
        "A quiet upgrade you'll notice every day.", "The details make the difference.",
        "Understated, assured, yours.", "Effortless, by design.", "Quiet luxury for {scene}.",
        "Designed to be lived with.", "Craft you can see and feel.",
        "For the long run, not the passing trend.", "Calm, capable and beautifully simple.",
        "[Refined|Elegant] in use, [calm|quiet] in character.", "A lasting pleasure to use.",
        "[Chosen|Made] with [intent|purpose], [kept|used] with pleasure.",
        "[Beauty|Grace] in [the everyday|everyday use].", "[Simply|Quietly] well made.",
        "The [kind|sort] of {noun} you [reach for|return to] without thinking.",
        "[Restraint|Care] you can [see|feel] in use.",
    ),
    "urgent": (
        "Order yours today.", "Don't miss out.", "Add {them} to your cart now.",
        "Grab yours for {scene}.", "Move fast and make {them} yours.",
        "Tap to order while you're here.", "Check out now and get going.",
        "Order now and thank yourself later.", "Make {them} yours today.",
        "Get {them} on {its} way to you now.", "One tap and {it} {is} yours.",
        "Don't wait, order today.", "[Order|Check out] in a minute, enjoy for ages.",
        "Hit add to cart [now|today].", "[Tap|Click] buy and [get set|you're done].",
        "[Today's|Now's] the day: [order|check out] {them}.",
        "[Quick|Fast] decision, [good|great] result: order now.",
        "[Your basket|Your cart] is waiting.", "[Get|Secure] yours [now|right now].",
    ),
}
SALE_CLOSERS = ("Shop the sale now.", "Catch {them} on sale today.",
                "On sale now, so order today.")
STOCK_CLOSERS = ("Stock is limited, so move fast.", "Limited stock: order while you can.")
CAMPAIGN_CLOSERS = ("Part of our {campaign} line-up.", "Find {them} in our {campaign} picks.",
                    "One to add to your {campaign} list.")
PRICE_CLOSERS = ("Yours for {price}.", "All for {price}.", "Just {price}.")

MIDDLES: tuple[str, ...] = (
    "{It} {vp1}.", "{It} {vp1} and {vp2}.", "{It} {vp1}, {vp2} and {vp3}.",
    "With {np1} and {np2}, {it} {vp3}.", "[Expect|You get|Count on] {np1}, {np2} and {np3}.",
    "[Highlights include|Standouts are|Look for] {np1} and {np2}.",
    "There's {np1}, and {it} {vp2}.", "Add {np2} and you have {a_noun} that {vp3}.",
    "First, {it} {vp1}. Then {it} {vp2}.", "Look closer and you'll find {np1}.",
    "{It} {vp1}; {it} {vp2}, too.", "In short, {it} {vp1}.",
    "Here's the short version: {it} {vp1}.", "[The key point|What matters]: {it} {vp1}.",
    "{It} {vp1}, and {it} {vp2} [as well|besides].",
    "[Here's what you get|What you get]: {np1} and {np2}.",
    "[Why it works|The appeal]: {it} {vp1}.", "[Simply put|Put simply], {it} {vp1}.",
    "{It} {vp1}. [And yes,|Also,] {it} {vp2}.", "[Inside|Underneath] it all, {it} {vp1}.",
    "[Start with|Begin with] {np1}, then add {np2}.", ("[Two things stand out|Two details matter]: "
                                                        "{np1} and {np2}."),
)
PLAYFUL_MIDDLES = ("Bonus: {it} {vp2}!", "Even better? {It} {vp2}.",
                   "Oh, and {it} {vp2}. Yes, really.", "Guess what? {It} {vp1}.")
FOLLOWS: tuple[str, ...] = (
    "One detail we like: {it} {vp1}.", "Good to know: {it} {vp1}.",
    "[Practical|Thoughtful] touch: {it} {vp1}.", "Small thing, big difference: {it} {vp1}.",
    "[Oh, and|And|Also,] {it} {vp1}.", "[Did we mention|Have we said] {it} {vp1}?",
    "[Then there's|Add to that] the fact that {it} {vp1}.",
    "{It} also {vp1}.", "On top of that, {it} {vp1}.", "Better still, {it} {vp1}.",
    "{It} {vp1} and {vp2}, too.", "Plus, {it} {vp1}.", "And {it} {vp1}.",
    "[Also worth knowing|Worth a mention]: {it} {vp1}.", "What's more, {it} {vp1}.")
FAMILY_LINES: dict[str, tuple[str, ...]] = {
    "apparel": ("{It} {is} an easy piece to wear on repeat.",
                "{It} work{s} on {its} own or layered up.",
                "Throw {them} on and get on with your day.",
                "{It} slot{s} straight into the wardrobe you already have.",
                "[Dress|Style] {them} up or down.", "{It} pair{s} easily with [jeans|chinos]."),
    "footwear": ("{It} {is} made for plenty of miles.", "{It} keep{s} pace with busy days.",
                 "Step in and head out.", "{It} {is} ready for the miles ahead.",
                 "[Pull|Slip] {them} on and go.", "{It} suit{s} [weekdays|weekends] alike."),
    "drinks": ("Keep some in the fridge for when you need {them}.",
               "Open one whenever the moment calls.", "A simple way to refresh your day.",
               "Pour, sip, repeat.", "[Chill|Cool] {them} down and enjoy.",
               "Made for [sharing|sipping slowly]."),
    "kitchen": ("{It} earn{s} {its} spot on the counter.",
                "{It} make{s} everyday cooking simpler.", "Easy to reach for, every single day.",
                "{It} {is} made for daily use at home.", "A [steady|trusty] kitchen companion.",
                "{It} look{s} good on the shelf, too."),
    "electronics": ("{It} fit{s} neatly into your everyday carry.", "Set {them} up and go.",
                    "{It} keep{s} up with a busy day.", "{It} travel{s} easily in a bag.",
                    "[Tech|Kit] that stays out of your way.", "{It} make{s} the day run smoother."),
    "home": ("{It} bring{s} a calm touch to any room.",
             "A small change that makes home feel better.", "{It} settle{s} into any corner.",
             "{It} make{s} home feel more like you.", "[Easy|Simple] to live with.",
             "{It} add{s} warmth to [shelves|sofas|sideboards]."),
    "outdoor": ("{It} {is} ready for whatever the day brings.", "Pack {them} and go.",
                "{It} {is} made for days beyond the front door.", "{It} belong{s} in your kit.",
                "[Ready|Good] for the next trip out.", "{It} keep{s} up outside."),
    "media": ("Press play wherever you are.", "Good listening for the way to work.",
              "Settle in and listen.", "[Stories|Ideas] for the road."),
    "gift": ("Let them choose what they love.", "Easy to give, easy to enjoy.",
             "A simple gift to give.", "[Birthdays|Thank-yous] made easy."),
    "accessories": ("{It} finish{es} an outfit with ease.", "An easy everyday staple.",
                    "A small touch that [lifts|completes] a look."),
    "general": ("An easy everyday staple.", "Useful from day one."),
}
SCENES: dict[str, tuple[str, ...]] = {
    "hiking": ("long days on the trail", "weekend hikes", "hill walks"),
    "running": ("early-morning runs", "your daily run", "evening runs"),
    "outdoor": ("time outdoors", "days out in the hills", "weekends outside"),
    "camping": ("nights at camp", "weekend camping trips", "life at camp"),
    "fitness": ("gym sessions", "training days", "workouts"),
    "travel": ("weekends away", "life on the move", "long journeys"),
    "office": ("the daily commute", "busy workdays", "office days"),
    "home-office": ("the home office", "workdays at home", "your desk"),
    "kids": ("little adventurers", "busy family days"),
    "back-to-school": ("the new school year", "school days"),
    "gift": ("thoughtful gifting", "your gift list"),
    "summer": ("hot summer days", "long summer afternoons", "summer trips"),
    "winter": ("cold winter mornings", "the chilly months", "winter days"),
    "eco-friendly": ("mindful everyday living",),
    "coffee": ("your morning coffee", "slow coffee mornings"),
    "tea": ("tea time", "a proper cup of tea"), "hydration": ("busy days on the go",),
    "cozy": ("slow evenings at home", "nights in"), "casual": ("everyday wear", "easy weekends"),
    "home-decor": ("a calmer home", "your favourite corner"),
    "shoe": ("everyday wear", "city walks", "weekend strolls"),
    "shirt": ("everyday wear", "casual Fridays", "weekend plans"),
    "sweatshirt": ("everyday wear", "lazy Sundays", "cool evenings"),
    "beanie": ("cool mornings", "autumn walks"), "juice": ("breakfast time", "lunch breaks"),
    "audiobook": ("your commute", "quiet evenings"), "gift-card": ("gifting", "birthdays"),
    "simple": ("everyday life", "time at home"),
}
FAMILY_SCENES: dict[str, tuple[str, ...]] = {
    "apparel": ("everyday wear", "weekend plans"), "footwear": ("everyday miles", "city walks"),
    "drinks": ("everyday refreshment", "lunch breaks"),
    "kitchen": ("everyday cooking", "weekend cooking"),
    "electronics": ("life on the go", "busy days"), "home": ("everyday living", "time at home"),
    "outdoor": ("time outdoors", "weekend trips"), "media": ("your commute", "quiet evenings"),
    "gift": ("gifting", "birthdays"), "accessories": ("everyday style", "weekend plans"),
    "general": ("everyday life",),
}

HEADLINES: dict[str, tuple[str, ...]] = {
    "professional": ("Meet {the_short}", "{short}: {tag1}", "{tag1}. {tag2}.",
                     "Made for {scene}", "{tag1} {noun}, ready for {scene}", "Introducing {the_short}"),
    "playful": ("Hello, {short}!", "{tag1} and loving it", "Your new {noun} crush",
                "{tag1}? Yes please!", "{scene}, sorted!", "Oh hey, {short}"),
    "premium": ("{short}. Considered.", "The art of {scene}", "{tag1}, refined",
                "{short}, quietly made", "{short}: made with care", "Crafted for {scene}"),
    "urgent": ("Get {the_short} now", "Don't miss {the_short}", "{tag1}. Order today.",
               "Grab {the_short} today", "Ready for {scene}? Order now", "{short}: order now"),
}
CAMPAIGN_HEADLINES = ("{Campaign}: {short}", "{short}, ready for {campaign}",
                      "{Campaign} pick: {short}")
SUBLINES: tuple[str, ...] = (
    "{Tag1}, {tag2_lower} and {tag3_lower}.", "{It} {vp1}.", "{Tag1} · {Tag2} · {Tag3}",
    "{Tag1} and {tag2_lower}, made for {scene}.", "{It} {vp1} and {vp2}.",
    "{Tag1}. {Tag2}. Ready for {scene}.",
)
TITLES: tuple[str, ...] = (
    "{brand} {name} – {Tag1}, {Tag2}", "{name} | {Tag1} · {Tag2}", "{Tag1} {short} ({Tag2})",
    "{brand} {name}, {Tag1}", "{short} – {Tag1}, {Tag2}, {Tag3}", "{brand} {name} | {Tag1}",
)
BULLETS: dict[str, tuple[str, ...]] = {
    "professional": ("{Tag1}: {vp1}.", "{Tag1} – {vp1}."),
    "playful": ("{Tag1}! {Vp1}.", "✔ {Tag1}: {vp1}!"),
    "premium": ("{Tag1}. {Vp1}.", "{Tag1}: {vp1}."),
    "urgent": ("{Tag1}: {vp1}.", "{Tag1} – {vp1}. Order today."),
}
POST_HOOKS: dict[str, tuple[str, ...]] = {
    "professional": ("Looking for {a_noun} for {scene}?", "On the hunt for {a_noun} for {scene}?",
                     "A quick find for {scene}:", "Shopping for {scene}?"),
    "playful": ("✨ New find alert! ✨", "👀 Look what we found for {scene}!",
                "Okay, {this} {noun} {is} a whole mood.", "🙌 {scene} just got easier!"),
    "premium": ("On our radar for {scene}:", "A considered find for {scene}.",
                "Quietly good: {the_name}.", "Small details, big difference."),
    "urgent": ("⏰ Heads up!", "Don't scroll past this one.", "Quick one before you go:",
               "If you need {a_noun}, read on."),
}
POST_SIGNOFFS = ("#ad", "#ad #sponsored")
# fmt: on
