#!/bin/sh
# One PostgreSQL backup: a custom-format pg_dump (compressed, restorable table by table) named by
# the UTC time, then backups older than RETENTION_DAYS are removed. Run every 6 hours (the
# Kubernetes CronJob, the compose "backup" service, or cron).
#
#   DATABASE_URL    the database to back up (postgresql://user:password@host:5432/name)
#   BACKUP_DIR      where the dumps go (default /backups)
#   RETENTION_DAYS  how long dumps are kept (default 30)
#   PG_BIN          folder of pg_dump, when it is not on PATH (it must be PostgreSQL 16 or newer)
set -eu

: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
BACKUP_DIR="${BACKUP_DIR:-/backups}"
RETENTION_DAYS="${RETENTION_DAYS:-30}"
PG_DUMP="${PG_BIN:+$PG_BIN/}pg_dump"

mkdir -p "$BACKUP_DIR"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$BACKUP_DIR/vibeintelligence-$stamp.dump"
# Written under a temporary name and renamed once complete: a half-written dump never looks
# like a backup, and the retention below never counts one.
"$PG_DUMP" --format=custom --compress=6 --no-owner --no-privileges \
    --file="$target.partial" "$DATABASE_URL"
mv "$target.partial" "$target"
echo "backup written: $target ($(wc -c < "$target") bytes)"

find "$BACKUP_DIR" -maxdepth 1 -name 'vibeintelligence-*.dump' -type f \
    -mtime "+$RETENTION_DAYS" -print -delete
