#!/usr/bin/env bash
# Starts a throw-away single-node Ceph cluster with a RADOS Gateway, for the tests that need a real S3 gateway
# (storage-s3: bucket policies, tagging and lifecycle rules, which S3Proxy rejects; mesh-spark: Delta over S3A).
# The testkit's CephRgw copies this script out of its jar and runs it.
#
#   start-rgw.sh <dir> <port>
#
# Everything lives under <dir> (config, monitor and OSD data, logs, pid files); the OSD keeps its objects
# in memory (memstore). Authentication between daemons is off; S3 users are made with radosgw-admin.
# Prints "ready" once the gateway answers on 127.0.0.1:<port>. Stop it with stop-rgw.sh <dir>.
set -euo pipefail
dir=$1
port=$2
for tool in ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool (apt-get install ceph-mon ceph-osd radosgw ceph-common)" >&2; exit 3; }
done
mkdir -p "$dir"/{mon,osd,run,log}
fsid=$(cat /proc/sys/kernel/random/uuid)
conf="$dir/ceph.conf"
cat > "$conf" <<CONF
[global]
fsid = $fsid
mon host = 127.0.0.1:$((port + 1))
auth cluster required = none
auth service required = none
auth client required = none
osd objectstore = memstore
memstore device bytes = 1073741824
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
run dir = $dir/run
log file = $dir/log/\$name.log
pid file = $dir/run/\$name.pid
admin socket = $dir/run/\$name.asok
mon data = $dir/mon/\$cluster-\$id
osd data = $dir/osd/\$cluster-\$id
keyring = /dev/null
ms bind ipv6 = false
# auth none supports only crc connection modes; radosgw would ask for secure mode and never connect
ms cluster mode = crc
ms service mode = crc
ms client mode = crc
ms mon cluster mode = crc
ms mon service mode = crc
ms mon client mode = crc
client mount timeout = 30
rados mon op timeout = 30
[mon]
# a proposal every 50 ms instead of every second: pools are created in about 1.5 s, not 12 s
paxos propose interval = 0.05
mon data avail crit = 1
mon data avail warn = 2
[client.rgw.test]
rgw frontends = beast endpoint=127.0.0.1:$port
rgw dns name = localhost
rgw enable usage log = false
# the operations log, one JSON line per request, for the usage collector's tests (CephRgw.opsLog())
rgw enable ops log = true
rgw ops log rados = false
rgw ops log file path = $dir/log/ops.log
rgw lc debug interval = 10
CONF
export CEPH_CONF="$conf"
monmaptool --create --clobber --fsid "$fsid" --addv a "[v2:127.0.0.1:$((port + 1))]" "$dir/monmap" >/dev/null
ceph-mon --mkfs -i a --monmap "$dir/monmap" -c "$conf" >/dev/null 2>&1
ceph-mon -i a -c "$conf" >/dev/null 2>&1
osd=$(ceph -c "$conf" osd create 2>/dev/null)
mkdir -p "$dir/osd/ceph-$osd"
ceph-osd -i "$osd" --mkfs -c "$conf" >/dev/null 2>&1
ceph-osd -i "$osd" -c "$conf" >/dev/null 2>&1
radosgw -n client.rgw.test -c "$conf" >/dev/null 2>&1
for _ in $(seq 1 120); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then echo ready; exit 0; fi
  sleep 0.5
done
echo "the gateway did not answer on 127.0.0.1:$port within 60 s; see $dir/log" >&2
exit 4
