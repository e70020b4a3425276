#!/usr/bin/env bash
# Times a guest that makes ITERATIONS ecalls from U-mode with Sv39 paging on (scripts/syscall-benchmark.S), on Osmium
# and on qemu-system-riscv64, against the same guest making none: the difference is the time of the ecalls and the
# TLB refills after each privilege change. Prints seconds per emulator and ecalls per second.
#   scripts/syscall-benchmark.sh [ITERATIONS]      (default 3000000)
# Environment: OSMIUM (default: ./osmium of this repository).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
iterations=${1:-3000000}
osmium=${OSMIUM:-$root/osmium}
for tool in riscv64-unknown-elf-gcc riscv64-unknown-elf-objcopy qemu-system-riscv64; do
    command -v "$tool" >/dev/null || { echo "syscall-benchmark: $tool is missing (apt-get install gcc-riscv64-unknown-elf qemu-system-misc)" >&2; exit 1; }
done
out="$root/target/syscall-benchmark"
mkdir -p "$out"
for count in 0 "$iterations"; do
    riscv64-unknown-elf-gcc -march=rv64gc -mabi=lp64d -nostdlib -nostartfiles -Wl,-Ttext=0x80000000 -DITERATIONS="$count" \
        -o "$out/syscalls-$count.elf" "$root/scripts/syscall-benchmark.S"
    riscv64-unknown-elf-objcopy -O binary "$out/syscalls-$count.elf" "$out/syscalls-$count.bin"
done
"$osmium" --version >/dev/null # builds Osmium and its ahead-of-time cache first, if needed, outside the timing
milliseconds() { # the wall time of one boot of the guest with $2 ecalls on emulator $1
    local start end
    start=$(date +%s%N)
    "$1" -M virt -m 128M -nographic -bios none -kernel "$out/syscalls-$2.bin" >/dev/null </dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
echo "$iterations ecalls from U-mode with Sv39 paging (wall time of the run with them, and without)"
for emulator in "$osmium" qemu-system-riscv64; do
    with=$(milliseconds "$emulator" "$iterations") without=$(milliseconds "$emulator" 0)
    awk -v name="$(basename "$emulator")" -v with="$with" -v without="$without" -v n="$iterations" 'BEGIN {
        loop = (with - without) / 1000; printf "%-22s %6.2f s with, %6.2f s without: %.1f million ecalls per second\n",
            name, with / 1000, without / 1000, (loop > 0 ? n / loop / 1e6 : 0) }'
done
