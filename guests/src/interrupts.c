/* Interrupts: CLINT software and timer interrupts in M-mode, their priority, supervisor software and timer
 * interrupts delegated to S (mip.SSIP/STIP written by M, and Sstc's stimecmp), M before S, wfi with interrupts
 * disabled; prints the causes in the order they were taken and the mode that took them. */
#include "priv.h"

static volatile uint64_t taken[8];
static volatile int taken_count;

/* Logs the interrupt (mode in bit 62) and clears its source. */
static void hook(uint64_t cause) {
    int in_s = (CSR_READ(sstatus), priv_last.mode == MODE_S);
    if (taken_count < 8) {
        taken[taken_count] = cause | (uint64_t)in_s << 62;
    }
    taken_count++;
    switch (cause & 0xff) {
    case 3: *CLINT_MSIP = 0; break;
    case 7: *CLINT_MTIMECMP = ~0ull; break;
    case 1: asm volatile("csrci sip, 2"); break;
    case 5:
        if (in_s) {
            asm volatile("csrc sie, %0; csrw stimecmp, %1" ::"r"(0x20), "r"(~0ull));
        } else {
            CSR_WRITE(mip, 0);
        }
        break;
    }
}

static void log_taken(const char *what) {
    puts_(what);
    puts_(":");
    for (int i = 0; i < taken_count && i < 8; i++) {
        puts_(taken[i] >> 62 & 1 ? " S:" : " M:");
        puthex(taken[i] & ~(1ull << 62));
    }
    putch('\n');
    taken_count = 0;
    priv_count = 0;
}

static void wait_for(int count) {
    while (taken_count < count) {
        asm volatile("wfi");
    }
}

int main(void) {
    priv_init();
    priv_interrupt_hook = hook;
    *CLINT_MTIMECMP = ~0ull;

    CSR_WRITE(mie, (1 << 3) | (1 << 7));
    *CLINT_MSIP = 1;
    show("mip.MSIP pending, MIE off", CSR_READ(mip) & 0x8);
    asm volatile("csrsi mstatus, 8");
    asm volatile("nop");
    asm volatile("csrci mstatus, 8");
    log_taken("software interrupt in M");

    *CLINT_MTIMECMP = *CLINT_MTIME + 1000;
    asm volatile("csrsi mstatus, 8");
    wait_for(1);
    asm volatile("csrci mstatus, 8");
    log_taken("timer interrupt in M");

    *CLINT_MSIP = 1;
    *CLINT_MTIMECMP = 0;
    while ((CSR_READ(mip) & 0x80) == 0) {
    }
    show("mip with MSIP and MTIP", CSR_READ(mip) & 0x88);
    asm volatile("csrsi mstatus, 8");
    wait_for(2);
    asm volatile("csrci mstatus, 8");
    log_taken("MSI and MTI pending together");

    *CLINT_MTIMECMP = 0;
    CSR_WRITE(mie, (1 << 3) | (1 << 7));
    asm volatile("wfi");
    show("wfi returns with MTI pending and MIE off; mip.MTIP", CSR_READ(mip) >> 7 & 1);
    *CLINT_MTIMECMP = ~0ull;
    CSR_WRITE(mie, 1 << 3);

    CSR_WRITE(mideleg, 0x222);
    CSR_WRITE(mie, (1 << 3) | 0x222);
    CSR_WRITE(mip, 2);
    show("SSIP pending in M is not taken, sip", CSR_READ(sip));
    enter_mode(MODE_S);
    asm volatile("nop");
    show("in S with SIE off, still pending", CSR_READ(sip) & 2);
    asm volatile("csrsi sstatus, 2");
    asm volatile("nop");
    asm volatile("csrci sstatus, 2");
    back_to_m();
    log_taken("supervisor software interrupt, delegated");

    CSR_WRITE(mip, 0x20);
    enter_mode(MODE_U);
    asm volatile("nop");
    back_to_m();
    log_taken("STIP set by M, taken in U (SIE ignored below S)");
    CSR_WRITE(mip, 0);
    CSR_WRITE(mie, (1 << 3) | 0x222);

    CSR_WRITE(mip, 2);
    *CLINT_MTIMECMP = 0;
    CSR_WRITE(mie, (1 << 3) | (1 << 7) | 0x222);
    while ((CSR_READ(mip) & 0x80) == 0) {
    }
    enter_mode(MODE_S);
    asm volatile("csrsi sstatus, 2");
    asm volatile("nop");
    asm volatile("csrci sstatus, 2");
    back_to_m();
    log_taken("MTI (to M) before SSI (to S) from S");

    CSR_WRITE(menvcfg, 1ull << 63);
    CSR_WRITE(mcounteren, 2);
    CSR_WRITE(mie, (1 << 3) | 0x222);
    enter_mode(MODE_S);
    uint64_t now;
    asm volatile("rdtime %0" : "=r"(now));
    asm volatile("csrw stimecmp, %0" ::"r"(now + 2000));
    asm volatile("csrsi sstatus, 2");
    wait_for(1);
    asm volatile("csrci sstatus, 2");
    back_to_m();
    log_taken("Sstc: stimecmp in S");
    CSR_WRITE(stimecmp, 0);
    show("stimecmp in the past sets mip.STIP", CSR_READ(mip) >> 5 & 1);
    CSR_WRITE(mip, 0);
    show("mip.STIP not writable with STCE", CSR_READ(mip) >> 5 & 1);
    CSR_WRITE(stimecmp, ~0ull);
    show("stimecmp ahead clears mip.STIP", CSR_READ(mip) >> 5 & 1);
    CSR_WRITE(menvcfg, 0);
    enter_mode(MODE_S);
    asm volatile("csrr %0, stimecmp" : "=r"(now));
    back_to_m();
    report("stimecmp in S without STCE");

    /* A write to the CLINT's mtime moves the time CSR too (QEMU's ACLINT sets every hart's rdtime). */
    uint64_t later = 0x123456789000ull, earlier = 5;
    *CLINT_MTIME = later;
    asm volatile("rdtime %0" : "=r"(now));
    show("time follows mtime forward", now >= later && now - later < 10000000);
    *CLINT_MTIME = earlier;
    asm volatile("rdtime %0" : "=r"(now));
    show("time follows mtime back", now >= earlier && now - earlier < 10000000);
    *CLINT_MTIMECMP = *CLINT_MTIME + 1000;
    CSR_WRITE(mie, 1 << 7);
    show("mtip clear before the moved mtimecmp", CSR_READ(mip) >> 7 & 1);
    while ((CSR_READ(mip) & 0x80) == 0) {
    }
    show("mtip set once the moved mtime reaches it", CSR_READ(mip) >> 7 & 1);
    CSR_WRITE(mie, 0);
    *CLINT_MTIMECMP = ~0ull;
    puts_("interrupts done\n");
    return 0;
}
