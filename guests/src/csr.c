/* CSRs: identity registers, mstatus fields, scratch registers, fcsr fields, counters that advance. */
#include "guest.h"

int main(void) {
    /* misa: Osmium implements RV64IMAFDC with M and U modes; QEMU 7.2 also claims H and S, so those bits are masked. */
    show("misa&~HS", CSR_READ(misa) & ~((1ull << 7) | (1ull << 18)));
    show("mvendorid", CSR_READ(mvendorid));
    show("marchid", CSR_READ(marchid));
    show("mimpid", CSR_READ(mimpid));
    show("mhartid", CSR_READ(mhartid));
    uint64_t status = CSR_READ(mstatus);
    show("mstatus.MIE", (status >> 3) & 1);
    show("mstatus.MPIE", (status >> 7) & 1);
    show("mstatus.MPP", (status >> 11) & 3);
    show("mstatus.FS", (status >> 13) & 3);
    CSR_WRITE(mscratch, 0x0123456789abcdefull);
    show("mscratch", CSR_READ(mscratch));
    CSR_WRITE(mepc, 0x80001235ull);
    show("mepc (alignment masked)", CSR_READ(mepc));
    CSR_WRITE(mtval, 0xdeadbeefull);
    show("mtval", CSR_READ(mtval));
    CSR_WRITE(mcause, 0x800000000000000bull);
    show("mcause", CSR_READ(mcause));
    CSR_WRITE(mie, ~0ull);
    show("mie writable (M bits)", CSR_READ(mie) & 0x888);
    CSR_WRITE(mie, 0);
    show("mie cleared", CSR_READ(mie));
    uint64_t old;
    asm volatile("csrrwi %0, fcsr, 0x1f" : "=r"(old));
    show("fcsr", CSR_READ(fcsr));
    show("fflags", CSR_READ(fflags));
    asm volatile("csrwi frm, 3");
    show("fcsr after frm=3", CSR_READ(fcsr));
    asm volatile("csrrci %0, fflags, 0x5" : "=r"(old));
    show("old fflags", old);
    show("fflags after clear", CSR_READ(fflags));
    asm volatile("csrrsi %0, fcsr, 0x2" : "=r"(old));
    show("old fcsr", old);
    CSR_WRITE(fcsr, ~0ull);
    show("fcsr masked", CSR_READ(fcsr));
    CSR_WRITE(fcsr, 0);
    status = CSR_READ(mstatus);
    show("mstatus.FS after fp csr writes", (status >> 13) & 3);
    show("mstatus.SD", status >> 63);
    asm volatile("csrs mstatus, %0" ::"r"(0x1800ull));
    show("mstatus.MPP after set", (CSR_READ(mstatus) >> 11) & 3);
    uint64_t i0 = CSR_READ(minstret), i1 = CSR_READ(minstret);
    show("minstret advances", i1 > i0);
    uint64_t c0 = CSR_READ(mcycle);
    for (volatile int i = 0; i < 100; i++) {
    }
    show("mcycle advances", CSR_READ(mcycle) > c0);
    uint64_t t0, t1;
    asm volatile("rdtime %0" : "=r"(t0));
    for (volatile int i = 0; i < 100000; i++) {
    }
    asm volatile("rdtime %0" : "=r"(t1));
    show("time advances", t1 > t0);
    uint64_t r0, r1;
    asm volatile("rdinstret %0" : "=r"(r0));
    asm volatile("rdinstret %0" : "=r"(r1));
    show("rdinstret advances", r1 > r0);
    asm volatile("rdcycle %0" : "=r"(r0));
    show("rdcycle nonzero", r0 != 0);
    puts_("csr done\n");
    return 0;
}
