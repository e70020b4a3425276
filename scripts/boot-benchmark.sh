#!/usr/bin/env bash
# Prints the time from start to U-Boot's "=> " prompt (Debian's OpenSBI fw_jump + S-mode U-Boot on the virt board)
# on Osmium, on Osmium with the JVM's quick compiler only (OSMIUM_JAVA_OPTIONS=-XX:TieredStopAtLevel=1) and on
# qemu-system-riscv64, side by side, and the time to the firmware's first output (start-up). A key is sent as soon as
# U-Boot offers to stop autoboot, so that the time is the emulation's, not the countdown's. The timing is done by
# BootBenchmark.java, which reads each emulator's output as it arrives and lets the emulators take turns.
#   scripts/boot-benchmark.sh [RUNS]        RUNS per emulator (default 5); best and median are printed
# Environment: OSMIUM (default: ./osmium of this repository), MEMORY (default 256M), SMP (default 1),
#              TIMEOUT seconds per run (default 120).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/bin/find-jdk.sh"
runs=${1:-5}
osmium=${OSMIUM:-$root/osmium}
memory=${MEMORY:-256M}
smp=${SMP:-1}
limit=${TIMEOUT:-120}
bios=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin
kernel=/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf
for file in "$bios" "$kernel"; do
    [ -f "$file" ] || { echo "boot-benchmark: $file is missing (apt-get install opensbi u-boot-qemu)" >&2; exit 1; }
done
command -v qemu-system-riscv64 >/dev/null || { echo "boot-benchmark: qemu-system-riscv64 is missing (apt-get install qemu-system-misc)" >&2; exit 1; }
"$osmium" --version >/dev/null # builds Osmium and its ahead-of-time cache first, if needed, outside the timing
machine=(-M virt -m "$memory" -smp "$smp" -nographic -bios "$bios" -kernel "$kernel")
echo "time to U-Boot's prompt (-m $memory -smp $smp, $runs runs each, seconds, autoboot stopped by a key)"
# Compiled first, and run with one small JIT thread, so that the harness takes no CPU from the emulators.
classes="$root/target/boot-benchmark"
mkdir -p "$classes"
"$JAVA_HOME/bin/javac" -d "$classes" "$root/scripts/BootBenchmark.java"
exec "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -cp "$classes" BootBenchmark \
    "$runs" "$limit" -- @osmium "$osmium" "${machine[@]}" \
    -- @osmium-quick env OSMIUM_JAVA_OPTIONS=-XX:TieredStopAtLevel=1 "$osmium" "${machine[@]}" \
    -- @qemu qemu-system-riscv64 "${machine[@]}"
