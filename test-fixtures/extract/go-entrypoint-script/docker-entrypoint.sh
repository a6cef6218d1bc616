#!/bin/bash
set -euo pipefail
: "${SMTP_PORT:=2525}"
: "${SMTP_HOSTNAME:=$(hostname -f)}"
export SMTP_PORT SMTP_HOSTNAME
exec /app/bin/mailer "$@"
