#!/bin/sh
set -e
mkdir -p /tmp/thumbs
exec "$@"
