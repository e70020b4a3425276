/*
 * Bare-metal probe of the ns16550a on QEMU's virt board; Ns16550aQemuProbeTest replays it and expects the same output.
 * Build and run (from device-bundles/ns16550a):
 *   mkdir -p target/guest && riscv64-unknown-elf-gcc -march=rv64gc -mabi=lp64d -mcmodel=medany -O1 -nostdlib \
 *     -ffreestanding -Wl,-Ttext=0x80000000 -Wl,-e,_start src/test/guest/start.S src/test/guest/uart-probe.c \
 *     -o target/guest/uart-probe.elf
 *   qemu-system-riscv64 -M virt -bios none -kernel target/guest/uart-probe.elf -nographic -monitor none
 * It ends through the SiFive test finisher with exit status 7.
 */
#define U ((volatile unsigned char *)0x10000000)
static void putc_(char c) { while (!(U[5] & 0x20)) {} U[0] = c; }
static void hex(const char *n, unsigned v) { const char *d = "0123456789abcdef"; while (*n) putc_(*n++); putc_('='); putc_(d[(v>>4)&15]); putc_(d[v&15]); putc_(' '); }
void main_(void) {
    unsigned ier = U[1], iir = U[2], lcr = U[3], mcr = U[4], lsr = U[5], msr = U[6], scr = U[7];
    U[3] = 0x80; unsigned dll = U[0], dlm = U[1]; U[3] = 0;
    hex("IER", ier); hex("IIR", iir); hex("LCR", lcr); hex("MCR", mcr); hex("LSR", lsr); hex("MSR", msr); hex("SCR", scr); hex("DLL", dll); hex("DLM", dlm);
    U[4] = 0x1f; unsigned lm = U[6]; U[4] = 0x10; unsigned lm2 = U[6]; U[4] = 0x08;
    hex("MSRloop1f", lm); hex("MSRloop10", lm2);
    U[2] = 0x01; hex("IIRfifo", U[2]); U[1] = 0x02; hex("IIRthri", U[2]); hex("IIRafter", U[2]); U[1] = 0;
    U[4] = 0x18; U[0] = 'a'; U[0] = 'b'; unsigned a1 = U[5], a2 = U[0], a3 = U[0], a4 = U[5];
    U[2] = 0x01; for (int i = 0; i < 17; i++) U[0] = 'a' + i; unsigned b1 = U[5], b2 = U[5], b3 = 0; for (int i = 0; i < 16; i++) b3 = U[0]; unsigned b4 = U[5];
    U[2] = 0x41; U[1] = 0x01; U[0] = 'x'; U[0] = 'y'; U[0] = 'z'; unsigned c1 = U[2]; U[0] = 'w'; unsigned c2 = U[2];
    for (volatile int i = 0; i < 3000000; i++) {} unsigned c3 = U[2]; unsigned c4 = U[0]; unsigned c5 = U[2];
    U[1] = 0; U[2] = 0; U[4] = 0x08;
    hex("LSRloop", a1); hex("RBR", a2); hex("RBR2", a3); hex("LSR2", a4); hex("LSRovf", b1); hex("LSRovf2", b2); hex("last", b3); hex("LSRend", b4);
    hex("IIR3", c1); hex("IIR4", c2); hex("IIRlater", c3); hex("rd", c4); hex("IIRrd", c5);
    putc_('\n');
    *(volatile unsigned *)0x100000 = (7 << 16) | 0x3333;
}
