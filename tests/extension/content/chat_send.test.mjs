import { test } from "node:test";
import assert from "node:assert/strict";
import { isChatSend } from "../../../extension/src/content/chat_send.js";
import { documentOf } from "../platforms/fixture_page.mjs";

const doc = documentOf(
  '<div id="input" contenteditable><span id="inner">x</span></div><div id="send"><button id="btn"><i id="icon"></i></button></div><input id="search">',
);
const input = doc.getElementById("input");
const send = doc.getElementById("send");
const el = (id) => doc.getElementById(id);
const key = (over) => ({ type: "keydown", isTrusted: true, key: "Enter", target: input, ...over });
const click = (over) => ({ type: "click", isTrusted: true, target: el("btn"), ...over });

test("Enter in the chat field and clicks on send count; everything else doesn't", () => {
  const cases = [
    ["Enter in the field", key(), true],
    ["Enter inside the field's content", key({ target: el("inner") }), true],
    ["Shift+Enter (new line)", key({ shiftKey: true }), false],
    ["Enter held down (repeat)", key({ repeat: true }), false],
    ["Enter confirming a composition", key({ isComposing: true }), false],
    ["IME keyCode 229", key({ keyCode: 229 }), false],
    ["another key", key({ key: "a" }), false],
    ["Enter elsewhere", key({ target: el("search") }), false],
    ["synthetic Enter", key({ isTrusted: false }), false],
    ["click on the send button", click(), true],
    ["click on its icon", click({ target: el("icon") }), true],
    ["click elsewhere", click({ target: el("search") }), false],
    ["synthetic click (the page sending after Enter)", click({ isTrusted: false }), false],
    ["other events", { type: "keyup", isTrusted: true, key: "Enter", target: input }, false],
  ];
  for (const [what, ev, want] of cases) assert.equal(isChatSend(ev, input, send), want, what);
});

test("no chat elements, no sends", () => {
  assert.equal(isChatSend(key(), null, null), false);
  assert.equal(isChatSend(click(), undefined, undefined), false);
});
