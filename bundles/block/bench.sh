#!/bin/sh
# Runs qemu-img bench and Osmium's img bench on the same request streams (4 KiB sequential and strided, reads and
# writes, qemu-img bench's defaults otherwise: writeback cache, queue depth 64) and prints both throughputs and the
# ratio Osmium/QEMU, each the best of REPEAT runs (default 3) on fresh images. Needs `mvn -f bundles/block/pom.xml install` first. Images go to bundles/block/target/bench/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
dir=$here/target/bench
count=${COUNT:-75000}
repeat=${REPEAT:-3}
mkdir -p "$dir"
img() { "$java" --enable-native-access=ALL-UNNAMED -cp "$here/target/classes" org.osmium.block.tool.ImgTool "$@"; }
seconds() { sed -n 's/^Run completed in \([0-9.]*\) seconds\./\1/p'; }
printf '%-28s %12s %12s %7s\n' "case" "qemu MB/s" "osmium MB/s" "ratio"
for case in "sequential-write:-w" "strided-write:-w -S 8192" "sequential-read:" "strided-read:-S 8192"; do
    name=${case%%:*}
    opts=${case#*:}
    q=999
    o=999
    for run in $(seq "$repeat"); do
        for tool in qemu osmium; do
            rm -f "$dir/$tool.qcow2"
            qemu-img create -q -f qcow2 "$dir/$tool.qcow2" 2G
            case $name in *read) qemu-img bench -w -c $((count * 2)) --pattern=7 "$dir/$tool.qcow2" >/dev/null ;; esac
        done
        q=$(printf '%s\n%s\n' "$q" "$(qemu-img bench $opts -c "$count" "$dir/qemu.qcow2" | seconds)" | sort -g | head -1)
        o=$(printf '%s\n%s\n' "$o" "$(img bench $opts -c "$count" "$dir/osmium.qcow2" | seconds)" | sort -g | head -1)
    done
    awk -v n="$name" -v q="$q" -v o="$o" -v c="$count" 'BEGIN {
        mq = c * 4096 / q / 1e6; mo = c * 4096 / o / 1e6;
        printf "%-28s %12.1f %12.1f %6.2fx\n", n, mq, mo, mo / mq }'
done
rm -f "$dir/qemu.qcow2" "$dir/osmium.qcow2"
