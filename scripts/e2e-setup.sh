#!/usr/bin/env bash
# Installs code-server (VS Code served to a browser) and Chromium into a cache folder for the e2e tests; idempotent and fast once cached.
# Why this recipe: @vscode/test-electron cannot download VS Code here, but code-server comes from the npm registry.
# Its native modules are built against this machine's Node (npm's nodedir points at Node's own headers).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${ZTN_E2E_CACHE:-$ROOT/.e2e-cache}"
CODE_SERVER_VERSION="4.100.3"
CS="$CACHE/node_modules/code-server"
READY="$CACHE/.ready-code-server-$CODE_SERVER_VERSION"

log() { echo "[e2e-setup] $*"; }

if [[ -f "$READY" && -x /usr/bin/chromium ]]; then
  log "code-server $CODE_SERVER_VERSION ready in $CS"
  exit 0
fi

# System packages: headers the native modules compile against, ripgrep for search, chromium to drive the UI.
APT_PACKAGES=(build-essential python3 libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev ripgrep chromium)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

mkdir -p "$CACHE"
if [[ ! -f "$CS/out/node/entry.js" ]]; then
  log "installing code-server@$CODE_SERVER_VERSION from npm (scripts off)"
  [[ -f "$CACHE/package.json" ]] || echo '{"name":"ztn-e2e-cache","private":true}' > "$CACHE/package.json"
  (cd "$CACHE" && npm install --no-save --no-package-lock --ignore-scripts "code-server@$CODE_SERVER_VERSION")
fi

VSCODE="$CS/lib/vscode"
if [[ ! -d "$VSCODE/node_modules/@vscode/ripgrep" ]]; then
  log "installing VS Code server dependencies"
  (cd "$VSCODE" && npm install --omit=dev --ignore-scripts --no-audit --no-fund)
fi

mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
cp -f "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"

NODE_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
[[ -f "$NODE_GYP" ]] || NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
NODEDIR="$(npm config get nodedir 2>/dev/null || true)"
GYP_ARGS=()
[[ -n "$NODEDIR" && "$NODEDIR" != "undefined" && -d "$NODEDIR/include/node" ]] && GYP_ARGS+=("--nodedir=$NODEDIR")

for mod in node-pty kerberos @vscode/spdlog native-watchdog @parcel/watcher @vscode/deviceid; do
  dir="$VSCODE/node_modules/$mod"
  [[ -d "$dir" ]] || { log "skip $mod (not a dependency of this code-server)"; continue; }
  if [[ -n "$(find "$dir/build/Release" -maxdepth 1 -name '*.node' 2>/dev/null | head -1)" ]]; then
    continue
  fi
  log "building native module $mod"
  (cd "$dir" && node "$NODE_GYP" rebuild "${GYP_ARGS[@]}" >"$CACHE/build-${mod//\//_}.log" 2>&1) \
    || { log "building $mod failed, see $CACHE/build-${mod//\//_}.log"; tail -20 "$CACHE/build-${mod//\//_}.log"; exit 1; }
done

# npm may hoist argon2 next to code-server instead of inside it: rebuild it where it resolves from.
ARGON2="$(cd "$CS" && node -p "require('node:path').dirname(require.resolve('argon2/package.json'))")"
if [[ -z "$(find "$ARGON2" -name '*.node' 2>/dev/null | head -1)" ]]; then
  log "rebuilding argon2 in $ARGON2"
  (cd "$ARGON2/../.." && npm rebuild argon2)
fi

[[ -e "$VSCODE/node_modules.asar" ]] || ln -s node_modules "$VSCODE/node_modules.asar"

touch "$READY"
log "code-server $CODE_SERVER_VERSION ready in $CS"
