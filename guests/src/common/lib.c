/* Guest runtime: ns16550a output at 0x10000000, SiFive test device exit at 0x100000, trap handler. */
#include "guest.h"

#define UART ((volatile uint8_t *)0x10000000)
#define TEST_DEVICE ((volatile uint32_t *)0x100000)

volatile struct trap_record last_trap;
volatile int trap_count;
volatile int traps_expected;

void putch(int c) {
    while ((UART[5] & 0x20) == 0) {
    }
    UART[0] = (uint8_t)c;
}

void puts_(const char *s) {
    while (*s) {
        putch(*s++);
    }
}

void puthex(uint64_t value) {
    for (int shift = 60; shift >= 0; shift -= 4) {
        putch("0123456789abcdef"[(value >> shift) & 15]);
    }
}

void putdec(uint64_t value) {
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    while (n) {
        putch(digits[--n]);
    }
}

void show(const char *label, uint64_t value) {
    puts_(label);
    putch('=');
    puthex(value);
    putch('\n');
}

void guest_exit(int status) {
    *TEST_DEVICE = status == 0 ? 0x5555 : ((uint32_t)status << 16) | 0x3333;
    for (;;) {
    }
}

/* Called by trap_entry with the saved registers (frame[1] = ra). Returns to the new mepc. */
void trap_handler(uint64_t *frame) {
    uint64_t cause = CSR_READ(mcause), epc = CSR_READ(mepc), tval = CSR_READ(mtval);
    last_trap.mcause = cause;
    last_trap.mepc = epc;
    last_trap.mtval = tval;
    trap_count++;
    if (!traps_expected) {
        puts_("unexpected trap\n");
        show("mcause", cause);
        show("mepc", epc);
        show("mtval", tval);
        guest_exit(99);
    }
    if (cause == 0 || cause == 1) {
        CSR_WRITE(mepc, frame[1]);
    } else {
        uint16_t low = *(volatile uint16_t *)epc;
        CSR_WRITE(mepc, epc + ((low & 3) == 3 ? 4 : 2));
    }
}

/* What harts other than hart 0 run once memory is set up; programs for several harts define their own. */
__attribute__((weak)) void secondary_main(uint64_t hartid) {
    (void)hartid;
    for (;;) {
        asm volatile("wfi");
    }
}
