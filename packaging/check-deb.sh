#!/usr/bin/env bash
# Checks a Parasol .deb: its control fields, its contents and their modes, then installs it
# with dpkg into a scratch root and checks that the host manifests name the binary where the
# package put it, that both binaries run and report VERSION, and that purging removes
# everything.
#
# usage: packaging/check-deb.sh DEB VERSION
#        packaging/check-deb.sh --build BUILD_DIR VERSION   (runs cpack first, into a temp dir)
set -euo pipefail

scratch=$(mktemp -d "${TMPDIR:-/tmp}/parasol-deb-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
if [[ $1 == --build ]]; then
  build_dir=$2 version=$3
  (cd "$scratch" && cpack --config "$build_dir/CPackConfig.cmake" -B "$scratch/out" >cpack.log 2>&1) \
    || { cat "$scratch/cpack.log" >&2; echo "check-deb: cpack failed" >&2; exit 1; }
  deb=$(ls "$scratch"/out/*.deb)
else
  deb=$1 version=$2
fi

failures=0
fail() { echo "check-deb: FAIL: $*" >&2; failures=$((failures + 1)); }
field() { dpkg-deb -f "$deb" "$1"; }

# Control fields.
[[ $(field Package) == parasol ]] || fail "Package is '$(field Package)', not parasol"
[[ $(field Version) == "$version" ]] || fail "Version is '$(field Version)', not $version (VERSION)"
depends=$(field Depends)
for lib in libc6 libstdc++6 libsqlite3-0; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
[[ -n $(field Maintainer) ]] || fail "no Maintainer"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles >"$scratch/conffiles" 2>/dev/null \
  || fail "no conffiles"

# Contents: exactly these files (folders aside), with these modes.
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $1, $6}' | sort >"$scratch/contents"
cat >"$scratch/expected" <<'LIST'
-rw-r--r-- ./etc/chromium/native-messaging-hosts/org.parasol.host.json
-rw-r--r-- ./etc/opt/chrome/native-messaging-hosts/org.parasol.host.json
-rw-r--r-- ./usr/lib/mozilla/native-messaging-hosts/org.parasol.host.json
-rw-r--r-- ./usr/lib/systemd/user/parasol-digest.service
-rw-r--r-- ./usr/lib/systemd/user/parasol-digest.timer
-rw-r--r-- ./usr/share/doc/parasol/README.md
-rw-r--r-- ./usr/share/man/man1/parasol.1.gz
-rwxr-xr-x ./usr/bin/parasol
-rwxr-xr-x ./usr/bin/parasol-host
LIST
sort -o "$scratch/expected" "$scratch/expected"
if ! diff -u "$scratch/expected" "$scratch/contents" >"$scratch/diff"; then
  fail "contents differ from what is expected:"; cat "$scratch/diff" >&2
fi

# Installed into a scratch root by dpkg itself (dependencies are the real system's).
root="$scratch/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-depends --force-script-chrootless -i "$deb" >"$scratch/dpkg.log" 2>&1 \
  || { cat "$scratch/dpkg.log" >&2; fail "dpkg -i into a scratch root failed"; }
dpkg --root="$root" -L parasol >"$scratch/listed" || fail "dpkg -L parasol"
for f in /usr/bin/parasol /usr/bin/parasol-host; do
  [[ -x $root$f ]] || fail "$f is not installed as an executable"
  grep -qx "$f" "$scratch/listed" || fail "dpkg -L does not list $f"
done

# Each manifest names /usr/bin/parasol-host (which the package installs), by the rules.
for m in etc/chromium/native-messaging-hosts etc/opt/chrome/native-messaging-hosts \
         usr/lib/mozilla/native-messaging-hosts; do
  file="$root/$m/org.parasol.host.json"
  [[ -f $file ]] || { fail "$m/org.parasol.host.json missing"; continue; }
  node - "$file" "$root" <<'JS' || fail "$m/org.parasol.host.json breaks the rules"
const [file, root] = process.argv.slice(2);
const fs = require("node:fs");
const m = JSON.parse(fs.readFileSync(file, "utf8"));
const firefox = file.includes("mozilla");
const problems = [];
if (!/^[a-z0-9_]+(\.[a-z0-9_]+)*$/.test(m.name) || m.name !== "org.parasol.host") problems.push(`name ${m.name}`);
if (m.type !== "stdio") problems.push(`type ${m.type}`);
if (m.path !== "/usr/bin/parasol-host") problems.push(`path ${m.path}`);
try { fs.accessSync(root + m.path, fs.constants.X_OK); } catch { problems.push(`${m.path} not executable in the package`); }
const list = firefox ? m.allowed_extensions : m.allowed_origins;
if (!Array.isArray(list) || list.length === 0) problems.push("no allowed ids");
else if (!firefox && !list.every((o) => /^chrome-extension:\/\/[a-p]{32}\/$/.test(o))) problems.push(`origins ${list}`);
else if (!firefox && !list.includes("chrome-extension://mhedandambbmemhakpeljdpoklmmikid/")) problems.push("not Parasol's id");
else if (firefox && !list.includes("parasol@parasol.invalid")) problems.push("not Parasol's gecko id");
if (problems.length) { console.error(`${file}: ${problems.join("; ")}`); process.exit(1); }
JS
done

# Both binaries run from where the package put them and say the one version.
for b in parasol parasol-host; do
  out=$("$root/usr/bin/$b" --version 2>&1) || fail "$b --version failed: $out"
  [[ $out == *"$version"* ]] || fail "$b --version says '$out', not $version"
done
zcat "$root/usr/share/man/man1/parasol.1.gz" | grep -q '^\.SS parasol doctor' \
  || fail "the manual has no section for parasol doctor"

# Purged, it leaves nothing of its own behind.
dpkg --root="$root" --force-depends --force-script-chrootless -P parasol >>"$scratch/dpkg.log" 2>&1 \
  || fail "dpkg -P failed"
left=$(find "$root" -type f -not -path "$root/var/lib/dpkg/*" -not -path "$root/var/log/*")
[[ -z $left ]] || fail "left after purge: $left"

if ((failures > 0)); then
  echo "check-deb: $failures problem(s) in $(basename "$deb")" >&2
  exit 1
fi
echo "check-deb: $(basename "$deb") ok: $(wc -l <"$scratch/contents") files, Depends: $depends"
