/* Several harts (run with -smp 4): hart 0 wakes harts 1..3 in turn with CLINT software interrupts; each wakes from wfi,
 * prints its hart id and mip.MSIP, clears its interrupt, and hands the turn back. Exits 0 when all answered. */
#include "guest.h"

#define CLINT_MSIP ((volatile uint32_t *)0x2000000)
#define HARTS 4
#define MIP_MSIP 8

/* Whose turn it is to print: the hart hart 0 just woke, or 0 when hart 0 may go on. */
static volatile uint64_t turn;

void secondary_main(uint64_t hartid) {
    CSR_WRITE(mie, MIP_MSIP); /* wfi wakes on a software interrupt; mstatus.MIE stays clear, so no trap is taken */
    while ((CSR_READ(mip) & MIP_MSIP) == 0) {
        asm volatile("wfi");
    }
    while (turn != hartid) {
    }
    puts_("hart ");
    putdec(hartid);
    puts_(" woke by IPI, mip.MSIP=");
    putdec((CSR_READ(mip) & MIP_MSIP) != 0);
    putch('\n');
    CLINT_MSIP[hartid] = 0;
    while (CSR_READ(mip) & MIP_MSIP) {
    }
    puts_("hart ");
    putdec(hartid);
    puts_(" cleared its IPI\n");
    turn = 0;
    for (;;) {
        asm volatile("wfi");
    }
}

int main(void) {
    puts_("hart 0 sends IPIs\n");
    for (uint64_t hart = 1; hart < HARTS; hart++) {
        turn = hart;
        CLINT_MSIP[hart] = 1;
        while (turn != 0) {
        }
    }
    puts_("all harts answered\n");
    return 0;
}
