#!/usr/bin/env bash
# Prints the path of a Python interpreter of the given minor version (e.g. 3.10), looking at
# the PATH first and then at pyenv's installed versions. Exits 1 with a message if none.
set -euo pipefail
want="$1"
for candidate in "python$want" "$(command -v pyenv >/dev/null 2>&1 && pyenv root)/versions/$want"*/bin/"python$want" \
                 /usr/bin/"python$want" /usr/local/bin/"python$want"; do
  if [ -n "$candidate" ] && "$candidate" -c "import sys; assert sys.version_info[:2] == tuple(map(int, '$want'.split('.')))" >/dev/null 2>&1; then
    command -v "$candidate" 2>/dev/null || echo "$candidate"
    exit 0
  fi
done
echo "no Python $want found (install it, e.g. with pyenv)" >&2
exit 1
