// @ts-check
// Whether an input event is the user sending a live-chat message: Enter in the chat field
// or a click on its send button. The event's target is compared with the chat elements;
// the field's content is never looked at.

/**
 * @typedef {{contains(other: unknown): boolean}} ElementLike
 * @typedef {{type: string, isTrusted: boolean, target: unknown, key?: string,
 *   shiftKey?: boolean, isComposing?: boolean, repeat?: boolean, keyCode?: number}} EventLike
 */

/**
 * @param {EventLike} ev
 * @param {ElementLike | null | undefined} input the chat field (chatInput)
 * @param {ElementLike | null | undefined} sendButton the send button (chatSendButton)
 * @returns {boolean}
 */
export function isChatSend(ev, input, sendButton) {
  // Synthetic events are the page's own doing (e.g. a script "clicking" send after Enter).
  if (!ev.isTrusted) return false;
  if (ev.type === "keydown") {
    if (ev.key !== "Enter" || ev.shiftKey || ev.repeat) return false;
    // Enter that confirms an input-method composition sends nothing.
    if (ev.isComposing || ev.keyCode === 229) return false;
    return within(input, ev.target);
  }
  if (ev.type === "click") return within(sendButton, ev.target);
  return false;
}

/**
 * @param {ElementLike | null | undefined} container
 * @param {unknown} target
 */
function within(container, target) {
  return !!container && !!target && (container === target || container.contains(target));
}
