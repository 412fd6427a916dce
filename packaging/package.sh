#!/usr/bin/env bash
# `make package`, after `make build`: the .deb (CPack) and the extension zips (web-ext build)
# in build/package/, every one of them version VERSION. The .deb is checked (contents,
# modes, dependencies, installed with dpkg into a scratch root) before it is called done.
#
# usage: packaging/package.sh BUILD_DIR
set -euo pipefail

build_dir=${1:?usage: packaging/package.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(head -n1 VERSION | tr -d '[:space:]')
out="$root/build/package"
mkdir -p "$out"

cmake --build "$build_dir" --target parasol parasol-host parasol_manpage
(cd "$build_dir" && cpack -B "$out")
rm -rf "$out/_CPack_Packages"
deb="$out/parasol_${version}_$(dpkg --print-architecture).deb"
[[ -f $deb ]] || { echo "make package: cpack did not write $deb" >&2; exit 1; }
packaging/check-deb.sh "$deb" "$version"

for browser in chromium firefox; do
  zip="parasol-$browser-$version.zip"
  npx web-ext build --source-dir "build/extension/$browser" --artifacts-dir "$out" \
    --filename "$zip" --overwrite-dest >/dev/null
  # The zip is what a store receives: its manifest must carry the one version.
  # shellcheck disable=SC2016  # JavaScript, not shell, inside the quotes
  unzip -p "$out/$zip" manifest.json | node -e '
    const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
    if (m.version !== process.argv[1]) {
      console.error(`make package: ${process.argv[2]} says version ${m.version}, not ${process.argv[1]}`);
      process.exit(1);
    }' "$version" "$zip"
done

echo "make package: version $version in build/package/:"
ls -l "$out"
