#!/usr/bin/env bash
# `make run`, after `make build`: install the host manifests, then start Chromium with a
# profile of its own and the extension loaded (the way `web-ext run` does). Without a
# display, a short headless demonstration instead, and its report.
#
# usage: scripts/run.sh BUILD_DIR   (e.g. build/ci, holding parasol and parasol-host)
set -euo pipefail

build_dir=${1:?usage: scripts/run.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
parasol="$root/$build_dir/parasol"
host="$root/$build_dir/parasol-host"
extension="$root/build/extension/chromium"
for f in "$parasol" "$host" "$extension/manifest.json"; do
  [[ -e $f ]] || { echo "make run: $f is missing: run make build first" >&2; exit 1; }
done

say() { printf '\n== %s\n' "$*"; }

if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  # No display: everything in throwaway folders under build/run-demo, so the demo's
  # made-up visits never land in your own history.
  demo="$root/build/run-demo"
  rm -rf "$demo"
  mkdir -p "$demo"
  say "No display (\$DISPLAY and \$WAYLAND_DISPLAY are unset): a headless demonstration"
  # Chromium started with --user-data-dir reads the host manifest from that profile.
  "$parasol" install --browser chromium --user-data-dir "$demo/profile" --data-dir "$demo/data"
  node scripts/run-demo.mjs --profile "$demo/profile" --data "$demo/data" --host "$host"
  say "parasol report --data-dir $demo/data"
  "$parasol" report --data-dir "$demo/data"
  # A short session is a few seconds per creator: the exact figures, from the same summary.
  # shellcheck disable=SC2016  # JavaScript, not shell, inside the quotes
  "$parasol" report --json --days 1 --data-dir "$demo/data" | node -e '
    const s = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(`\nRecorded today: ${s.totals.creator_s} s with creators, ${s.totals.connection_s} s with your people.`);
    for (const c of s.creators) console.log(`  ${c.label || c.handle} (${c.platform}): ${c.seconds} s`);'
  echo
  echo "On a machine with a display, make run starts Chromium with the extension instead."
  exit 0
fi

say "Host manifests for the browsers on this machine (parasol install)"
"$parasol" install || echo "make run: parasol install found no browser to set up; carrying on"
# Chromium with --user-data-dir reads $UDD/NativeMessagingHosts, not ~/.config/chromium.
profile="$root/build/run-profile"
"$parasol" install --browser chromium --user-data-dir "$profile"

chromium=$(command -v chromium || command -v chromium-browser || true)
[[ -n $chromium ]] || { echo "make run: chromium is not installed (apt-get install chromium)" >&2; exit 1; }
flags=(--user-data-dir="$profile" --load-extension="$extension" --no-first-run
       --no-default-browser-check)
# Chromium refuses to run as root with its sandbox on.
[[ $(id -u) -ne 0 ]] || flags+=(--no-sandbox)
say "Starting Chromium with the Parasol extension (profile $profile)"
echo "Browse a creator's page (YouTube, Twitch, ...), then close Chromium and run:"
echo "  $build_dir/parasol report"
echo "If the toolbar pop-up says the host is not connected: $build_dir/parasol doctor --user-data-dir $profile"
exec "$chromium" "${flags[@]}" "https://www.youtube.com/"
