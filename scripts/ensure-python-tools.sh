#!/usr/bin/env bash
# Installs the Python test tools pinned in scripts/python-requirements.txt (moto, cfn-lint) into a
# git-ignored .venv. `npm test` (pretest) and .ci/run call it, so a fresh machine needs no step by
# hand. A stamp holds the hash of what was installed: when nothing changed this only compares two
# strings (milliseconds); when the pins or this script change, .venv is rebuilt from scratch so no
# package from an older pin set lingers.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
requirements="$root/scripts/python-requirements.txt"
stamp="$venv/.installed-requirements"
want="$(cat "$requirements" "$0" | sha256sum | cut -d' ' -f1)"

installed() {
  # -x follows the symlink, so a venv whose base interpreter vanished counts as not installed.
  [[ -x "$venv/bin/python" && -x "$venv/bin/moto_server" && -x "$venv/bin/cfn-lint" && -f "$stamp" && "$(<"$stamp")" == "$want" ]]
}
installed && exit 0

missing() {
  echo "python test tools: $1." >&2
  echo "  The tests need Python 3.11 or newer with its venv module, e.g. on Debian/Ubuntu:" >&2
  echo "  apt-get install python3 python3-venv   (then re-run: bash scripts/ensure-python-tools.sh)" >&2
  exit 1
}
command -v python3 >/dev/null || missing "python3 is not on PATH"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || missing "$(python3 --version 2>&1) is too old"
python3 -c 'import venv, ensurepip' 2>/dev/null || missing "the venv module (with ensurepip) is missing from $(python3 --version 2>&1)"

# Two test runs starting at once in one checkout: the second waits, then finds the work done.
if command -v flock >/dev/null; then
  exec 9<"$requirements"
  flock 9
  installed && exit 0
fi

echo "python test tools: installing moto and cfn-lint into .venv (pinned; once per checkout)..." >&2
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
echo "$want" >"$stamp.tmp" && mv "$stamp.tmp" "$stamp"
echo "python test tools: ready in ${SECONDS}s" >&2
