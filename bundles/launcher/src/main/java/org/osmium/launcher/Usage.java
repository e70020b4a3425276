package org.osmium.launcher;

/** The text of {@code ./osmium --help}. */
final class Usage {
    private Usage() {
    }

    static final String TEXT = """
            usage: osmium                        interactive shell (type 'help')
                   osmium --script FILE          run the shell commands of FILE; stops at the first failure
                   osmium img COMMAND ...        the image tool (as qemu-img)
                   osmium [QEMU options]         run a machine, as qemu-system-riscv64
                   osmium --version | --help

            QEMU options:
              -M, -machine NAME   board (default virt); -M help lists the boards
              -m SIZE             RAM size: 128M, 1G, or a number of MiB
              -smp N              harts (1 to 8)
              -bios FILE|none|default
                                  firmware at the RAM base; default is Debian's OpenSBI fw_jump.bin;
                                  none: the kernel itself runs in M-mode from RAM
              -kernel FILE        ELF (its own addresses) or raw image (2 MiB after the firmware, or at the RAM base)
              -initrd FILE        initial RAM disk, placed as QEMU places it
              -append STRING      kernel command line (/chosen/bootargs)
              -dtb FILE           use this device tree instead of the generated one
              -drive file=F,if=virtio[,format=raw|qcow2][,readonly=on]
                                  a virtio-blk disk in the highest free virtio-mmio slot
              -serial DEV         stdio, mon:stdio, null, file:PATH, tcp:HOST:PORT,server,nowait
              -nographic          serial on stdio (Ctrl-A x quits)
              -display none       accepted
            """;
}
