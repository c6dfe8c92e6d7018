#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests and the graph benchmark (playwright-core drives it; no browser download).
set -euo pipefail
command -v chromium >/dev/null 2>&1 || (apt-get update && apt-get install -y chromium)
chromium --version
