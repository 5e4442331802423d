#!/usr/bin/env bash
# Stops the daemons start-rgw.sh started under <dir> (by their pid files) and removes <dir>.
dir=$1
for pidfile in "$dir"/run/*.pid; do
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
done
sleep 1
for pidfile in "$dir"/run/*.pid; do
  [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null
done
rm -rf "$dir"
exit 0
