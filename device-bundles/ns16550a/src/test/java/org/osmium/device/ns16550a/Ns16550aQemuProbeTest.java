package org.osmium.device.ns16550a;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.osmium.api.device.MmioHandler;
import org.osmium.testkit.TestDeviceContext;

/**
 * Replays a bare-metal probe that was run on {@code qemu-system-riscv64 -M virt} (QEMU 7.2): it reads the registers
 * after reset, loopback modem lines, IIR with FIFO and THRI, loopback receive and overrun, trigger level and
 * timeout, printing each value through the UART. The output must be QEMU's, byte for byte. The guest source is
 * {@code src/test/guest/uart-probe.c}.
 */
class Ns16550aQemuProbeTest {
    private static final String QEMU_OUTPUT = "IER=00 IIR=01 LCR=00 MCR=08 LSR=60 MSR=b0 SCR=00 DLL=0c DLM=00 MSRloop1f=f0"
            + " MSRloop10=00 IIRfifo=c1 IIRthri=c2 IIRafter=c2 LSRloop=61 RBR=61 RBR2=62 LSR2=60 LSRovf=63 LSRovf2=61 last=70"
            + " LSRend=60 IIR3=c1 IIR4=c4 IIRlater=cc rd=78 IIRrd=c1 \n";

    private final TestDeviceContext context = new TestDeviceContext("uart0");
    private final Ns16550a uart = new Ns16550a(context.chardev("chardev"), context.output("irq"), context.clock(), 3_686_400);
    private final MmioHandler u = uart.regions().get(0).mmio();

    private int in(int offset) {
        return (int) u.read(offset, 1);
    }

    private void out(int offset, int value) {
        u.write(offset, 1, value);
    }

    private void print(char c) {
        assertEquals(0x20, in(5) & 0x20, "the guest polls LSR.THRE, which must pass at once");
        out(0, c);
    }

    private void hex(String name, int value) {
        for (char c : name.toCharArray()) {
            print(c);
        }
        print('=');
        print(Character.forDigit(value >> 4 & 15, 16));
        print(Character.forDigit(value & 15, 16));
        print(' ');
    }

    @Test
    void probePrintsWhatQemuPrinted() {
        int ier = in(1), iir = in(2), lcr = in(3), mcr = in(4), lsr = in(5), msr = in(6), scr = in(7);
        out(3, 0x80);
        int dll = in(0), dlm = in(1);
        out(3, 0);
        hex("IER", ier); hex("IIR", iir); hex("LCR", lcr); hex("MCR", mcr); hex("LSR", lsr); hex("MSR", msr);
        hex("SCR", scr); hex("DLL", dll); hex("DLM", dlm);
        out(4, 0x1f);
        int loop1f = in(6);
        out(4, 0x10);
        int loop10 = in(6);
        out(4, 0x08);
        hex("MSRloop1f", loop1f); hex("MSRloop10", loop10);
        out(2, 0x01);
        hex("IIRfifo", in(2));
        out(1, 0x02);
        hex("IIRthri", in(2));
        hex("IIRafter", in(2));
        out(1, 0);

        out(4, 0x18);
        out(0, 'a');
        out(0, 'b');
        int a1 = in(5), a2 = in(0), a3 = in(0), a4 = in(5);
        out(2, 0x01);
        for (int i = 0; i < 17; i++) {
            out(0, 'a' + i);
        }
        int b1 = in(5), b2 = in(5), b3 = 0;
        for (int i = 0; i < 16; i++) {
            b3 = in(0);
        }
        int b4 = in(5);
        out(2, 0x41);
        out(1, 0x01);
        out(0, 'x');
        out(0, 'y');
        out(0, 'z');
        int c1 = in(2);
        out(0, 'w');
        int c2 = in(2);
        context.clock().advance(10_000_000);
        int c3 = in(2), c4 = in(0), c5 = in(2);
        out(1, 0);
        out(2, 0);
        out(4, 0x08);
        hex("LSRloop", a1); hex("RBR", a2); hex("RBR2", a3); hex("LSR2", a4); hex("LSRovf", b1); hex("LSRovf2", b2);
        hex("last", b3); hex("LSRend", b4); hex("IIR3", c1); hex("IIR4", c2); hex("IIRlater", c3); hex("rd", c4); hex("IIRrd", c5);
        print('\n');

        assertEquals(QEMU_OUTPUT, context.chardev("chardev").written());
    }
}
