#!/usr/bin/env bash
# Installs the Debian packages the test suite drives, when missing: chromium (the HTML report's browser test,
# driven by playwright-core, which downloads no browser) and redis-server (the distributed-sweep tests start their
# own server on 127.0.0.1 with a free port; the package's system service is kept from starting). Needs root.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "test-deps: the tests need ${need[*]}; run as root or install them: apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "test-deps: installing ${need[*]} from Debian" >&2
# policy-rc.d exit 101 keeps the packages' services from starting during the install.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made_policy=1; fi
trap '[ "$made_policy" = 1 ] && rm -f "$policy"' EXIT
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
