#!/usr/bin/env bash
# Debian packages the full test suite needs: a Docker engine (dockerd + BuildKit), busybox-static
# for offline base images, Chromium for driving VS Code (code-server), Neovim (the second editor
# the language server is tested in), and the build tools code-server's native modules compile with.
# Installs only what is missing. Debian's docker.io is skipped where another Docker engine is
# already there (Docker CE's docker-ce / moby-engine, or any working dockerd): they conflict.
set -euo pipefail
packages=(busybox-static podman buildah chromium neovim libkrb5-dev g++ make python3 git)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

have_docker_engine() {
  installed docker.io || installed docker-ce || installed moby-engine && return 0
  command -v dockerd >/dev/null 2>&1 && dockerd --version >/dev/null 2>&1
}

missing=()
have_docker_engine || missing+=(docker.io)
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
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
