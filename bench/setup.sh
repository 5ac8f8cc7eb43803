#!/usr/bin/env bash
# Installs what the benchmark compares against, from Debian's packages, when missing: nginx (backend and
# reverse proxy), HAProxy, wrk and h2load (nghttp2-client, the HTTP/2 load generator). Needs root (or sudo) the first time.
set -euo pipefail
missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v h2load >/dev/null 2>&1 || missing+=(nghttp2-client)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Debian starts a system nginx on install; the benchmark runs its own instances on loopback ports.
if command -v service >/dev/null 2>&1; then service nginx stop >/dev/null 2>&1 || true; fi
echo "nginx: $(/usr/sbin/nginx -v 2>&1 | sed 's/.*\///')  haproxy: $(/usr/sbin/haproxy -v | head -1 | awk '{print $3}')  wrk: $(wrk -v 2>&1 | head -1 | awk '{print $2}')  h2load: $(h2load --version 2>&1 | head -1 | awk '{print $2}')"
