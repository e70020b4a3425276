/* Privileged-mode support for guests that run code in S and U mode: mode switches, M and S trap vectors that record
 * traps (cause, epc, tval, which mode took it) and resume, PMP open to all, the CLINT. Include from one C file only. */
#ifndef PRIV_H
#define PRIV_H
#include "guest.h"

#define MODE_U 0
#define MODE_S 1
#define MODE_M 3
#define CLINT_MSIP ((volatile uint32_t *)0x2000000)
#define CLINT_MTIMECMP ((volatile uint64_t *)0x2004000)
#define CLINT_MTIME ((volatile uint64_t *)0x200bff8)

/* What the last recorded trap was, and how many traps each mode took. */
struct priv_trap { uint64_t cause, epc, tval; int mode; };
volatile struct priv_trap priv_last;
volatile int priv_count;
/* Set by back_to_m(): the next machine software interrupt returns to M-mode instead of being recorded. */
volatile int priv_returning;
/* Called for each recorded interrupt (in the mode that took it) so the test can clear its source. */
void (*volatile priv_interrupt_hook)(uint64_t cause);

void m_vector(void);
void s_vector(void);
void enter_mode(int mode);

/* M: continues at the caller in `mode` (MPP = mode, mepc = ra, mret). */
asm(".text\n.align 2\n.globl enter_mode\nenter_mode:\n"
    "  li t1, 0x1800\n  csrc mstatus, t1\n  slli a0, a0, 11\n  csrs mstatus, a0\n"
    "  csrw mepc, ra\n  mret\n");

/* Both vectors save every register on the current stack, call the C handler with the frame, restore, return. */
#define PRIV_VECTOR(name, handler, ret)                                                                          \
    asm(".text\n.align 2\n.globl " #name "\n" #name ":\n  addi sp, sp, -256\n"                                  \
        "  .irp n,1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"          \
        "  sd x\\n, \\n*8(sp)\n  .endr\n  addi t0, sp, 256\n  sd t0, 16(sp)\n  mv a0, sp\n  call " #handler "\n" \
        "  .irp n,1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"          \
        "  ld x\\n, \\n*8(sp)\n  .endr\n  addi sp, sp, 256\n  " #ret "\n");
PRIV_VECTOR(m_vector, priv_m_trap, mret)
PRIV_VECTOR(s_vector, priv_s_trap, sret)

/* The address to resume at after a synchronous trap at epc: the next instruction, or ra after a fetch fault. */
static inline uint64_t resume_address(uint64_t cause, uint64_t epc, uint64_t *frame) {
    if (cause == 1 || cause == 12) {
        return frame[1];
    }
    uint16_t low = *(volatile uint16_t *)epc;
    return epc + ((low & 3) == 3 ? 4 : 2);
}

static inline void record(uint64_t cause, uint64_t epc, uint64_t tval, int mode) {
    priv_last.cause = cause;
    priv_last.epc = epc;
    priv_last.tval = tval;
    priv_last.mode = mode;
    priv_count++;
}

void priv_m_trap(uint64_t *frame) {
    uint64_t cause = CSR_READ(mcause), epc = CSR_READ(mepc), tval = CSR_READ(mtval);
    if (cause == (1ull << 63 | 3) && priv_returning) {
        priv_returning = 0;
        *CLINT_MSIP = 0;
        asm volatile("li t0, 0x1800; csrs mstatus, t0; li t0, 0x80; csrc mstatus, t0" ::: "t0"); /* MPP = M, MPIE = 0 */
        CSR_WRITE(mepc, frame[1]);
        return;
    }
    record(cause, epc, tval, MODE_M);
    if (cause >> 63) {
        priv_interrupt_hook(cause);
    } else {
        CSR_WRITE(mepc, resume_address(cause, epc, frame));
    }
}

void priv_s_trap(uint64_t *frame) {
    uint64_t cause = CSR_READ(scause), epc = CSR_READ(sepc), tval = CSR_READ(stval);
    record(cause, epc, tval, MODE_S);
    if (cause >> 63) {
        priv_interrupt_hook(cause);
    } else {
        CSR_WRITE(sepc, resume_address(cause, epc, frame));
    }
}

/* From any mode: raises a machine software interrupt that returns to the caller in M-mode with mstatus.MIE off.
 * Needs mie.MSIE. */
__attribute__((noinline, unused)) static void back_to_m(void) {
    priv_returning = 1;
    *CLINT_MSIP = 1;
    while (priv_returning) {
    }
}

/* M: trap vectors installed, PMP entry 15 lets S and U access everything, MSIE on (for back_to_m). */
static inline void priv_init(void) {
    CSR_WRITE(mtvec, (uint64_t)m_vector);
    CSR_WRITE(stvec, (uint64_t)s_vector);
    CSR_WRITE(pmpaddr15, ~0ull);
    CSR_WRITE(pmpcfg2, 0x1full << 56);
    CSR_WRITE(mie, 1 << 3);
}

/* Prints the last trap (or "none") and forgets it. */
static inline void report(const char *what) {
    puts_(what);
    if (priv_count == 0) {
        puts_(": none\n");
        return;
    }
    puts_(": count=");
    putdec(priv_count);
    puts_(priv_last.mode == MODE_M ? " M" : " S");
    puts_(" cause=");
    puthex(priv_last.cause);
    puts_(" epc=");
    puthex(priv_last.epc);
    puts_(" tval=");
    puthex(priv_last.tval);
    putch('\n');
    priv_count = 0;
}
#endif
