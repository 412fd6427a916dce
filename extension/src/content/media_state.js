// @ts-check
// Whether a media element on the page is playing, read from the elements themselves (not
// only from events: a page can start playing before the content script arrives).

/**
 * The parts of an HTMLMediaElement read here.
 * @typedef {{tagName: string, paused: boolean, ended: boolean, muted: boolean, volume: number,
 *   readyState?: number, videoWidth?: number}} MediaLike
 */

/**
 * Playing for Parasol: advancing, and audible. A muted or silent element (autoplaying
 * previews on hover, muted trailers) is not the user watching or listening.
 * @param {MediaLike} el
 * @returns {boolean}
 */
export function isPlaying(el) {
  return !el.paused && !el.ended && !el.muted && el.volume > 0;
}

/**
 * A <video> with picture: one whose metadata says it has no picture (an audio-only stream
 * in a video element) counts as audio.
 * @param {MediaLike} el
 * @returns {boolean}
 */
export function hasPicture(el) {
  if (el.tagName.toUpperCase() !== "VIDEO") return false;
  const known = typeof el.readyState === "number" && el.readyState >= 1;
  return !(known && el.videoWidth === 0);
}

/**
 * @param {Iterable<MediaLike>} elements every <video> and <audio> of the page
 * @returns {{playing: boolean, video: boolean}} video: a playing element shows picture
 */
export function mediaState(elements) {
  let playing = false;
  let video = false;
  for (const el of elements) {
    if (!isPlaying(el)) continue;
    playing = true;
    if (hasPicture(el)) video = true;
  }
  return { playing, video };
}
