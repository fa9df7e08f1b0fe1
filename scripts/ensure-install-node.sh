#!/usr/bin/env bash
# Prints the directory of a Node.js that can run `npm ci` here, when the one on PATH cannot
# (package.json "engines": dev tools need Node 22.13+, 24 or 26+; a CI image may still have
# Node 20): the Node the lockfile pins for the scripts (the node@24 package), installed once into
# a cache outside the clone, from the same registry as everything else. Prints nothing when the
# Node on PATH already has that major version. .ci/run puts the printed directory first on PATH.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
want="$(node -p "require('$root/package-lock.json').packages['node_modules/node'].version")"
major="${want%%.*}"
[[ "$(node -p 'process.versions.node.split(".")[0]')" == "$major" ]] && exit 0

cache="${XDG_CACHE_HOME:-$HOME/.cache}/isc-oauth-janitor/node-$want"
if ! "$cache/node_modules/.bin/node" -e '' 2>/dev/null; then
  echo "Node $(node --version) cannot run npm ci without warnings (see \"engines\" in package.json);" >&2
  echo "installing Node $want, the node@$major package the lockfile pins, into $cache" >&2
  rm -rf "$cache"
  mkdir -p "$cache"
  # The node package's preinstall fetches the platform's binary: allowed by name, as in package.json.
  printf '{"private":true,"dependencies":{"node":"%s"},"allowScripts":{"node":true}}\n' "$want" >"$cache/package.json"
  (cd "$cache" && npm install --no-audit --no-fund --loglevel=error >&2)
fi
echo "$cache/node_modules/.bin"
