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
flags="-mabi=lp64d -mcmodel=medany -O2 -g -ffreestanding -fno-builtin -nostdlib -nostartfiles -static -Wl,--no-warn-rwx-segments -Wall -Werror -I$common"

# build SOURCE RUNTIME: links SOURCE with RUNTIME's start.S and link.ld and the common lib.c, unless its ELF is newer
# than all of them. The ISA is rv64gc unless the source names another in a comment "guest-march: ISA".
build() {
    source=$1 runtime=$2
    march=$(sed -n 's/.*guest-march: *\([a-z0-9_]*\).*/\1/p' "$source" | head -n 1)
    name=$(basename "$source"); name=${name%.*}
    elf="$out/$name.elf"
    newest=$(ls -t "$common"/* "$runtime"/start.S "$runtime"/link.ld | head -n 1)
    if [ -e "$elf" ] && [ "$elf" -nt "$source" ] && [ "$elf" -nt "$newest" ]; then
        return 0
    fi
    echo "guests: building $name.elf"
    if ! $CC -march="${march:-rv64gc}" $flags -T "$runtime/link.ld" -o "$elf.tmp" "$runtime/start.S" "$common/lib.c" "$source" -lgcc; then
        rm -f "$elf.tmp"
        echo "guests/build.sh: compiling $source failed" >&2
        exit 1
    fi
    mv "$elf.tmp" "$elf"
}

# M-mode programs at 0x80000000 (-bios none), then S-mode payloads of OpenSBI at 0x80200000 (src/sbi).
for source in "$here"/src/*.c "$here"/src/*.S; do
    if [ -e "$source" ]; then build "$source" "$common"; fi
done
for source in "$here"/src/sbi/*.c; do
    if [ -e "$source" ]; then build "$source" "$here/src/sbi"; fi
done
