// @ts-check
// The nudges' notification icon (a parasol, 64x64 PNG) as a data URL: Chromium requires an
// icon for "basic" notifications and accepts data URLs, so no image file is shipped for it.

export const NOTIFICATION_ICON =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAAAv0lEQVR42u3Zuw0CMRBFUXdETgmUQA+UQO1LihASFuvP2HOeNNkm9wROthQzM7MhuzwfR82lC94OpFX4chC9wsNDjAoPCTErPgTC7PipCFHipyBEix+KEDV+CEL0+K4Iq8R3Q0gNsFp8c4TUAKvGN0NIDbB6/GkEAAASA+wS/zcCAAAAAADIDNB799v1eL90P0oBAAAAAAAAAAAAAAAAAAAAAAAAZIMC8BH2La7mm60Afl2KtyBVfC1CMTMz67IX64N+dBpyeBEAAAAASUVORK5CYII=";
