import { test } from "node:test";
import assert from "node:assert/strict";
import { hasPicture, isPlaying, mediaState } from "../../../extension/src/content/media_state.js";

/** @param {object} over */
const video = (over = {}) => ({
  tagName: "VIDEO",
  paused: false,
  ended: false,
  muted: false,
  volume: 1,
  readyState: 4,
  videoWidth: 1280,
  ...over,
});
const audio = (over = {}) => ({ ...video(over), tagName: "AUDIO", videoWidth: undefined, ...over });

test("isPlaying: advancing and audible", () => {
  const cases = [
    [video(), true],
    [video({ paused: true }), false],
    [video({ ended: true }), false],
    [video({ muted: true }), false],
    [video({ volume: 0 }), false],
    [video({ readyState: 2 }), true], // buffering is still playing
    [audio(), true],
  ];
  for (const [el, want] of cases) assert.equal(isPlaying(el), want, JSON.stringify(el));
});

test("hasPicture: videos with picture; audio-only streams in a video element are audio", () => {
  assert.equal(hasPicture(video()), true);
  assert.equal(hasPicture(video({ videoWidth: 0 })), false);
  assert.equal(
    hasPicture(video({ readyState: 0, videoWidth: 0 })),
    true,
    "metadata not loaded yet",
  );
  assert.equal(hasPicture(audio()), false);
  assert.equal(hasPicture({ ...video(), tagName: "video" }), true);
});

test("mediaState over every element of the page", () => {
  const cases = [
    [[], { playing: false, video: false }],
    [[video({ paused: true })], { playing: false, video: false }],
    [[video()], { playing: true, video: true }],
    [[audio()], { playing: true, video: false }],
    [[video({ muted: true }), audio()], { playing: true, video: false }], // muted preview + music
    [[audio(), video()], { playing: true, video: true }],
  ];
  for (const [els, want] of cases) assert.deepEqual(mediaState(els), want);
});
