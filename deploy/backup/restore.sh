#!/bin/sh
# Restore a backup made by backup.sh into an EMPTY database (create it first):
#
#   createdb vibeintelligence_restored
#   DATABASE_URL=postgresql://…/vibeintelligence_restored ./restore.sh /backups/vibeintelligence-….dump
#
# --exit-on-error: a restore that fails half-way must not look like a success.
set -eu

: "${DATABASE_URL:?set DATABASE_URL to the (empty) database to restore into}"
dump="${1:?usage: restore.sh BACKUP_FILE}"
PG_RESTORE="${PG_BIN:+$PG_BIN/}pg_restore"

"$PG_RESTORE" --exit-on-error --no-owner --no-privileges --single-transaction \
    --dbname="$DATABASE_URL" "$dump"
echo "restored $dump"
