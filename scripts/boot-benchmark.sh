#!/usr/bin/env bash
# Prints the time from start to U-Boot's "=> " prompt (Debian's OpenSBI fw_jump + S-mode U-Boot on the virt board)
# on Osmium and on qemu-system-riscv64, side by side. A key is sent as soon as U-Boot offers to stop autoboot, so
# that the time is the emulation's, not the countdown's.
#   scripts/boot-benchmark.sh [RUNS]        RUNS per emulator (default 3); best and median are printed
# Environment: OSMIUM (default: ./osmium of this repository), MEMORY (default 256M), SMP (default 1),
#              TIMEOUT seconds per run (default 120).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs=${1:-3}
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
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs one emulator until its output holds U-Boot's prompt; prints the seconds it took, or fails.
time_to_prompt() {
    local log="$work/out" input="$work/in"
    rm -f "$log" "$input"
    mkfifo "$input"
    local start end pid
    start=$(date +%s%N)
    "$@" -M virt -m "$memory" -smp "$smp" -nographic -bios "$bios" -kernel "$kernel" <"$input" >"$log" 2>&1 &
    pid=$!
    exec 3>"$input" # keeps the emulator's stdin open (no end of input) until it is stopped
    local key_sent=
    while ! grep -q '^=> ' "$log" 2>/dev/null; do
        if [ -z "$key_sent" ] && grep -q 'Hit any key to stop autoboot' "$log" 2>/dev/null; then
            printf ' ' >&3
            key_sent=yes
        fi
        if ! kill -0 "$pid" 2>/dev/null || [ $(( ($(date +%s%N) - start) / 1000000000 )) -ge "$limit" ]; then
            exec 3>&-
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
            echo "boot-benchmark: '$1' reached no U-Boot prompt within ${limit} s; its output ends with:" >&2
            tail -n 5 "$log" >&2
            return 1
        fi
        sleep 0.01
    done
    end=$(date +%s%N)
    printf 'poweroff\n' >&3
    exec 3>&-
    sleep 0.5
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    awk -v ns=$((end - start)) 'BEGIN { printf "%.2f\n", ns / 1e9 }'
}

# Prints "best median" of RUNS timings of one emulator.
measure() {
    local times=()
    for _ in $(seq "$runs"); do
        times+=("$(time_to_prompt "$@")")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { printf "%s %s\n", t[1], t[int((NR + 1) / 2)] }'
}

read -r osmium_best osmium_median < <(measure "$osmium")
read -r qemu_best qemu_median < <(measure qemu-system-riscv64)
echo "time to U-Boot's prompt (-m $memory -smp $smp, $runs runs, seconds, autoboot stopped by a key)"
printf '%-22s best %6s  median %6s\n' "osmium" "$osmium_best" "$osmium_median" "qemu-system-riscv64" "$qemu_best" "$qemu_median"
awk -v o="$osmium_median" -v q="$qemu_median" 'BEGIN { printf "osmium / qemu (median): %.2fx\n", o / q }'
