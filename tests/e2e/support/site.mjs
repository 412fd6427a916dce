// The creator and connection sites the browsers visit, served locally under their real
// hostnames. Pages are the saved fixtures of tests/extension/fixtures (the markup the
// adapters read), with what a live site adds: media that plays (a generated WAV, looped)
// and YouTube's in-place navigation (pushState, new markup, `yt-navigate-finish`).
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { ROOT } from "./paths.mjs";

const FIXTURES = path.join(ROOT, "tests", "extension", "fixtures");

/** The creators of the fixtures, as the adapters key them. */
export const CREATORS = Object.freeze({
  labYoutube: { platform: "youtube", handle: "UCx7pPNw2Ip1C_dTfc1Oy3hA", label: "LabCreator" },
  otherYoutube: { platform: "youtube", handle: "UCq2TdWx8hRr1LkPb3nYvZ0Q", label: "Other Creator" },
  labTwitch: { platform: "twitch", handle: "labstreamer", label: "LabStreamer" },
});

export const URLS = Object.freeze({
  labChannel: "https://www.youtube.com/channel/UCx7pPNw2Ip1C_dTfc1Oy3hA/videos",
  labWatch: "https://www.youtube.com/watch?v=Qm3aL8yT2cE",
  otherWatchPath: "/watch?v=Zr9kV1bN0aQ",
  twitchChannel: "https://www.twitch.tv/labstreamer",
  whatsapp: "https://web.whatsapp.com/",
});

export const HOSTNAMES = ["www.youtube.com", "www.twitch.tv", "web.whatsapp.com"];

/**
 * A mono 16-bit PCM WAV of a quiet tone (the page must really play something: the
 * content script reads `paused`, and the media events drive the reports).
 * @param {number} seconds
 */
export function toneWav(seconds = 3, rate = 8000) {
  const samples = Math.round(seconds * rate);
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write("RIFF", 0, "ascii");
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write("WAVEfmt ", 8, "ascii");
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write("data", 36, "ascii");
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    buf.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  }
  return buf;
}

/** @param {string} rel */
function fixture(rel) {
  return readFileSync(path.join(FIXTURES, rel), "utf8");
}

// YouTube's in-place navigation, as its own script does it: the URL first, the rendered
// watch page (video-id, owner section) a moment later, then `yt-navigate-finish` (which
// the page bridge and the content script listen to). The embedded data (ytInitialData,
// ytInitialPlayerResponse) keeps describing the first video, as on the real site.
const SPA_SCRIPT = `<script>
window.__e2e = {
  navigateWatch(videoId, ownerHref, ownerName) {
    history.pushState({}, "", "/watch?v=" + videoId);
    return new Promise((done) => setTimeout(() => {
      for (const el of document.querySelectorAll("ytd-watch-flexy, ytd-watch-metadata"))
        el.setAttribute("video-id", videoId);
      for (const a of document.querySelectorAll("ytd-video-owner-renderer a[href]"))
        a.setAttribute("href", ownerHref);
      const name = document.querySelector("ytd-channel-name a");
      if (name) name.textContent = ownerName;
      document.dispatchEvent(new CustomEvent("yt-navigate-finish", { detail: {} }));
      done(location.href);
    }, 300));
  },
  media() { return document.querySelector("video, audio"); },
};
// Driven by the address alone (a browser with no driver attached): #e2e-leave=MS reports
// the page's moments to the server and leaves for a page of no creator after MS.
(() => {
  const m = /#e2e-leave=([0-9]+)/.exec(location.hash);
  if (!m) return;
  const log = (event) => fetch("/e2e/log", {
    method: "POST", body: JSON.stringify({ event, at: Date.now() }), keepalive: true,
  });
  log("loaded");
  document.querySelector("video, audio").addEventListener("playing", () => log("playing"), { once: true });
  setTimeout(() => {
    log("leaving").finally(() => { location.href = "/feed/library"; });
  }, Number(m[1]));
})();
</script>`;

/** The watch page with its main <video> playing the tone, looped, from the start. */
function watchPage() {
  const html = fixture("youtube/watch.html");
  const withMedia = html.replace(
    /<video ([^>]*?)src="blob:[^"]*"/,
    '<video $1src="/media/tone.wav" autoplay loop',
  );
  if (withMedia === html) throw new Error("youtube/watch.html: no <video src=blob:...> to replace");
  return withMedia.replace("</body>", `${SPA_SCRIPT}\n</body>`);
}

const WHATSAPP = `<!doctype html><html><head><title>WhatsApp</title></head>
<body><div id="app"><div class="landing-wrapper">Use WhatsApp on your computer</div></div></body></html>`;

const LIBRARY = `<!doctype html><html><head><title>Library - YouTube</title></head>
<body><ytd-app><div id="content">Library</div></ytd-app></body></html>`;

/**
 * Routes: "host path" -> {type, body}. Paths include the query where the page needs one.
 * @returns {Map<string, {type: string, body: string | Buffer}>}
 */
export function siteRoutes() {
  const html = "text/html; charset=utf-8";
  const wav = toneWav();
  /** @type {Map<string, {type: string, body: string | Buffer}>} */
  const routes = new Map([
    [
      "www.youtube.com /channel/UCx7pPNw2Ip1C_dTfc1Oy3hA/videos",
      { type: html, body: fixture("youtube/channel_id.html") },
    ],
    ["www.youtube.com /watch?v=Qm3aL8yT2cE", { type: html, body: watchPage() }],
    ["www.youtube.com /media/tone.wav", { type: "audio/wav", body: wav }],
    ["www.twitch.tv /labstreamer", { type: html, body: fixture("twitch/channel.html") }],
    ["web.whatsapp.com /", { type: html, body: WHATSAPP }],
    ["www.youtube.com /feed/library", { type: html, body: LIBRARY }],
  ]);
  return routes;
}

/**
 * @param {Map<string, {type: string, body: string | Buffer}>} routes
 * @param {string[]} log requests seen ("host path status"), for diagnostics
 * @param {Array<{host: string, event: string, at: number}>} events what pages reported
 */
function handler(routes, log, events) {
  return (/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) => {
    const host = String(req.headers.host ?? "")
      .replace(/:\d+$/, "")
      .toLowerCase();
    if (req.method === "POST" && req.url === "/e2e/log") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        try {
          events.push({ host, ...JSON.parse(body) });
        } catch {
          log.push(`${host} bad /e2e/log body ${body.slice(0, 100)}`);
        }
        res.writeHead(204).end();
      });
      return;
    }
    const route = routes.get(`${host} ${req.url}`);
    if (!route) {
      log.push(`${host} ${req.url} 404`);
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const body = Buffer.isBuffer(route.body) ? route.body : Buffer.from(route.body, "utf8");
    const headers = { "content-type": route.type, "cache-control": "no-store" };
    // Media elements ask for ranges; answering them keeps looping playback honest.
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ""));
    if (range && (range[1] || range[2])) {
      const start = range[1] ? Number(range[1]) : body.length - Number(range[2]);
      const end =
        range[1] && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
      if (start >= body.length || start > end) {
        res.writeHead(416, { "content-range": `bytes */${body.length}` }).end();
        return;
      }
      log.push(`${host} ${req.url} 206`);
      res.writeHead(206, {
        ...headers,
        "accept-ranges": "bytes",
        "content-range": `bytes ${start}-${end}/${body.length}`,
        "content-length": end - start + 1,
      });
      res.end(req.method === "HEAD" ? undefined : body.subarray(start, end + 1));
      return;
    }
    log.push(`${host} ${req.url} 200`);
    res.writeHead(200, { ...headers, "accept-ranges": "bytes", "content-length": body.length });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

/**
 * Serves the sites over HTTPS (or plain HTTP without tls) on `port` (0: any free one).
 * @param {{tls?: {key: Buffer, cert: Buffer}, port?: number, host?: string}} opts
 * @returns {Promise<{port: number, log: string[],
 *   events: Array<{host: string, event: string, at: number}>, close: () => Promise<void>}>}
 */
export async function startSite({ tls, port = 0, host = "127.0.0.1" } = {}) {
  /** @type {string[]} */
  const log = [];
  /** @type {Array<{host: string, event: string, at: number}>} */
  const events = [];
  const h = handler(siteRoutes(), log, events);
  const server = tls
    ? https.createServer({ key: tls.key, cert: tls.cert }, h)
    : http.createServer(h);
  /** @type {Set<import("node:net").Socket>} */
  const sockets = new Set();
  // Handshakes that fail (an untrusted certificate, say) never reach the handler.
  server.on("tlsClientError", (err) => log.push(`TLS error: ${err.message}`));
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const addr = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    port: addr.port,
    log,
    events,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
