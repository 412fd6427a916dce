#include "core/nudges/wording.hpp"

#include <array>
#include <span>
#include <stdexcept>
#include <string_view>

namespace parasol::core::nudges {
namespace {

// One sentence, with the creator's name and without. Every sentence has a
// plain form so a nudge reads well when the creator is unknown or the label
// too long; `named` is "" when the sentence never names anyone.
struct Phrase {
    std::string_view named;
    std::string_view plain;
};

constexpr Phrase say(std::string_view plain) {
    return {"", plain};
}
constexpr Phrase say(std::string_view named, std::string_view plain) {
    return {named, plain};
}

// The offered action: always the first button, always `helpful` when pressed.
struct Offered {
    std::string_view label;
    std::string_view follow_up;
};

// One variant, in the order its parts are read. The offer sentence and the
// offered button name the same action and the same when.
struct Variant {
    std::string_view title;
    Phrase good_thing;
    Phrase observation;
    Phrase offer;
    std::string_view hand_back;
    Offered offered;
};

constexpr std::string_view kNoFollowUp = "";
constexpr std::string_view kLaterToday = "remind_later_today";
constexpr std::string_view kThisEvening = "remind_this_evening";
constexpr std::string_view kThisWeekend = "remind_weekend";

constexpr std::size_t kVariantsPerRule = 5;
using RuleVariants = std::array<Variant, kVariantsPerRule>;

// R1 Balance shift: creators up, the people the user knows quieter.
constexpr RuleVariants kR1{{
    {"A thought about your week",
     say("Your creators have kept you good company this week."),
     say("Chats with friends have been quieter, though."),
     say("Fancy a quick hi to someone later today? People appreciate these more than we expect."),
     "Your call.",
     {"Message someone later today", kLaterToday}},
    {"Someone might like to hear from you",
     say("There's been plenty of good watching lately."),
     say("The people you know have been a little quieter in the mix."),
     say("How about a call with someone you miss this weekend?"),
     "Up to you.",
     {"Call someone this weekend", kThisWeekend}},
    {"A small idea for this evening",
     say("It's been a week of good videos, by the look of it."),
     say("Time with friends has slipped down the list a bit."),
     say("Fancy texting a friend this evening, just to say hello?"),
     "Whatever suits you.",
     {"Text a friend this evening", kThisEvening}},
    {"Your people, your creators",
     say("Creators can be great company, and yours clearly are."),
     say("Your friends have had a smaller share of your week."),
     say("Is there someone you could check in with after this video? A short message counts."),
     "You decide.",
     {"Message someone after this video", kNoFollowUp}},
    {"A nudge toward your people",
     say("Watching has brought you some good moments this week."),
     say("Catch-ups with friends have been rarer lately."),
     say("Who would you like to see this weekend? Even a quick coffee plan would be lovely."),
     "Entirely up to you.",
     {"See a friend this weekend", kThisWeekend}},
}};

// R2 Connection drought: days without messages or calls while watching daily.
constexpr RuleVariants kR2{{
    {"It's been a quiet few days",
     say("Your videos have been steady company these last few days."),
     say("It's been a little while since you chatted with anyone, though."),
     say("Fancy messaging a friend later today? It can be short and sweet."),
     "Your call.",
     {"Message a friend later today", kLaterToday}},
    {"Anyone you'd like to hear from?",
     say("It's nice to have shows to come back to."),
     say("Your messages and calls have been quiet for a few days."),
     say("Is there someone you could ring this evening, just to catch up?"),
     "Up to you.",
     {"Call someone this evening", kThisEvening}},
    {"A small hello",
     say("You've found some good things to watch lately."),
     say("Friends and family haven't come up much in the last few days."),
     say("How about a quick hello to one of them after this video?"),
     "Whatever feels right.",
     {"Say hi to someone after this video", kNoFollowUp}},
    {"Time for a catch-up?",
     say("Creators can make a quiet stretch feel less quiet."),
     say("A familiar voice could be nice as well."),
     say("Fancy setting up a call with someone this weekend?"),
     "You decide.",
     {"Call someone this weekend", kThisWeekend}},
    {"Someone would be glad to hear from you",
     say("You've had good company on screen lately."),
     say("Your own people have been quiet for a few days."),
     say("Want a reminder to text someone this evening? One line is plenty."),
     "Whatever suits you.",
     {"Text someone this evening", kThisEvening}},
}};

// R3 Over your own goal, detail "goal": past the daily goal the user set.
constexpr RuleVariants kR3Goal{{
    {"You've reached today's goal",
     say("Sounds like a good stretch of watching today."),
     say("You've now reached the daily goal you set."),
     say("Want to close it for now and pick it up again tomorrow?"),
     "Your call.",
     {"Close for now", "close_tab"}},
    {"A check-in on your goal",
     say("Hope today's videos have been good ones."),
     say("You're past the daily goal you chose for yourself."),
     say("Fancy closing for now? The videos will keep."),
     "Up to you.",
     {"Close for now", "close_tab"}},
    {"Goal reached for today",
     say("You've had a good run of watching today."),
     say("Your daily goal says this is a good place to wrap up."),
     say("How about closing for now? A friend might be up for a chat."),
     "Whatever suits you.",
     {"Close for now", "close_tab"}},
    {"About that daily goal",
     say("It's good to have creators you enjoy this much."),
     say("Today's watching has met the goal you set."),
     say("Ready to close for now and see who's around this evening?"),
     "You decide.",
     {"Close for now", "close_tab"}},
    {"Today's goal, reached",
     say("Today's watching has clearly had some highlights."),
     say("It's now past the daily goal you picked."),
     say("Would closing for now feel good? Tomorrow's videos will be there."),
     "Entirely up to you.",
     {"Close for now", "close_tab"}},
}};

// R3, detail "median" (no goal set): a longer day than the user's usual.
constexpr RuleVariants kR3Median{{
    {"A longer day of watching",
     say("Some days are made for a long watch."),
     say("Today is running longer than your usual."),
     say("Want to close for now and come back fresh tomorrow?"),
     "Your call.",
     {"Close for now", "close_tab"}},
    {"A quick check-in",
     say("Hope you're enjoying today's videos."),
     say("It's been a longer session than most of your days."),
     say("Fancy closing for now and checking in with someone you like?"),
     "Up to you.",
     {"Close for now", "close_tab"}},
    {"Longer than usual today",
     say("It's lovely to sink into good videos now and then."),
     say("Today has run past your usual amount, though."),
     say("How about closing for now? You can pick up where you left off tomorrow."),
     "Whatever suits you.",
     {"Close for now", "close_tab"}},
    {"A pause, perhaps?",
     say("Today's watching has clearly been good company."),
     say("It's stretched a bit longer than a typical day for you."),
     say("Closing for now could leave room for a chat with someone later."),
     "You decide.",
     {"Close for now", "close_tab"}},
    {"Time for a breather?",
     say("Good videos make the time fly."),
     say("Today is a longer one than your usual."),
     say("Want to close for now and take a breather?"),
     "Whatever feels right.",
     {"Close for now", "close_tab"}},
}};

// R4 Late nights: read the next afternoon, it offers the in-page wind-down
// card for tonight.
constexpr RuleVariants kR4{{
    {"About those late nights",
     say("Late-night videos can be wonderfully cosy."),
     say("A few of them have run well past your bedtime this week."),
     say("Want a gentle wind-down card tonight, when the first video after bedtime ends?"),
     "Your call.",
     {"Show a wind-down card tonight", "wind_down_card"}},
    {"A gentler bedtime, maybe",
     say("There's something nice about one more video before bed."),
     say("Lately, one more has often turned into a late night."),
     say("Fancy a small wind-down card tonight, once a video ends after bedtime?"),
     "Up to you.",
     {"Try a wind-down card tonight", "wind_down_card"}},
    {"For a restful night",
     say("Evenings with your creators sound like a nice way to unwind."),
     say("A few nights this week stretched late into your sleep hours."),
     say("Would a calm wind-down card help tonight? It shows up once, as a video ends."),
     "Whatever suits you.",
     {"Show a wind-down card tonight", "wind_down_card"}},
    {"A thought for tonight",
     say("Good videos are hard to put down, especially at night."),
     say("Some nights this week ran past your usual bedtime."),
     say("How about a wind-down card tonight? It might make stopping feel easier."),
     "You decide.",
     {"Try a wind-down card tonight", "wind_down_card"}},
    {"Winding down tonight",
     say("It's lovely to end the day with something you enjoy."),
     say("A few recent nights went on well past bedtime, though."),
     say("Want a soft wind-down card tonight, after bedtime? Tomorrow-you may thank you."),
     "Entirely up to you.",
     {"Show a wind-down card tonight", "wind_down_card"}},
}};

// R5 Checking loop: many short visits; offers the 3-second pause for a day.
constexpr RuleVariants kR5{{
    {"Lots of quick visits today",
     say("Popping in to see what's new is part of the fun."),
     say("Today it's been one short visit after another."),
     say("Want a three-second pause before creator pages, for a day? It can make each visit "
         "feel more like a choice."),
     "Your call.",
     {"Add a 3-second pause for a day", "pause_page_24h"}},
    {"A small pause, maybe?",
     say("It's nice to keep up with the people you follow."),
     say("Today's visits have been frequent and short."),
     say("Fancy trying a brief pause before creator pages for a day?"),
     "Up to you.",
     {"Try a 3-second pause for a day", "pause_page_24h"}},
    {"Checking in on the checking",
     say("New posts from creators you like are always tempting."),
     say("You've been dropping by often today, mostly for a quick look."),
     say("How about a three-second breather before creator pages, for a day?"),
     "Whatever suits you.",
     {"Add a 3-second pause for a day", "pause_page_24h"}},
    {"One breath before you open",
     say("Staying in the loop with creators can be fun."),
     say("Today it's been lots of quick checks."),
     say("Would a short pause before creator pages help, just for a day? You can always go "
         "straight through."),
     "You decide.",
     {"Pause creator pages for a day", "pause_page_24h"}},
    {"A gentler rhythm for today",
     say("Quick check-ins can be a nice little break."),
     say("There have been many of them today, one after another."),
     say("Want to try a three-second pause for a day? It might leave room for a message to a "
         "friend."),
     "Whatever feels right.",
     {"Try a 3-second pause for a day", "pause_page_24h"}},
}};

// R6 One-person absorption: someone else's take, a friend who shares the
// interest.
constexpr RuleVariants kR6{{
    {"Sharing what you enjoy",
     say("{creator} clearly brings you a lot of joy.",
         "One creator clearly brings you a lot of joy."),
     say("Most of your watching lately has been with them."),
     say("Is there a friend who'd enjoy them too? Sending one a clip you loved this evening "
         "could start a good chat."),
     "Your call.",
     {"Send a friend a clip this evening", kThisEvening}},
    {"Another take, perhaps",
     say("It's great to have a creator you connect with, like {creator}.",
         "It's great to have a creator you connect with this much."),
     say("They've been most of your watching this week."),
     say("Fancy asking a friend their take on something you watched, this weekend?"),
     "Up to you.",
     {"Ask a friend's take this weekend", kThisWeekend}},
    {"Good things are better shared",
     say("{creator}'s videos have clearly struck a chord.",
         "Your go-to creator's videos have clearly struck a chord."),
     say("Lately, they've been nearly all of your watching."),
     say("Do you know someone who'd like them too? A message later today could make it a "
         "shared thing."),
     "Whatever suits you.",
     {"Message a friend later today", kLaterToday}},
    {"One voice among many",
     say("Having a creator you trust, like {creator}, is a good thing.",
         "Having a creator you trust is a good thing."),
     say("This week, most of your watching has been with just them."),
     say("How about hearing a friend's view on something from this week, over a call this "
         "weekend?"),
     "You decide.",
     {"Call a friend this weekend", kThisWeekend}},
    {"A fan club of two",
     say("It's lovely to be such a fan of {creator}.",
         "It's lovely to be such a fan of one creator."),
     say("They've filled most of your watching lately."),
     say("Is there a friend who shares the interest? You could swap thoughts this evening."),
     "Entirely up to you.",
     {"Text a fellow fan this evening", kThisEvening}},
}};

// R7, detail "first_spend": the first support ever; offers a monthly budget.
// No amounts, ever.
constexpr RuleVariants kR7First{{
    {"Supporting a creator",
     say("Supporting {creator} is a kind way to give back.",
         "Supporting creators is a kind way to give back."),
     say("Looks like this is the first time you've chipped in for a creator."),
     say("Want to set a monthly budget today, so future support stays easy to plan?"),
     "Your call.",
     {"Set a monthly budget", "open_budget"}},
    {"A first bit of support",
     say("It's great that {creator}'s work means enough to you to support it.",
         "It's great when a creator's work means enough to you to support it."),
     say("This looks like your first time supporting a creator."),
     say("Some people like setting a monthly budget early on. Fancy doing that now?"),
     "Up to you.",
     {"Set a monthly budget", "open_budget"}},
    {"Backing your creators",
     say("Backing {creator} helps them keep making what you enjoy.",
         "Backing creators helps them keep making what you enjoy."),
     say("It's your first time doing it."),
     say("Would a monthly budget help? You could set one up today in a minute."),
     "Whatever suits you.",
     {"Set a monthly budget", "open_budget"}},
    {"Nice to support the people you watch",
     say("Chipping in for {creator} is a generous thing to do.",
         "Chipping in for a creator is a generous thing to do."),
     say("This seems to be the first time."),
     say("Fancy setting a monthly budget now, so it stays easy to enjoy without keeping "
         "track?"),
     "You decide.",
     {"Set a monthly budget", "open_budget"}},
    {"A budget, if you'd like one",
     say("Paying for things you love is part of being a fan."),
     say("This is your first time supporting {creator}.",
         "This is your first time supporting a creator."),
     say("A monthly budget can keep it carefree. Want to set one today?"),
     "Whatever feels right.",
     {"Set a monthly budget", "open_budget"}},
}};

// R7, detail "night_spend": a pay flow inside the sleep window; sleep on it.
constexpr RuleVariants kR7Night{{
    {"A late-night thought",
     say("Wanting to support {creator} is a generous impulse.",
         "Wanting to support a creator is a generous impulse."),
     say("Late at night, though, most of us decide things a little differently."),
     say("How about sleeping on any payment and deciding tomorrow?"),
     "Your call.",
     {"Sleep on it, decide tomorrow", kNoFollowUp}},
    {"Before you pay, maybe",
     say("It's kind to want to give back to {creator}.",
         "It's kind to want to give back to creators."),
     say("Late-night purchases can feel different in the morning."),
     say("Fancy coming back to it tomorrow, after some rest?"),
     "Up to you.",
     {"Come back to it tomorrow", kNoFollowUp}},
    {"It can wait till morning",
     say("Supporting the people you watch is a nice thing to do."),
     say("It's quite late, and checkouts are easier to think through with fresh eyes."),
     say("Want to leave it for tomorrow and see how it feels then?"),
     "Whatever suits you.",
     {"Leave it for tomorrow", kNoFollowUp}},
    {"A pause before paying",
     say("{creator} is lucky to have a fan like you.", "Creators are lucky to have fans like you."),
     say("It's the middle of the night, though, which isn't always the best time to decide."),
     say("How about taking a breath and deciding tomorrow?"),
     "Entirely up to you.",
     {"Decide tomorrow", kNoFollowUp}},
    {"Sleep on it?",
     say("Backing {creator} shows how much their work means to you.",
         "Backing creators shows how much their work means to you."),
     say("Late-night checkouts are easy to rush."),
     say("Would it help to talk it over with a friend tomorrow first?"),
     "Whatever feels right.",
     {"Talk it over with a friend tomorrow", kNoFollowUp}},
}};

// R7, detail "repeat_spend" (and any other): a few pay flows this week; a
// gentle moment before paying.
constexpr RuleVariants kR7Repeat{{
    {"A moment before paying",
     say("Supporting {creator} clearly matters to you.",
         "Supporting creators clearly matters to you."),
     say("You've been to a few checkouts this week."),
     say("Next time, how about waiting a day before paying, to be sure it still feels right?"),
     "Your call.",
     {"Wait a day next time", kNoFollowUp}},
    {"A thought on supporting creators",
     say("It's generous to back the people you enjoy."),
     say("There have been several payment pages this week."),
     say("Would a monthly budget keep it easy? You could set one today."),
     "Up to you.",
     {"Set a monthly budget", "open_budget"}},
    {"Pausing before the next one",
     say("Being part of {creator}'s community can feel great.",
         "Being part of a creator's community can feel great."),
     say("This week has had a few moments at the checkout."),
     say("Fancy sleeping on the next payment and deciding tomorrow?"),
     "Whatever suits you.",
     {"Sleep on the next one", kNoFollowUp}},
    {"Taking a moment",
     say("Your support means a lot to creators like {creator}.",
         "Your support means a lot to the creators you watch."),
     say("You've looked at paying a few times this week."),
     say("How about talking it over with a friend this weekend before the next one?"),
     "You decide.",
     {"Talk it over this weekend", kThisWeekend}},
    {"A budget, maybe?",
     say("Chipping in is a lovely way to say thanks."),
     say("It's happened a few times this week."),
     say("A monthly budget can keep it carefree. Want to set one up today?"),
     "Entirely up to you.",
     {"Set a monthly budget", "open_budget"}},
}};

// R8 One-and-a-half-sided chat: lots of live chat, friends quieter.
constexpr RuleVariants kR8{{
    {"From chat to chatting",
     say("Live chat on {creator}'s streams sounds like fun.",
         "Live chat sounds like fun, and you've been part of plenty."),
     say("Conversations with friends have been quieter this week, though."),
     say("Fancy a two-way chat with a friend this evening?"),
     "Your call.",
     {"Message a friend this evening", kThisEvening}},
    {"A chat that chats back",
     say("Being part of a stream's chat is a nice way to belong."),
     say("The people you know have heard a bit less from you lately."),
     say("How about sending one of them a message later today?"),
     "Up to you.",
     {"Message someone later today", kLaterToday}},
    {"Your voice in other places",
     say("You've brought a lot of energy to {creator}'s chat.",
         "You've brought a lot of energy to live chats this week."),
     say("Friends might enjoy some of that too."),
     say("Want to call someone this weekend and catch up?"),
     "Whatever suits you.",
     {"Call someone this weekend", kThisWeekend}},
    {"Streams and friends",
     say("Streams are great for hanging out, and the chat is half the fun."),
     say("Time with people you know has dipped this week."),
     say("Fancy inviting a friend to watch a stream with you this weekend?"),
     "You decide.",
     {"Invite a friend this weekend", kThisWeekend}},
    {"A two-way conversation",
     say("It's easy to feel at home in {creator}'s chat.",
         "It's easy to feel at home in a busy live chat."),
     say("Chats with friends have been fewer lately."),
     say("How about texting someone after this stream?"),
     "Whatever feels right.",
     {"Text someone after this stream", kNoFollowUp}},
}};

// R9 Sudden ramp-up: supportive, perhaps a rough patch; no numbers at all.
constexpr RuleVariants kR9{{
    {"Checking in",
     say("Some weeks call for extra comfort watching, and that's okay."),
     say("If things have been heavy lately, a familiar voice can help too."),
     say("Would you like a reminder to call someone this weekend?"),
     "Your call.",
     {"Call someone this weekend", kThisWeekend}},
    {"How are you doing?",
     say("Your creators have been good company lately."),
     say("It's been a fuller week of watching, and a quieter one with friends."),
     say("Fancy a catch-up with someone you trust, later today?"),
     "Up to you.",
     {"Message someone later today", kLaterToday}},
    {"A gentle hello",
     say("It's good to have shows that comfort you."),
     say("When life gets busy or hard, people can help in ways videos can't."),
     say("Is there someone you could text this evening, just to say hi?"),
     "Whatever suits you.",
     {"Text someone this evening", kThisEvening}},
    {"A little company, maybe",
     say("Watching can be a real comfort when you want one."),
     say("Lately it's been a bigger part of your days, and friends a smaller one."),
     say("How about a short call with someone this weekend?"),
     "You decide.",
     {"Call someone this weekend", kThisWeekend}},
    {"Here if it helps",
     say("Leaning on things you enjoy is a fine way through a busy stretch."),
     say("A chat with a friend can add something videos can't."),
     say("Fancy messaging someone after this video? Even a quick hello counts."),
     "Whatever feels right.",
     {"Message someone after this video", kNoFollowUp}},
}};

// R10 Opinion tether (self-reported): one's own view first, a friend to talk
// it over with.
constexpr RuleVariants kR10{{
    {"Your own take",
     say("{creator} gives you plenty to think about.",
         "Your creators give you plenty to think about."),
     say("You mentioned you often check their view before forming your own."),
     say("Fancy talking a topic over with a friend this weekend, before hearing their take?"),
     "Your call.",
     {"Ask a friend's view this weekend", kThisWeekend}},
    {"Thinking it through",
     say("It's great to have a creator whose ideas you value, like {creator}.",
         "It's great to have creators whose ideas you value."),
     say("You said you sometimes look to them before making up your mind."),
     say("How about forming your own view first, then swapping notes with a friend this "
         "evening?"),
     "Up to you.",
     {"Swap views with a friend this evening", kThisEvening}},
    {"Your view counts too",
     say("Thoughtful voices like {creator}'s are worth listening to.",
         "Thoughtful creators are worth listening to."),
     say("In your check-ins, you said you tend to check their take before deciding yours."),
     say("Fancy a chat with a friend later today about something on your mind?"),
     "Whatever suits you.",
     {"Chat with a friend later today", kLaterToday}},
    {"Another voice",
     say("Learning from {creator} is a good thing.", "Learning from creators is a good thing."),
     say("You mentioned their view often comes before your own."),
     say("Next time a big topic comes up, how about noting your own take, then calling a "
         "friend this weekend to compare?"),
     "You decide.",
     {"Call a friend this weekend", kThisWeekend}},
    {"Making up your own mind",
     say("{creator} clearly helps you make sense of things.",
         "Your creators clearly help you make sense of things."),
     say("You've said you often wait for their take before settling on yours."),
     say("Want to try deciding first on the next topic, then hearing a friend's view this "
         "evening?"),
     "Entirely up to you.",
     {"Ask a friend's view this evening", kThisEvening}},
}};

// R11, detail "messages" (and any other): many messages to one creator in a
// day. Shown once, in the page: plain about the boundary, and kind.
constexpr RuleVariants kR11Messages{{
    {"A note about chat",
     say("You clearly enjoy {creator}'s streams, and chatting along is part of the fun.",
         "You clearly enjoy this stream, and chatting along is part of the fun."),
     say("Lots of messages to one person in a day can feel overwhelming on their side, even "
         "friendly ones."),
     say("How about letting chat rest and messaging a friend this evening instead?"),
     "Your call.",
     {"Message a friend this evening", kThisEvening}},
    {"Giving creators some room",
     say("It's lovely to feel connected to {creator}.",
         "It's lovely to feel connected to a creator."),
     say("Creators are people too, and a steady stream of messages from one viewer can be a lot "
         "to handle."),
     say("Fancy catching up with someone you know later today instead?"),
     "Up to you.",
     {"Message someone later today", kLaterToday}},
    {"Room to breathe",
     say("Being an active fan of {creator} shows you care.", "Being an active fan shows you care."),
     say("Giving creators space between messages is a kind way to show it."),
     say("Want to call a friend this weekend and tell them what you enjoy about the streams?"),
     "Whatever suits you.",
     {"Call a friend this weekend", kThisWeekend}},
    {"A kind pause",
     say("Your enthusiasm for {creator} is easy to see.", "Your enthusiasm is easy to see."),
     say("Many messages in a short time can crowd a creator's chat, and their day."),
     say("How about texting a friend later today instead?"),
     "You decide.",
     {"Text a friend later today", kLaterToday}},
    {"Space on both sides",
     say("Enjoying {creator} this much is a good thing.",
         "Enjoying a creator this much is a good thing."),
     say("Creators do best when fans give them room, especially in chat."),
     say("Fancy a chat with a friend this evening instead?"),
     "Whatever feels right.",
     {"Message a friend this evening", kThisEvening}},
}};

// R11, detail "people_search": a people-search or address site with the
// creator's name. Plain that private life is off limits, and kind.
constexpr RuleVariants kR11Search{{
    {"A note about privacy",
     say("It's natural to feel close to {creator} after many streams together.",
         "It's natural to feel close to a creator after many streams together."),
     say("Where they live and their life off screen are theirs to keep private, and looking "
         "those up can frighten them."),
     say("Fancy talking with a friend this evening instead?"),
     "Your call.",
     {"Talk with a friend this evening", kThisEvening}},
    {"Their private life is theirs",
     say("Caring about {creator} makes sense; they're part of your days.",
         "Caring about a creator makes sense; they're part of your days."),
     say("Their home, address and offline life are private, even from fans who mean well."),
     say("How about catching up with someone you know later today instead?"),
     "Up to you.",
     {"Message someone later today", kLaterToday}},
    {"Keeping things kind",
     say("Feeling connected to {creator} is part of what makes watching special.",
         "Feeling connected to a creator is part of what makes watching special."),
     say("Looking up their personal details goes past what they've chosen to share."),
     say("Want to leave that search and call a friend this weekend instead?"),
     "Whatever suits you.",
     {"Call a friend this weekend", kThisWeekend}},
    {"What they share, and what they don't",
     say("{creator} shares a lot on screen, and it's easy to feel you know them.",
         "Creators share a lot on screen, and it's easy to feel you know them."),
     say("What they keep off screen, like where they live, is theirs alone."),
     say("How about texting a friend this evening instead?"),
     "You decide.",
     {"Text a friend this evening", kThisEvening}},
    {"Respecting a creator's privacy",
     say("Being a big fan of {creator} is a lovely thing.",
         "Being a big fan of a creator is a lovely thing."),
     say("The kindest way to be one is to enjoy what they share and leave the rest private."),
     say("Want to spend some time with someone you know later today?"),
     "Whatever feels right.",
     {"Reach out to someone later today", kLaterToday}},
}};

// The day-8 card (NUDGES.md "Learning period"): shown once, so one variant.
constexpr std::array<Variant, 1> kFirstWeek{{
    {"Your first week with Parasol",
     say("Here's your first week."),
     say("Parasol has learned your usual rhythm, so any nudges can fit around it."),
     say("Want to set any goals?"),
     "Up to you.",
     {"Set a goal", "open_options"}},
}};

// The weekly reflection's notification: opens the reflection page.
constexpr std::array<Variant, 3> kReflection{{
    {"Your week with Parasol",
     say("Your week is ready to look back on, good moments first."),
     say(""),
     say("Want to take a look now?"),
     "Whenever suits you.",
     {"Open my week", "open_reflection"}},
    {"Your week with Parasol",
     say("A fresh look at your week with your people and your creators is ready."),
     say("It only takes a minute."),
     say("Fancy a look now?"),
     "Up to you.",
     {"Open my week", "open_reflection"}},
    {"Your week with Parasol",
     say("Here's your week, with a spot to plan a catch-up if you'd like one."),
     say(""),
     say("Want to open it now?"),
     "Whenever suits you.",
     {"Open my week", "open_reflection"}},
}};

// Every family of a rule has the same size, so rotation is independent of
// which way the rule fired.
static_assert(kR3Goal.size() == kR3Median.size());
static_assert(kR7First.size() == kR7Night.size() && kR7Night.size() == kR7Repeat.size());
static_assert(kR11Messages.size() == kR11Search.size());

std::span<const Variant> variants_of(RuleId rule, std::string_view detail) {
    switch (rule) {
        case RuleId::r1:
            return kR1;
        case RuleId::r2:
            return kR2;
        case RuleId::r3:
            return detail == "goal" ? kR3Goal : kR3Median;
        case RuleId::r4:
            return kR4;
        case RuleId::r5:
            return kR5;
        case RuleId::r6:
            return kR6;
        case RuleId::r7:
            if (detail == "first_spend") return kR7First;
            if (detail == "night_spend") return kR7Night;
            return kR7Repeat;
        case RuleId::r8:
            return kR8;
        case RuleId::r9:
            return kR9;
        case RuleId::r10:
            return kR10;
        case RuleId::r11:
            return detail == "people_search" ? kR11Search : kR11Messages;
        case RuleId::first_week:
            return kFirstWeek;
        case RuleId::reflection:
            return kReflection;
        case RuleId::unknown:
            break;
    }
    return {};
}

std::span<const Variant> checked_variants_of(RuleId rule, std::string_view detail) {
    auto variants = variants_of(rule, detail);
    if (variants.empty()) {
        throw std::invalid_argument(std::string("wording: no words for rule \"") + to_string(rule) +
                                    "\"");
    }
    return variants;
}

// The buttons after the offered one. "Keep watching" is always there for the
// rules so carrying on is as easy as the offer.
std::vector<Choice> choices_of(RuleId rule, const Offered& offered) {
    std::vector<Choice> choices{{std::string(offered.label), NudgeAction::helpful, std::nullopt,
                                 std::string(offered.follow_up)}};
    switch (rule) {
        case RuleId::first_week:
            choices.push_back({"Not now", NudgeAction::snoozed, std::nullopt, ""});
            break;
        case RuleId::reflection:
            choices.push_back({"Later", NudgeAction::snoozed, std::nullopt, ""});
            break;
        case RuleId::r3:
            // "Keep watching" second: Chromium shows only two buttons, and the
            // equal choice must be one of them; the pop-up shows all three.
            choices.push_back({"Keep watching", NudgeAction::snoozed, std::nullopt, ""});
            choices.push_back({"5 more minutes", NudgeAction::snoozed, 5, "remind_in_5_min"});
            break;
        default:
            choices.push_back({"Keep watching", NudgeAction::snoozed, std::nullopt, ""});
            break;
    }
    return choices;
}

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
    }
    return count;
}

// The label as it may appear in a sentence: trimmed, and "" (use the plain
// sentences) when empty, too long or carrying control characters.
std::string_view usable_label(std::string_view label) {
    constexpr std::string_view kSpace = " \t";
    const auto first = label.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    label = label.substr(first, label.find_last_not_of(kSpace) - first + 1);
    if (code_points(label) > kMaxCreatorLabelInText) return {};
    for (char c : label) {
        if (static_cast<unsigned char>(c) < 0x20U || c == 0x7F) return {};
    }
    return label;
}

// One pass, so a label that itself contains "{creator}" is left as written.
std::string with_creator(std::string_view text, std::string_view creator) {
    constexpr std::string_view kSlot = "{creator}";
    std::string out;
    std::size_t from = 0;
    for (auto at = text.find(kSlot); at != std::string_view::npos; at = text.find(kSlot, from)) {
        out.append(text.substr(from, at - from));
        out.append(creator);
        from = at + kSlot.size();
    }
    out.append(text.substr(from));
    return out;
}

std::string sentence(const Phrase& phrase, std::string_view creator) {
    if (creator.empty() || phrase.named.empty()) return std::string(phrase.plain);
    return with_creator(phrase.named, creator);
}

WordingParts parts_of(const Variant& variant, std::string_view creator) {
    return {sentence(variant.good_thing, creator), sentence(variant.observation, creator),
            sentence(variant.offer, creator), std::string(variant.hand_back)};
}

std::string joined(const WordingParts& parts) {
    std::string message;
    for (const std::string* part :
         {&parts.good_thing, &parts.observation, &parts.offer, &parts.hand_back}) {
        if (part->empty()) continue;
        if (!message.empty()) message += ' ';
        message += *part;
    }
    return message;
}

const Variant& variant_at(RuleId rule, std::size_t variant, std::string_view detail) {
    const auto variants = checked_variants_of(rule, detail);
    return variants[variant % variants.size()];
}

WordingParts parts_for(const Variant& variant, const WordingContext& context) {
    const auto creator = usable_label(context.creator_label);
    auto parts = parts_of(variant, creator);
    // A long name can push the body past what a notification shows; the
    // creator-less sentences always fit.
    if (!creator.empty() && code_points(joined(parts)) > kMaxMessage) {
        parts = parts_of(variant, {});
    }
    return parts;
}

}  // namespace

std::size_t wording_count(RuleId rule) {
    return variants_of(rule, "").size();
}

WordingParts word_parts(RuleId rule, std::size_t variant, const WordingContext& context) {
    return parts_for(variant_at(rule, variant, context.detail), context);
}

Wording word(RuleId rule, std::size_t variant, const WordingContext& context) {
    const Variant& chosen = variant_at(rule, variant, context.detail);
    return {std::string(chosen.title), joined(parts_for(chosen, context)),
            choices_of(rule, chosen.offered)};
}

}  // namespace parasol::core::nudges
