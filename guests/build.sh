#!/bin/sh
# Builds every guest program in guests/src/ (*.c, *.S) into guests/target/NAME.elf, linked at 0x80000000.
# Idempotent: a program is rebuilt only when its source or the common runtime is newer than its ELF.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
CC=${CC:-riscv64-unknown-elf-gcc}
if ! command -v "$CC" >/dev/null 2>&1; then
    echo "guests/build.sh: cross compiler '$CC' not found; install it with: apt-get install gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf" >&2
    exit 1
fi
out="$here/target"
mkdir -p "$out"
common="$here/src/common"
flags="-march=rv64gc -mabi=lp64d -mcmodel=medany -O2 -g -ffreestanding -fno-builtin -nostdlib -nostartfiles -static -Wl,--no-warn-rwx-segments -Wall -Werror -I$common -T $common/link.ld"
newest_common=$(ls -t "$common"/* | head -n 1)
for source in "$here"/src/*.c "$here"/src/*.S; do
    [ -e "$source" ] || continue
    name=$(basename "$source"); name=${name%.*}
    elf="$out/$name.elf"
    if [ -e "$elf" ] && [ "$elf" -nt "$source" ] && [ "$elf" -nt "$newest_common" ]; then
        continue
    fi
    echo "guests: building $name.elf"
    if ! $CC $flags -o "$elf.tmp" "$common/start.S" "$common/lib.c" "$source" -lgcc; then
        rm -f "$elf.tmp"
        echo "guests/build.sh: compiling $source failed" >&2
        exit 1
    fi
    mv "$elf.tmp" "$elf"
done
