/* Privilege levels: ecall from S and U, delegation to S, instructions and CSRs each mode may not use (with TSR, TVM,
 * TW), the sstatus/sie/sip views of the M registers, counter enables; prints each trap as mode, cause, epc, tval. */
#include "priv.h"

static void ignore(uint64_t cause) {
    (void)cause;
}

static uint64_t value;

int main(void) {
    priv_init();
    priv_interrupt_hook = ignore;

    enter_mode(MODE_S);
    asm volatile("ecall");
    back_to_m();
    report("ecall from S");
    enter_mode(MODE_U);
    asm volatile("ecall");
    back_to_m();
    report("ecall from U");

    CSR_WRITE(medeleg, (1 << 2) | (1 << 3) | (1 << 8));
    enter_mode(MODE_U);
    asm volatile("ecall");
    back_to_m();
    report("ecall from U, delegated");
    enter_mode(MODE_U);
    asm volatile("ebreak");
    back_to_m();
    report("ebreak in U, delegated");
    enter_mode(MODE_U);
    asm volatile("csrr t0, sstatus" ::: "t0");
    back_to_m();
    report("U reads sstatus");
    enter_mode(MODE_U);
    asm volatile("sret");
    back_to_m();
    report("sret in U");
    enter_mode(MODE_U);
    asm volatile("wfi");
    back_to_m();
    report("wfi in U");
    enter_mode(MODE_S);
    asm volatile("csrr t0, mstatus" ::: "t0");
    back_to_m();
    report("S reads mstatus, delegated");
    enter_mode(MODE_S);
    asm volatile("mret");
    back_to_m();
    report("mret in S, delegated");
    enter_mode(MODE_S);
    asm volatile("ecall");
    back_to_m();
    report("ecall from S, not delegated");

    CSR_WRITE(medeleg, 0);
    asm volatile("li t0, 0x700000; csrs mstatus, t0" ::: "t0"); /* TVM, TW, TSR */
    enter_mode(MODE_S);
    asm volatile("sret");
    back_to_m();
    report("sret in S with TSR");
    enter_mode(MODE_S);
    asm volatile("csrr t0, satp" ::: "t0");
    back_to_m();
    report("satp in S with TVM");
    enter_mode(MODE_S);
    asm volatile("sfence.vma");
    back_to_m();
    report("sfence.vma in S with TVM");
    enter_mode(MODE_S);
    asm volatile("wfi");
    back_to_m();
    report("wfi in S with TW");
    asm volatile("li t0, 0x700000; csrc mstatus, t0" ::: "t0");
    enter_mode(MODE_S);
    asm volatile("csrr %0, satp; sfence.vma" : "=r"(value));
    back_to_m();
    report("satp and sfence.vma in S");

    CSR_WRITE(medeleg, ~0ull);
    show("medeleg writable (H's bit 10 masked)", CSR_READ(medeleg) & 0xfbff);
    CSR_WRITE(medeleg, 0);
    CSR_WRITE(mideleg, ~0ull);
    show("mideleg writable (H's bits masked)", CSR_READ(mideleg) & 0xbbb);
    CSR_WRITE(mie, 0x222 | (1 << 3));
    show("sie (M view of delegated)", CSR_READ(sie) & 0xbbb);
    CSR_WRITE(sie, 0);
    show("mie after sie=0", CSR_READ(mie) & 0xfff);
    CSR_WRITE(mie, 1 << 3);
    CSR_WRITE(mip, 0x222);
    show("sip after mip=0x222", CSR_READ(sip) & 0xbbb);
    CSR_WRITE(sip, 0);
    show("mip after sip=0", CSR_READ(mip) & 0xfff);
    CSR_WRITE(mip, 0);
    CSR_WRITE(mideleg, 0);
    show("sip without delegation", CSR_READ(sip));
    asm volatile("csrw sstatus, %0" ::"r"(~0ull));
    show("mstatus after sstatus=~0 (S fields)", CSR_READ(mstatus) & 0xde122);
    show("sstatus (S fields; UXL, which QEMU 7.2 lets ~0 set to 3, masked)", CSR_READ(sstatus) & 0x80000000000de122ull);
    asm volatile("csrw sstatus, zero");
    CSR_WRITE(stvec, (uint64_t)s_vector | 1);
    show("stvec vectored", CSR_READ(stvec) - (uint64_t)s_vector);
    CSR_WRITE(stvec, (uint64_t)s_vector | 2);
    show("stvec mode 2 ignored", CSR_READ(stvec) - (uint64_t)s_vector);
    CSR_WRITE(stvec, (uint64_t)s_vector);

    CSR_WRITE(mcounteren, 0);
    enter_mode(MODE_S);
    asm volatile("rdcycle %0" : "=r"(value));
    back_to_m();
    report("rdcycle in S, mcounteren=0");
    CSR_WRITE(mcounteren, 0xf);
    CSR_WRITE(scounteren, 0);
    enter_mode(MODE_S);
    asm volatile("rdtime %0; rdinstret %0; csrr %0, hpmcounter3" : "=r"(value));
    back_to_m();
    report("counters in S, mcounteren=0xf");
    enter_mode(MODE_U);
    asm volatile("rdtime %0" : "=r"(value));
    back_to_m();
    report("rdtime in U, scounteren=0");
    CSR_WRITE(scounteren, 2);
    enter_mode(MODE_U);
    asm volatile("rdtime %0" : "=r"(value));
    back_to_m();
    report("rdtime in U, scounteren=2");
    enter_mode(MODE_U);
    asm volatile("rdcycle %0" : "=r"(value));
    back_to_m();
    report("rdcycle in U, scounteren=2");
    CSR_WRITE(mhpmcounter3, 0x1234);
    show("mhpmcounter3", CSR_READ(mhpmcounter3));
    CSR_WRITE(mhpmevent3, 0x56);
    show("mhpmevent3", CSR_READ(mhpmevent3));
    puts_("priv-traps done\n");
    return 0;
}
