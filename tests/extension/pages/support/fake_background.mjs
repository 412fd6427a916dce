// A fake background for the pages' tests: canned answers to the runtime messages the pages
// send (status, current-tab, host requests, nudges), every request recorded.

export const TODAY = "2026-11-25";

export function weekSummary() {
  const days = [
    ["2026-11-19", 5400, 1200, 30],
    ["2026-11-20", 7200, 600, 0],
    ["2026-11-21", 3600, 1800, 60],
    ["2026-11-22", 9000, 0, 0],
    ["2026-11-23", 4200, 900, 20],
    ["2026-11-24", 2400, 300, 0],
    ["2026-11-25", 3000, 600, 0],
  ].map(([date, creator_s, connection_s, social_min]) => ({
    date,
    creator_s,
    connection_s,
    social_min,
  }));
  return {
    from: "2026-11-19",
    to: TODAY,
    days,
    creators: [
      {
        platform: "youtube",
        handle: "UClab",
        label: "LabCreator",
        followed: true,
        seconds: 20000,
        share: 0.5714,
        days_active: 6,
      },
      {
        platform: "twitch",
        handle: "labstreamer",
        label: "LabStreamer",
        followed: false,
        seconds: 15000,
        share: 0.4286,
        days_active: 3,
      },
    ],
    others_s: 0,
    totals: {
      creator_s: 34800,
      followed_s: 20000,
      connection_s: 5400,
      social_min: 110,
      balance: 2.89,
    },
  };
}

export function todaySummary() {
  return {
    from: TODAY,
    to: TODAY,
    days: [{ date: TODAY, creator_s: 3000, connection_s: 600, social_min: 0 }],
    creators: [
      {
        platform: "youtube",
        handle: "UClab",
        label: "LabCreator",
        followed: true,
        seconds: 1800,
        share: 0.6,
        days_active: 1,
      },
      {
        platform: "twitch",
        handle: "labstreamer",
        label: "LabStreamer",
        followed: false,
        seconds: 1200,
        share: 0.4,
        days_active: 1,
      },
    ],
    others_s: 0,
    totals: { creator_s: 3000, followed_s: 1800, connection_s: 600, social_min: 0, balance: 5 },
  };
}

export function emptySummary(days = 7) {
  return {
    from: TODAY,
    to: TODAY,
    days: Array.from({ length: days }, (_, i) => ({
      date: `2026-11-${String(19 + i + (7 - days)).padStart(2, "0")}`,
      creator_s: 0,
      connection_s: 0,
      social_min: 0,
    })),
    creators: [],
    others_s: 0,
    totals: { creator_s: 0, followed_s: 0, connection_s: 0, social_min: 0, balance: null },
  };
}

export function status(connection = "connected", pending = 0) {
  return {
    connection: {
      status: connection,
      error: connection === "not_installed" ? "Specified native messaging host not found." : null,
      since: Date.UTC(2026, 10, 25, 9),
      retryAt: null,
      attempts: 1,
      hostVersion: connection === "connected" ? "0.1.0" : null,
    },
    extensionId: "mhedandambbmemhakpeljdpoklmmikid",
    browser: "chromium",
    outbox: { pending, total: 0, overflow: 0, expired: 0, rejected: 0, last: null },
    counting: [],
    lastError: null,
  };
}

export function settingsDoc() {
  const rule = (extra) => ({ enabled: true, cooldown_days: 4, ...extra });
  return {
    nudges: {
      enabled: true,
      max_per_day: 1,
      max_per_week: 3,
      quiet_hours: { start: "22:00", end: "08:00" },
      sleep_window: { start: "00:30", end: "05:30" },
      snoozed_until: null,
      snoozed_indefinitely: false,
      paused_until: null,
      reflection: { weekday: 0, time: "18:00" },
      learning_days: 7,
      spacing_min: 10,
    },
    rules: {
      R1: rule({
        min_ratio: 0.85,
        min_creator_hours_7d: 10,
        max_connection_vs_baseline: 0.7,
        connection_floor_min_7d: 150,
      }),
      R2: rule({ drought_hours: 72, min_creator_min_per_day: 60 }),
      R3: rule({ cooldown_days: 1, daily_goal_min: null, floor_min: 120, median_factor: 1.5 }),
      R4: rule({
        cooldown_days: 7,
        min_night_minutes: 30,
        nights: 3,
        of_nights: 7,
        wind_down_card: false,
      }),
      R5: rule({
        cooldown_days: 3,
        min_checks_per_day: 12,
        baseline_factor: 2,
        min_short_share: 0.5,
        pause_page: false,
      }),
      R6: rule({
        cooldown_days: 14,
        min_share: 0.6,
        min_creator_hours_7d: 5,
        min_episodes_per_day: 5,
        min_days: 4,
      }),
      R7: rule({ cooldown_days: 1, spend_marks_7d: 3, monthly_budget: null }),
      R8: rule({ cooldown_days: 7, min_live_hours_7d: 8, min_chat_messages_7d: 150 }),
      R9: rule({ cooldown_days: 7, min_ramp_factor: 1.5, max_connection_vs_baseline: 0.8 }),
      R10: rule({ cooldown_days: 21, min_lean: 4, of_checkins: 3, min_count: 2 }),
      R11: { enabled: false, cooldown_days: 14, max_messages_24h: 10 },
    },
    tracking: {
      private_windows: false,
      background_audio: true,
      connection_time: true,
      idle_threshold_s: 60,
    },
    connection_sites: [
      { platform: "whatsapp", match: "web.whatsapp.com", kind: "messaging" },
      { platform: "meet", match: "meet.google.com", kind: "call" },
    ],
  };
}

export function reflection() {
  return {
    from: "2026-11-19",
    to: TODAY,
    headline: { connection_min: 190, creator_s: 34800 },
    weeks: [
      { from: "2026-10-29", to: "2026-11-04", creator_s: 28000, connection_min: 260, ratio: 0.64 },
      { from: "2026-11-05", to: "2026-11-11", creator_s: 30000, connection_min: 220, ratio: 0.69 },
      { from: "2026-11-12", to: "2026-11-18", creator_s: 41000, connection_min: 150, ratio: 0.82 },
      { from: "2026-11-19", to: TODAY, creator_s: 34800, connection_min: 190, ratio: 0.75 },
    ],
    top_creators: [
      { platform: "youtube", handle: "UClab", label: "LabCreator", seconds: 20000 },
      { platform: "twitch", handle: "labstreamer", label: "LabStreamer", seconds: 15000 },
    ],
    insight: {
      rule: "R1",
      fired: false,
      text: "Chats with friends were a little quieter than usual midweek.",
    },
    nudges: [
      {
        id: "n-0123456789abcdef",
        rule: "R3",
        title: "Past your usual day",
        created_at: Date.UTC(2026, 10, 22, 19),
        response: null,
      },
    ],
    checkin: null,
    tuning: [],
    goal: { daily_goal_min: 120 },
  };
}

export const NUDGE = {
  id: "n-00000000000000aa",
  rule: "R1",
  title: "Good company this week",
  message:
    "Your creators have kept you good company. Fancy a quick hi to someone after this video?",
  creator: null,
  created_at: Date.UTC(2026, 10, 25, 15),
  choices: [
    { label: "Message someone later today", action: "helpful", follow_up: "remind_later_today" },
    { label: "Keep watching", action: "snoozed" },
  ],
};

/** Two creators as creators.list gives them: one followed, one only seen. */
export function creatorList() {
  return [
    {
      platform: "youtube",
      handle: "UClab",
      label: "LabCreator",
      followed: true,
      followed_since: 1,
      daily_budget_min: null,
      today_s: 1800,
      week_s: 20000,
    },
    {
      platform: "twitch",
      handle: "labstreamer",
      label: "LabStreamer",
      followed: false,
      followed_since: null,
      daily_budget_min: null,
      today_s: 1200,
      week_s: 15000,
    },
  ];
}

/**
 * @param {{status?: any, tab?: any, week?: any, today?: any, creators?: any[], nudge?: any,
 *   settings?: any, reflection?: any, fail?: Record<string, {code: string, message: string, path?: string}>,
 *   exportPages?: string[]}} [o]
 */
export function makeFakeClient(o = {}) {
  const calls = [];
  let creators = o.creators ?? creatorList();
  let settings = o.settings ?? settingsDoc();
  const answers = {
    "summary.get": (b) => (b.days === 1 ? (o.today ?? todaySummary()) : (o.week ?? weekSummary())),
    "creators.list": () => ({ creators, next_cursor: null }),
    "creators.follow": (b) => {
      const c = creators.find((x) => x.platform === b.platform && x.handle === b.handle);
      if (c) c.followed = true;
      else
        creators = [
          ...creators,
          { ...b, label: b.label ?? b.handle, followed: true, today_s: 0, week_s: 0 },
        ];
      return { creator: { ...b, followed: true } };
    },
    "creators.unfollow": (b) => {
      const c = creators.find((x) => x.platform === b.platform && x.handle === b.handle);
      if (c) c.followed = false;
      return {};
    },
    "creators.update": (b) => ({ creator: b }),
    "creators.forget": (b) => {
      creators = creators.filter((x) => !(x.platform === b.platform && x.handle === b.handle));
      return { deleted_spans: 3 };
    },
    "settings.get": () => ({ settings }),
    "settings.set": (b) => {
      settings = merge(settings, b.settings);
      return { settings };
    },
    "checkin.record": () => ({}),
    "nudges.respond": () => ({}),
    "reflection.get": () => o.reflection ?? reflection(),
    "data.erase": () => ({}),
    "data.export": (b) => {
      const pages = o.exportPages ?? ["a\n", "b\n"];
      const i = b.cursor ? Number(b.cursor) : 0;
      return { data: pages[i], next_cursor: i + 1 < pages.length ? String(i + 1) : null };
    },
  };
  const client = {
    calls,
    status: async () => {
      calls.push({ kind: "status" });
      if (o.status === null)
        throw { code: "no_background", message: "Could not establish connection." };
      return o.status ?? status();
    },
    currentTab: async () => {
      calls.push({ kind: "current-tab" });
      return o.tab ?? { creator: null, connection: null, counting: null, reason: "no-tab" };
    },
    diagnostics: async () => ({ delivery: { sent: 12, lastError: null } }),
    host: async (type, body = {}) => {
      calls.push({ kind: "host", type, body });
      const fail = o.fail?.[type];
      if (fail) throw fail;
      const answer = answers[type];
      if (!answer) throw { code: "unknown_type", message: `no fake for ${type}` };
      return structuredClone(answer(body));
    },
    currentNudge: async (id) => {
      calls.push({ kind: "nudges.current", id });
      return o.nudge && (!id || id === o.nudge.id) ? o.nudge : null;
    },
    chooseNudge: async (id, choice) => {
      calls.push({ kind: "nudges.choose", id, choice });
    },
    remindPlan: async (text, when) => {
      calls.push({ kind: "nudges.remind", text, when });
    },
  };
  return client;
}

/** settings.set's merge: objects merge, anything else (lists included) replaces. */
function merge(a, b) {
  if (
    typeof a !== "object" ||
    a === null ||
    Array.isArray(b) ||
    typeof b !== "object" ||
    b === null
  )
    return b;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
  return out;
}
