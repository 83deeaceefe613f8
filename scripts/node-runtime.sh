#!/usr/bin/env bash
# Sourced by .ci/run (and usable by hand): `use_node MAJOR` puts a Node.js of that major version first
# on PATH — the machine's own when it is that version, else the official binary from the npm registry
# (package node-linux-<arch>@MAJOR: the release's bin/node and its C headers, no install script),
# installed once into $TOUYAN_NODE_HOME/<MAJOR> (default /opt/touyan-node). The headers are what
# node-gyp builds native modules against (better-sqlite3): with no internet beyond the npm registry
# the prebuilt downloads fail and the module is compiled from source (npm_config_nodedir).
# `native_rebuild` then rebuilds better-sqlite3 for the Node.js on PATH (its ABI changes per major).

TOUYAN_NODE_HOME="${TOUYAN_NODE_HOME:-/opt/touyan-node}"
SYSTEM_PATH="${SYSTEM_PATH:-$PATH}"

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none; }

use_node() {
  local major="$1"
  export PATH="$SYSTEM_PATH"
  unset npm_config_nodedir
  if [ "$(node_major)" = "$major" ]; then
    echo "Node.js $(node --version) (the machine's own)"
    return 0
  fi
  local arch pkg dir
  arch="$(uname -m)"
  case "$arch" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
  esac
  pkg="node-linux-$arch"
  dir="$TOUYAN_NODE_HOME/$major/node_modules/$pkg"
  if [ "$(node_major "$dir/bin/node")" != "$major" ] || [ ! -f "$dir/include/node/node.h" ]; then
    echo "installing Node.js $major from the npm registry ($pkg@$major into $TOUYAN_NODE_HOME/$major)"
    mkdir -p "$TOUYAN_NODE_HOME/$major"
    if ! npm install --prefix "$TOUYAN_NODE_HOME/$major" --no-save --no-audit --no-fund --no-package-lock \
      "$pkg@$major" >"$TOUYAN_NODE_HOME/$major/install.log" 2>&1; then
      cat "$TOUYAN_NODE_HOME/$major/install.log" >&2
      echo "ERROR: Node.js $major could not be installed: npm install $pkg@$major failed (log above)." >&2
      echo "       The project's runtime is Node.js 22; install it (e.g. from the npm registry's $pkg package) and re-run." >&2
      return 1
    fi
    if [ "$(node_major "$dir/bin/node")" != "$major" ] || [ ! -f "$dir/include/node/node.h" ]; then
      echo "ERROR: $pkg@$major installed, but $dir has no working Node.js $major binary and headers." >&2
      return 1
    fi
  fi
  export PATH="$dir/bin:$SYSTEM_PATH"
  export npm_config_nodedir="$dir"
  echo "Node.js $(node --version) ($dir)"
}

native_rebuild() {
  local t0=$SECONDS
  if node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null; then
    echo "better-sqlite3 already built for Node.js $(node --version)"
    return 0
  fi
  # prebuild-install finds no prebuilt binary offline; node-gyp then compiles against the headers.
  npm rebuild better-sqlite3 --foreground-scripts >/tmp/touyan-native-rebuild.log 2>&1 || {
    tail -40 /tmp/touyan-native-rebuild.log >&2
    echo "ERROR: better-sqlite3 could not be built for Node.js $(node --version) (needs make, g++, python3)." >&2
    return 1
  }
  node -e "new (require('better-sqlite3'))(':memory:').close()"
  echo "better-sqlite3 built for Node.js $(node --version) in $((SECONDS - t0)) s"
}
