// A self-signed certificate made per run, for the real creator hostnames the browsers are
// pointed at (youtube.com is HSTS-preloaded: plain HTTP is refused there). Chromium trusts
// exactly its key through --ignore-certificate-errors-spki-list; Firefox through a
// certificate override (see firefox.mjs).
import { execFileSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * @param {string} dir where key.pem and cert.pem go
 * @param {string[]} hostnames every name the browser will ask for (SAN entries)
 * @returns {{key: Buffer, cert: Buffer, keyPath: string, certPath: string, spki: string,
 *   sha256Fingerprint: string}}
 *   spki: base64 SHA-256 of the public key DER (what Chromium's spki list wants)
 */
export function makeCert(dir, hostnames) {
  const keyPath = path.join(dir, "key.pem");
  const certPath = path.join(dir, "cert.pem");
  const san = hostnames.map((h) => `DNS:${h}`).join(",");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-sha256",
      "-days",
      "2",
      "-subj",
      `/CN=${hostnames[0]}`,
      "-addext",
      `subjectAltName=${san}`,
      "-addext",
      "basicConstraints=critical,CA:FALSE",
      "-addext",
      "extendedKeyUsage=serverAuth",
      "-keyout",
      keyPath,
      "-out",
      certPath,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const cert = readFileSync(certPath);
  const x509 = new X509Certificate(cert);
  const der = x509.publicKey.export({ type: "spki", format: "der" });
  return {
    key: readFileSync(keyPath),
    cert,
    keyPath,
    certPath,
    spki: createHash("sha256").update(der).digest("base64"),
    sha256Fingerprint: x509.fingerprint256,
  };
}
