// Native messaging host manifests (org.parasol.host) for throwaway browser profiles, naming
// the real parasol-host binary and only the extension under test.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export const HOST_NAME = "org.parasol.host";

/**
 * Chromium with --user-data-dir reads $UDD/NativeMessagingHosts/ (not ~/.config/chromium).
 * @param {string} userDataDir
 * @param {string} hostBin absolute path of parasol-host
 * @param {string} extensionId
 * @returns {string} the manifest's path
 */
export function writeChromiumHostManifest(userDataDir, hostBin, extensionId) {
  const dir = path.join(userDataDir, "NativeMessagingHosts");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${HOST_NAME}.json`);
  const manifest = {
    name: HOST_NAME,
    description: "Parasol native host (end-to-end test)",
    path: hostBin,
    type: "stdio",
    allowed_origins: [`chrome-extension://${extensionId}/`],
  };
  writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
  return file;
}

/**
 * Firefox reads $HOME/.mozilla/native-messaging-hosts/ on Linux.
 * @param {string} home
 * @param {string} hostBin
 * @param {string} geckoId
 */
export function writeFirefoxHostManifest(home, hostBin, geckoId) {
  const dir = path.join(home, ".mozilla", "native-messaging-hosts");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${HOST_NAME}.json`);
  const manifest = {
    name: HOST_NAME,
    description: "Parasol native host (end-to-end test)",
    path: hostBin,
    type: "stdio",
    allowed_extensions: [geckoId],
  };
  writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
  return file;
}
