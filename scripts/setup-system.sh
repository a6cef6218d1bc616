#!/usr/bin/env bash
# Debian packages the full test suite needs: a real Docker engine (dockerd 20.10 + BuildKit),
# busybox-static for offline base images, Chromium for driving VS Code (code-server), and the
# build tools code-server's native modules compile with.
set -euo pipefail
packages=(docker.io busybox-static podman buildah chromium libkrb5-dev g++ make python3 git)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all Debian packages present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "setup-system: missing Debian packages: ${missing[*]} (run as root: apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "setup-system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-system: done"
