#!/bin/bash
# rgw.sh start|stop: a throwaway S3 server for the end-to-end tests: Ceph's
# radosgw from Debian as a single-node cluster (one monitor, one OSD keeping
# its data in memory, one gateway), bound to 127.0.0.1, no mgr, auth off.
# Everything lives under $RGW_DIR (required); nothing touches /etc/ceph.
#
#   RGW_DIR=DIR MON_PORT=P1 RGW_PORT=P2 rgw.sh start   # S3 on http://127.0.0.1:$RGW_PORT
#   RGW_DIR=DIR rgw.sh stop                             # stops only the PIDs start recorded
#
# Keys: $S3_ACCESS_KEY / $S3_SECRET_KEY (defaults below); region us-east-1;
# path-style URLs. Settings that matter: ms_mon_client_mode = crc (radosgw
# hangs with auth off otherwise); paxos_propose_interval = 0.05 (ready in
# about 2 s instead of 12); short PG logs (OSD memory under many PUTs).
set -euo pipefail
BASE=${RGW_DIR:?set RGW_DIR to a work directory}
D=$BASE/data
CONF=$BASE/ceph.conf
PIDS=$BASE/pids
MON_PORT=${MON_PORT:-3300} # msgr2 only
RGW_PORT=${RGW_PORT:-7480}
MEM_BYTES=${MEMSTORE_BYTES:-1073741824} # memstore capacity (RAM used only as filled)
AK=${S3_ACCESS_KEY:-TESTACCESSKEY0000001}
SK=${S3_SECRET_KEY:-testsecretkey00000000000000000000000001}
TIMEOUT=${START_TIMEOUT:-120} # per wait step, seconds: generous, a loaded machine is slow
die() { echo "rgw.sh: $*" >&2; exit 1; }

# running PID: exists and is not a zombie (daemons are reparented to init, which may reap late)
running() { local st; st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) && [ "$st" != Z ]; }

# Stop in reverse start order (rgw, osd, mon: the OSD waits for the mon to
# acknowledge its shutdown). SIGKILL by default: the data is throwaway.
stop() {
	[ -f "$PIDS" ] || return 0
	tac "$PIDS" | while read -r name pid; do
		# only the process we started (guards against PID reuse)
		case "$(cat "/proc/$pid/comm" 2>/dev/null)" in ceph-mon | ceph-osd | radosgw) ;; *) continue ;; esac
		kill -"${STOP_SIGNAL:-KILL}" "$pid" 2>/dev/null || true
		local end=$((SECONDS + 20))
		while running "$pid" && [ $SECONDS -lt $end ]; do sleep 0.05; done
		running "$pid" && kill -KILL "$pid" 2>/dev/null || true
	done
	rm -f "$PIDS"
}

waitfor() { # waitfor WHAT CMD...: retry CMD every 0.2 s up to $TIMEOUT s, failing fast if a daemon died
	local what=$1
	shift
	local end=$((SECONDS + TIMEOUT))
	until "$@" >/dev/null 2>&1; do
		while read -r n p; do
			running "$p" || { tail -n 5 "$D/log/$n.out" "$D/log/"*"$n.log" >&2 || true; die "$n (pid $p) exited"; }
		done <"$PIDS"
		[ $SECONDS -lt $end ] || { tail -n 5 "$D"/log/*.log >&2 || true; die "timed out waiting for $what; logs in $D/log"; }
		sleep 0.2
	done
}

spawn() { # spawn NAME CMD...: run in the background, record its PID
	local n=$1
	shift
	"$@" </dev/null >"$D/log/$n.out" 2>&1 &
	echo "$n $!" >>"$PIDS"
	disown $!
}

start() {
	[ -s "$PIDS" ] && die "$PIDS exists; run rgw.sh stop first"
	for p in $MON_PORT $RGW_PORT; do # a stale daemon on these ports would fool the checks
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && die "port $p already in use"
	done
	trap 'rc=$?; [ $rc -eq 0 ] || stop' EXIT # a failed start leaves nothing running
	rm -rf "$D"
	mkdir -p "$D"/{mon.a,osd.0,rgw,run,log,crash}
	local fsid osd_uuid
	fsid=$(cat /proc/sys/kernel/random/uuid)
	cat >"$CONF" <<CONF
[global]
fsid = $fsid
mon_host = [v2:127.0.0.1:$MON_PORT]
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
ms_bind_msgr1 = false
ms_bind_ipv6 = false
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
keyring = $D/keyring
run_dir = $D/run
crash_dir = $D/crash
log_file = $D/log/\$name.log
mon_cluster_log_file = default=$D/log/\$channel.log cluster=$D/log/cluster.log
mon_data = $D/\$name
osd_data = $D/\$name
rgw_data = $D/rgw
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
osd_crush_chooseleaf_type = 0
mon_allow_pool_size_one = true
mon_allow_pool_delete = true
mon_warn_on_pool_no_redundancy = false
mon_warn_on_insecure_global_id_reclaim_allowed = false
mon_data_avail_warn = 2
mon_data_avail_crit = 1
paxos_propose_interval = 0.05
paxos_min_wait = 0.01
[osd]
osd_objectstore = memstore
memstore_device_bytes = $MEM_BYTES
osd_op_num_shards = 2
osd_op_num_threads_per_shard = 1
osd_min_pg_log_entries = 10
osd_max_pg_log_entries = 10
osd_pg_log_dups_tracked = 10
osd_pg_log_trim_min = 10
[client.rgw.a]
rgw_frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw_thread_pool_size = 32
ms_mon_client_mode = crc
CONF
	local C="-c $CONF"
	: >"$PIDS"
	monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$MON_PORT]" "$D/monmap" >/dev/null
	ceph-mon $C -i a --mkfs --monmap "$D/monmap"
	spawn mon.a ceph-mon $C -i a -f
	waitfor "the monitor" timeout 10 ceph $C mon stat
	osd_uuid=$(cat /proc/sys/kernel/random/uuid)
	ceph-osd $C -i 0 --mkfs --osd-uuid "$osd_uuid" >"$D/log/osd.0.mkfs" 2>&1
	ceph $C osd new "$osd_uuid" 0 >/dev/null
	spawn osd.0 ceph-osd $C -i 0 -f
	osd_up() { timeout 10 ceph $C osd stat -f json | grep -q '"num_up_osds":1'; }
	waitfor "osd.0 up" osd_up
	spawn rgw.a radosgw $C -n client.rgw.a -f
	waitfor "radosgw on :$RGW_PORT" curl -sf -o /dev/null "http://127.0.0.1:$RGW_PORT/"
	radosgw-admin $C user create --uid=test --display-name="folio test" \
		--access-key="$AK" --secret-key="$SK" >"$D/log/user-create.json"
}

case ${1:-} in
start) start ;;
stop) stop ;;
*) die "usage: rgw.sh start|stop" ;;
esac
