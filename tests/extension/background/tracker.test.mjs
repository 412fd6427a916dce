// The tracker as a pure state machine: scripted events in, spans out. Times in the tables
// are seconds; every case also checks the invariants (no double-counted focus, no span
// shrinking, wire shape).

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  MIN,
  S,
  URLS,
  checkInvariants,
  finalSpans,
  ledger,
  makeTracker,
  page,
  run,
} from "./support/tracker_harness.mjs";
import {
  CLOCK_JUMP_MS,
  MAX_SPAN_MS,
  WINDOW_ID_NONE,
} from "../../../extension/src/background/tracker.js";

const W1 = 1;
const W2 = 2;

/** Window W focused, tab T active in it, showing URL. */
function show(tabId, url, windowId = W1) {
  return [
    [0, { type: "window-focus", windowId }],
    [0, { type: "tab-updated", tabId, windowId, url }],
    [0, { type: "tab-activated", tabId, windowId }],
  ];
}

/** A background tab (not activated) in window W. */
function background(at, tabId, url, windowId = W1, extra = {}) {
  return [at, { type: "tab-updated", tabId, windowId, url, ...extra }];
}

const CASES = [
  {
    name: "reading a channel page until idle, then again when active",
    steps: [
      ...show(1, URLS.alice),
      [90, { type: "idle", state: "idle" }],
      [200, { type: "idle", state: "active" }],
    ],
    end: 260,
    expect: ["creator youtube/alice focused 0-90", "creator youtube/alice focused 200-260"],
  },
  {
    name: "watching: no idle cut-off while media plays; pause while idle ends it",
    steps: [
      ...show(1, URLS.watch1),
      [1, page("alice", { playing: true })],
      [61, { type: "idle", state: "idle" }],
      [600, page("alice", { playing: false })],
    ],
    end: 700,
    expect: ["creator youtube/alice focused 1-600"],
  },
  {
    name: "pause while active: watching becomes reading, both focused",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [100, page("alice", { playing: false })],
    ],
    end: 130,
    expect: ["creator youtube/alice focused 0-100", "creator youtube/alice focused 100-130"],
  },
  {
    name: "locking the screen ends watching",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [45, { type: "idle", state: "locked" }],
      [300, { type: "idle", state: "active" }],
    ],
    end: 330,
    expect: ["creator youtube/alice focused 0-45", "creator youtube/alice focused 300-330"],
  },
  {
    name: "locked: a background tab's sound is not counted either",
    steps: [
      ...show(1, URLS.news),
      background(0, 2, URLS.bob, W1, { audible: true }),
      [40, { type: "idle", state: "locked" }],
    ],
    end: 100,
    expect: ["creator youtube/bob audible 0-40"],
  },
  {
    name: "browser loses focus while reading: the span ends, and starts again on return",
    steps: [
      ...show(1, URLS.alice),
      [30, { type: "window-focus", windowId: WINDOW_ID_NONE }],
      [100, { type: "window-focus", windowId: W1 }],
    ],
    end: 120,
    expect: ["creator youtube/alice focused 0-30", "creator youtube/alice focused 100-120"],
  },
  {
    name: "browser loses focus while a video plays: it becomes listening",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [30, { type: "window-focus", windowId: WINDOW_ID_NONE }],
    ],
    end: 90,
    expect: ["creator youtube/alice focused 0-30", "creator youtube/alice audible 30-90"],
  },
  {
    name: "background audio switched off: unfocused playback is not counted",
    settings: { tracking: { background_audio: false } },
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [30, { type: "window-focus", windowId: WINDOW_ID_NONE }],
    ],
    end: 90,
    expect: ["creator youtube/alice focused 0-30"],
  },
  {
    name: "page reports itself hidden (minimised without a focus event): no longer focused",
    steps: [
      ...show(1, URLS.alice),
      [20, page("alice", { visible: false, url: URLS.alice })],
      [50, { type: "tab-activated", tabId: 1, windowId: W1 }],
    ],
    end: 60,
    expect: ["creator youtube/alice focused 0-20", "creator youtube/alice focused 50-60"],
  },
  {
    name: "tab switch: the old creator ends and the new one starts at the same moment",
    steps: [
      ...show(1, URLS.alice),
      background(0, 2, URLS.bob),
      [40, { type: "tab-activated", tabId: 2, windowId: W1 }],
      [70, { type: "tab-activated", tabId: 1, windowId: W1 }],
    ],
    end: 80,
    expect: [
      "creator youtube/alice focused 0-40",
      "creator youtube/bob focused 40-70",
      "creator youtube/alice focused 70-80",
    ],
  },
  {
    name: "full navigation to another creator's channel",
    steps: [
      ...show(1, URLS.alice),
      [35, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.bob }],
    ],
    end: 50,
    expect: ["creator youtube/alice focused 0-35", "creator youtube/bob focused 35-50"],
  },
  {
    name: "navigation to a page that is no creator's ends the span",
    steps: [
      ...show(1, URLS.alice),
      [35, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.home }],
    ],
    end: 100,
    expect: ["creator youtube/alice focused 0-35"],
  },
  {
    name: "SPA navigation to another creator ends the old span at that moment, not at the report",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [50, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch2 }],
      [50.4, page("bob", { playing: true })],
    ],
    end: 80,
    expect: ["creator youtube/alice focused 0-50", "creator youtube/bob focused 50-80"],
  },
  {
    name: "SPA navigation: a tick between the URL change and the report does not overrun",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [29.5, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch2 }],
      [30, { type: "tick" }],
      [30.5, page("bob", { playing: true })],
    ],
    end: 60,
    expect: ["creator youtube/alice focused 0-29.500", "creator youtube/bob focused 29.500-60"],
  },
  {
    name: "SPA navigation: the page reports before the browser's URL event",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [50, page("bob", { playing: true, url: URLS.watch2 })],
      [50.2, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch2 }],
    ],
    end: 80,
    expect: ["creator youtube/alice focused 0-50", "creator youtube/bob focused 50-80"],
  },
  {
    name: "SPA navigation: 'creator not known yet' from the page does not end the provisional span",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [50, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch2 }],
      [50.1, { ...page(null, { playing: false }), unknown: true }],
      [50.8, page("alice", { playing: true })],
      [52, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch3 }],
      [52.1, { ...page(null, { playing: false }), unknown: true }],
      [54.6, page("bob", { playing: true })],
    ],
    end: 80,
    expect: ["creator youtube/alice focused 0-52", "creator youtube/bob focused 52-80"],
  },
  {
    name: "a page that can't name its creator, outside a navigation, counts nothing",
    steps: [...show(1, URLS.watch1), [0, { ...page(null, { playing: true }), unknown: true }]],
    end: 60,
    expect: [],
  },
  {
    name: "SPA navigation within one creator keeps one unbroken span",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [50, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch2 }],
      [50.5, page("alice", { playing: true })],
    ],
    end: 80,
    expect: ["creator youtube/alice focused 0-80"],
  },
  {
    name: "SPA navigation from reading to a video that starts playing: no gap",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice")],
      [50, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch2 }],
      [50.5, page("bob", { playing: true })],
    ],
    end: 80,
    expect: ["creator youtube/alice focused 0-50", "creator youtube/bob focused 50-80"],
  },
  {
    name: "SPA navigation and the page never reports: the old span ends at the navigation",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [50, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch2 }],
    ],
    end: 200,
    expect: ["creator youtube/alice focused 0-50"],
  },
  {
    name: "two navigations before the page reports: the old span ends at the first",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [50, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch2 }],
      [51, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch3 }],
      [51.5, page("bob", { playing: true })],
    ],
    end: 70,
    expect: ["creator youtube/alice focused 0-50", "creator youtube/bob focused 50-70"],
  },
  {
    name: "focus lost while a navigation is pending: the old span ends at the navigation",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [50, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch2 }],
      [52, { type: "window-focus", windowId: WINDOW_ID_NONE }],
      [53, { type: "window-focus", windowId: W1 }],
      [54, page("bob", { playing: true })],
    ],
    end: 70,
    expect: ["creator youtube/alice focused 0-50", "creator youtube/bob focused 54-70"],
  },
  {
    name: "a page the content script calls no creator's overrides the URL",
    steps: [...show(1, URLS.alice), [10, { ...page(null), url: URLS.alice }]],
    end: 40,
    expect: ["creator youtube/alice focused 0-10"],
  },
  {
    name: "the page's label is sent with the span, cut to 200 characters",
    steps: [...show(1, URLS.watch1), [0, page("alice", { label: "A".repeat(250) })]],
    end: 30,
    check: (spans) => assert.equal(spans[0].label, "A".repeat(200)),
    expect: ["creator youtube/alice focused 0-30"],
  },
  {
    name: "tab closed: its span ends then",
    steps: [...show(1, URLS.alice), [25, { type: "tab-removed", tabId: 1 }]],
    end: 60,
    expect: ["creator youtube/alice focused 0-25"],
  },
  {
    name: "window closed: the spans of its tabs end",
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      background(0, 2, URLS.bob, W1, { audible: true }),
      [25, { type: "window-removed", windowId: W1 }],
    ],
    end: 60,
    expect: ["creator youtube/alice focused 0-25", "creator youtube/bob audible 0-25"],
  },
  {
    name: "two windows: only the focused window's tab counts as focused",
    steps: [
      [0, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.alice }],
      [0, { type: "tab-activated", tabId: 1, windowId: W1 }],
      [0, { type: "tab-updated", tabId: 2, windowId: W2, url: URLS.bob }],
      [0, { type: "tab-activated", tabId: 2, windowId: W2 }],
      [0, { type: "window-focus", windowId: W1 }],
      [30, { type: "window-focus", windowId: W2 }],
      [45, { type: "window-focus", windowId: W1 }],
      [50, { type: "window-focus", windowId: WINDOW_ID_NONE }],
    ],
    end: 80,
    expect: [
      "creator youtube/alice focused 0-30",
      "creator youtube/bob focused 30-45",
      "creator youtube/alice focused 45-50",
    ],
  },
  {
    name: "two windows both playing: the unfocused one is listening, never a second focus",
    steps: [
      [0, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch1 }],
      [0, { type: "tab-activated", tabId: 1, windowId: W1 }],
      [0, { type: "tab-updated", tabId: 2, windowId: W2, url: URLS.watch2 }],
      [0, { type: "tab-activated", tabId: 2, windowId: W2 }],
      [0, { type: "window-focus", windowId: W1 }],
      [0, { ...page("alice", { playing: true }), tabId: 1 }],
      [0, { ...page("bob", { playing: true }), tabId: 2, windowId: W2 }],
      [60, { type: "window-focus", windowId: W2 }],
    ],
    end: 90,
    expect: [
      "creator youtube/alice focused 0-60",
      "creator youtube/bob audible 0-60",
      "creator youtube/alice audible 60-90",
      "creator youtube/bob focused 60-90",
    ],
  },
  {
    name: "a background tab playing sound is a listening span beside the focused one",
    steps: [
      ...show(1, URLS.alice),
      background(0, 2, URLS.watch2),
      [5, { ...page("bob", { playing: true, visible: false }), tabId: 2 }],
      [65, { ...page("bob", { playing: false, visible: false }), tabId: 2 }],
    ],
    end: 90,
    expect: ["creator youtube/alice focused 0-90", "creator youtube/bob audible 5-65"],
  },
  {
    name: "tabs.audible alone (no content script) is enough for listening",
    steps: [
      ...show(1, URLS.news),
      background(0, 2, URLS.carol, W1, { audible: true }),
      [40, { type: "tab-updated", tabId: 2, windowId: W1, audible: false }],
    ],
    end: 90,
    expect: ["creator twitch/carol audible 0-40"],
  },
  {
    name: "a muted tab is not listening",
    steps: [
      ...show(1, URLS.news),
      background(0, 2, URLS.carol, W1, { audible: true, muted: true }),
    ],
    end: 90,
    expect: [],
  },
  {
    name: "background audio switched off in settings closes listening spans then",
    steps: [
      ...show(1, URLS.news),
      background(0, 2, URLS.carol, W1, { audible: true }),
      [40, "settings:background_audio=false"],
    ],
    end: 90,
    expect: ["creator twitch/carol audible 0-40"],
  },
  {
    name: "private windows are not counted",
    steps: [
      [0, { type: "window-focus", windowId: W2 }],
      [0, { type: "tab-updated", tabId: 7, windowId: W2, url: URLS.alice, incognito: true }],
      [0, { type: "tab-activated", tabId: 7, windowId: W2 }],
      [1, { ...page("alice", { playing: true, url: URLS.alice }), tabId: 7, incognito: true }],
      background(1, 8, URLS.carol, W2, { incognito: true, audible: true }),
    ],
    end: 90,
    expect: [],
  },
  {
    name: "private windows are counted when the user allows it",
    settings: { tracking: { private_windows: true } },
    steps: [
      [0, { type: "window-focus", windowId: W2 }],
      [0, { type: "tab-updated", tabId: 7, windowId: W2, url: URLS.alice, incognito: true }],
      [0, { type: "tab-activated", tabId: 7, windowId: W2 }],
    ],
    end: 30,
    expect: ["creator youtube/alice focused 0-30"],
  },
  {
    name: "extension pages (ours or others', Chromium or Firefox) and browser pages are never counted",
    steps: [
      ...show(1, URLS.chromeExt),
      [1, { ...page("alice", { playing: true, url: URLS.chromeExt }), tabId: 1 }],
      [10, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.mozExt }],
      [11, { ...page("alice", { playing: true, url: URLS.mozExt }), tabId: 1 }],
      [20, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.chromePage }],
      background(20, 2, URLS.chromeExt, W1, { audible: true }),
    ],
    end: 60,
    expect: [],
  },
  {
    name: "a connection site is a connection span: platform only, no handle",
    steps: [...show(1, URLS.whatsapp)],
    end: 60,
    expect: ["connection whatsapp/ focused 0-60"],
  },
  {
    name: "a connection path on a creator platform is connection, not creator",
    steps: [
      ...show(1, URLS.igDirect),
      [30, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.igProfile }],
    ],
    end: 60,
    expect: ["connection instagram/ focused 0-30", "creator instagram/dave focused 30-60"],
  },
  {
    name: "a call in a background tab counts as audible connection time",
    steps: [...show(1, URLS.news), background(0, 2, URLS.meet, W1, { audible: true })],
    end: 60,
    expect: ["connection meet/ audible 0-60"],
  },
  {
    name: "connection time switched off: connection sites are not counted (nor as creators)",
    settings: { tracking: { connection_time: false } },
    steps: [...show(1, URLS.igDirect)],
    end: 60,
    expect: [],
  },
  {
    name: "a site the user added to the connection list",
    settings: {
      connection_sites: [
        { platform: "signal", match: "signal.example.org/chat", kind: "messaging" },
      ],
    },
    steps: [
      ...show(1, "https://signal.example.org/chat/room"),
      [10, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.whatsapp }],
    ],
    end: 60,
    expect: ["connection signal/ focused 0-10"],
  },
  {
    name: "sleep: a jump in the clock closes the span at the last moment seen alive",
    autoTick: false,
    steps: [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      [30, { type: "tick" }],
      [60, { type: "tick" }],
      [60 + 3600, { type: "tick" }],
    ],
    end: 60 + 3600 + 30,
    expect: ["creator youtube/alice focused 0-60", "creator youtube/alice focused 3660-3690"],
  },
  {
    name: "sleep detected on the first event after waking, not only on ticks",
    autoTick: false,
    steps: [
      ...show(1, URLS.alice),
      [30, { type: "tick" }],
      [30 + 7200, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.bob }],
    ],
    end: 30 + 7200 + 30,
    expect: ["creator youtube/alice focused 0-30", "creator youtube/bob focused 7230-7260"],
  },
  {
    name: "no spans open: a long quiet gap is not sleep (nothing should have ticked)",
    autoTick: false,
    steps: [
      ...show(1, URLS.news),
      [5000, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.alice }],
    ],
    end: 5030,
    expect: ["creator youtube/alice focused 5000-5030"],
  },
  {
    name: "clock stepping back a little never makes a span end before it starts",
    autoTick: false,
    steps: [
      ...show(1, URLS.alice),
      [30, { type: "tick" }],
      [29, { type: "tab-removed", tabId: 1 }],
    ],
    end: 40,
    expect: ["creator youtube/alice focused 0-30"],
  },
  {
    name: "clock stepping back a lot closes at the last moment seen alive",
    autoTick: false,
    steps: [
      [1000, { type: "window-focus", windowId: W1 }],
      [1000, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.alice }],
      [1000, { type: "tab-activated", tabId: 1, windowId: W1 }],
      [1030, { type: "tick" }],
      [500, { type: "tick" }],
    ],
    end: 530,
    expect: ["creator youtube/alice focused 500-530", "creator youtube/alice focused 1000-1030"],
  },
];

/** "settings:key=value" steps flip one tracking switch. */
function materialise(tracker, steps) {
  return steps.map(([at, ev]) => {
    if (typeof ev === "string") {
      const [, key, value] = /^settings:(\w+)=(\w+)$/.exec(ev);
      const s = structuredClone(tracker.settings);
      s.tracking[key] = value === "true";
      return [at * S, { type: "settings", settings: s }];
    }
    return [at * S, { tabId: 1, windowId: W1, ...ev }];
  });
}

for (const c of CASES) {
  test(`tracker: ${c.name}`, () => {
    const tracker = makeTracker(c.settings);
    const updates = run(tracker, materialise(tracker, c.steps), {
      end: c.end * S,
      autoTick: c.autoTick ?? true,
    });
    checkInvariants(updates);
    assert.deepEqual(ledger(updates), c.expect);
    for (const s of finalSpans(updates)) assert.equal(s.utc_offset_min, 60);
    c.check?.(finalSpans(updates));
  });
}

test("tracker: an open span is re-sent on every tick with the same id and a growing end", () => {
  const tracker = makeTracker();
  const updates = run(tracker, materialise(tracker, show(1, URLS.alice)), { end: 95 * S });
  assert.deepEqual(
    updates.map((u) => [u.id, u.end / S]),
    [
      ["span-0001", 30],
      ["span-0001", 60],
      ["span-0001", 90],
      ["span-0001", 95],
    ],
  );
  assert.equal(tracker.hasOpenSpans(), true);
  assert.deepEqual(
    tracker.current().map((c) => [c.platform, c.handle, c.state]),
    [["youtube", "alice", "reading"]],
  );
});

test("tracker: nothing is sent for a span that closes the moment it opens", () => {
  const tracker = makeTracker();
  const steps = [...show(1, URLS.alice), [0, { type: "idle", state: "idle" }]];
  assert.deepEqual(run(tracker, materialise(tracker, steps), { end: 60 * S }), []);
});

test("tracker: a day-long stretch is cut into protocol-sized spans without a gap", () => {
  const tracker = makeTracker();
  const steps = [...show(1, URLS.watch1), [0, page("alice", { playing: true })]];
  const updates = run(tracker, materialise(tracker, steps), { end: 25 * 3600 * S });
  checkInvariants(updates);
  const spans = finalSpans(updates);
  assert.equal(spans.length, 2);
  assert.equal(spans[0].end - spans[0].start, MAX_SPAN_MS);
  assert.equal(spans[1].start, spans[0].end);
  assert.equal(spans[1].end, 25 * 3600 * S);
});

test("tracker: the clock-jump limit is what the brief says (2 minutes)", () => {
  assert.equal(CLOCK_JUMP_MS, 2 * MIN);
});

test("tracker: a restored snapshot continues exactly like an uninterrupted run", () => {
  const script = (t) =>
    materialise(t, [
      ...show(1, URLS.watch1),
      [0, page("alice", { playing: true })],
      background(10, 2, URLS.carol, W1, { audible: true }),
      [100, { type: "tab-updated", tabId: 1, windowId: W1, url: URLS.watch2 }],
      [100.3, page("bob", { playing: true })],
      [200, { type: "idle", state: "locked" }],
      [260, { type: "idle", state: "active" }],
    ]);
  const straight = makeTracker();
  const expected = run(straight, script(straight), { end: 300 * S });

  // Split the same script at every step: persist (as JSON), restore, carry on.
  const steps = script(makeTracker());
  for (let cut = 1; cut < steps.length; cut++) {
    const first = makeTracker();
    const a = run(first, steps.slice(0, cut));
    const saved = JSON.parse(JSON.stringify(first.snapshot()));
    const ids = [...a.map((u) => u.id), ...Object.values(saved.open).map((o) => o.id)];
    const used = Math.max(0, ...ids.map((id) => Number(id.slice(5))));
    const second = makeTracker({}, saved, used);
    const b = run(second, steps.slice(cut), { end: 300 * S });
    assert.deepEqual(ledger([...a, ...b]), ledger(expected), `split after step ${cut}`);
  }
});

test("tracker: sync replaces the facts and closes spans of tabs that are gone", () => {
  const tracker = makeTracker();
  const before = run(tracker, materialise(tracker, show(1, URLS.alice)));
  assert.deepEqual(before, []);
  const out = tracker.dispatch({
    type: "sync",
    now: 20 * S,
    focusedWindowId: W2,
    idle: "active",
    tabs: [
      {
        tabId: 5,
        windowId: W2,
        active: true,
        url: URLS.bob,
        incognito: false,
        audible: false,
        muted: false,
      },
    ],
  });
  assert.deepEqual(ledger(out), ["creator youtube/alice focused 0-20"]);
  assert.deepEqual(
    tracker.current().map((c) => c.handle),
    ["bob"],
  );
  assert.deepEqual(Object.keys(tracker.snapshot().tabs), ["5"]);
});

test("tracker: URLs of untracked private tabs are not kept", () => {
  const tracker = makeTracker();
  tracker.dispatch({
    type: "tab-updated",
    now: 0,
    tabId: 3,
    windowId: W1,
    url: URLS.alice,
    incognito: true,
  });
  assert.equal(tracker.snapshot().tabs[3].url, null);
  assert.ok(!JSON.stringify(tracker.snapshot()).includes("alice"));
});

test("tracker: an unknown event type is an error, not ignored", () => {
  const tracker = makeTracker();
  assert.throws(
    () => tracker.dispatch({ type: "teleport", now: 0 }),
    /unknown event type "teleport"/,
  );
});

test("tracker: a snapshot of another version is not trusted", () => {
  const tracker = makeTracker({}, { v: 999, open: { 1: {} } });
  assert.equal(tracker.hasOpenSpans(), false);
});
