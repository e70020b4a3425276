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
              -bios none          no firmware: the kernel runs in M-mode from RAM
              -kernel FILE        ELF (entry point from the file) or raw image (at the RAM base)
              -serial DEV         stdio, mon:stdio, null, file:PATH, tcp:HOST:PORT,server,nowait
              -nographic          serial on stdio (Ctrl-A x quits)
              -display none       accepted
            """;
}
