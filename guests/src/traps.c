/* Traps: illegal instruction, ecall, ebreak, misaligned and unmapped accesses, vectored mtvec; prints mcause/mepc/mtval. */
#include "guest.h"

extern void trap_entry(void);
extern void vector_table(void);
extern void return_only(void);

static void report(const char *what) {
    puts_(what);
    puts_(": count=");
    putdec(trap_count);
    puts_(" mcause=");
    puthex(last_trap.mcause);
    puts_(" mepc=");
    puthex(last_trap.mepc);
    puts_(" mtval=");
    puthex(last_trap.mtval);
    putch('\n');
    trap_count = 0;
    last_trap.mcause = last_trap.mepc = last_trap.mtval = 0x5a5a;
}

static uint64_t buffer[4] = {0x0807060504030201ull, 0x100f0e0d0c0b0a09ull, 0, 0};

__attribute__((noinline)) static void jump_to(uint64_t target) {
    asm volatile("jalr ra, %0, 0" ::"r"(target) : "ra", "memory");
}

int main(void) {
    traps_expected = 1;
    asm volatile(".word 0xffffffff");
    report("illegal all-ones");
    asm volatile(".word 0x00000000");
    report("illegal zero");
    asm volatile(".word 0x12345677");
    report("illegal reserved opcode");
    asm volatile(".half 0x0000");
    report("illegal c.zero");
    asm volatile("csrr t0, 0x7ff" ::: "t0");
    report("illegal csr 0x7ff");
    asm volatile("csrw mvendorid, zero");
    report("write read-only mvendorid");
    asm volatile("csrw cycle, zero");
    report("write read-only cycle");
    /* Zicbom/Zicboz: QEMU 7.2's virt CPU has neither, so cbo.* are illegal there as here */
    asm volatile("mv a0, %0; .word 0x0045200f" ::"r"(&traps_expected) : "a0", "memory"); /* cbo.zero (a0) */
    report("cbo.zero");
    asm volatile("mv a0, %0; .word 0x0015200f" ::"r"(&traps_expected) : "a0", "memory"); /* cbo.clean (a0) */
    report("cbo.clean");
    asm volatile(".word 0x02005053"); /* fadd.d ft0, ft0, ft0 with rm=5 */
    report("fadd.d rm=5");
    asm volatile("csrwi frm, 7; fadd.d ft0, ft0, ft0, dyn; csrwi frm, 0" ::: "ft0");
    report("fadd.d dyn frm=7");
    asm volatile("ecall");
    report("ecall");
    asm volatile("ebreak");
    report("ebreak");
    asm volatile("c.ebreak");
    report("c.ebreak");
    volatile uint8_t *bytes = (volatile uint8_t *)buffer;
    uint64_t value = 0;
    asm volatile("ld %0, 1(%1)" : "=r"(value) : "r"(bytes));
    report("ld misaligned");
    show("value", value);
    asm volatile("lw %0, 3(%1)" : "=r"(value) : "r"(bytes));
    report("lw misaligned");
    show("value", value);
    asm volatile("lhu %0, 7(%1)" : "=r"(value) : "r"(bytes));
    report("lhu misaligned");
    show("value", value);
    asm volatile("sd %0, 17(%1)" ::"r"(0x1122334455667788ull), "r"(bytes) : "memory");
    report("sd misaligned");
    show("buffer2", buffer[2]);
    show("buffer3", buffer[3]);
    asm volatile("sw %0, 2(%1)" ::"r"(0xaabbccddull), "r"(bytes + 16) : "memory");
    report("sw misaligned");
    show("buffer2", buffer[2]);
    asm volatile("lr.d %0, (%1)" : "=r"(value) : "r"(bytes + 4) : "memory");
    report("lr.d misaligned");
    asm volatile("sc.w %0, %2, (%1)" : "=r"(value) : "r"(bytes + 2), "r"(1) : "memory");
    report("sc.w misaligned");
    asm volatile("amoadd.w %0, %2, (%1)" : "=r"(value) : "r"(bytes + 1), "r"(1) : "memory");
    report("amoadd.w misaligned");
    asm volatile("fld ft0, 4(%0)" ::"r"(bytes) : "ft0");
    report("fld misaligned");
    volatile uint64_t *unmapped = (volatile uint64_t *)0x4000000000ull;
    value = *unmapped;
    report("load unmapped");
    *unmapped = 1;
    report("store unmapped");
    asm volatile("amoswap.d %0, %2, (%1)" : "=r"(value) : "r"(unmapped), "r"(1) : "memory");
    report("amoswap unmapped");
    asm volatile("lr.d %0, (%1)" : "=r"(value) : "r"(unmapped) : "memory");
    report("lr.d unmapped");
    jump_to(0x4000000000ull);
    report("fetch unmapped");
    jump_to((uint64_t)(void *)&return_only + 1);
    report("jalr to odd address (bit 0 cleared)");

    CSR_WRITE(mtvec, (uint64_t)(void *)vector_table | 1);
    show("mtvec vectored", CSR_READ(mtvec));
    asm volatile("ecall");
    report("ecall vectored");
    CSR_WRITE(mtvec, (uint64_t)(void *)trap_entry | 2);
    show("mtvec mode 2", CSR_READ(mtvec));
    CSR_WRITE(mtvec, (uint64_t)(void *)trap_entry);
    show("mtvec direct", CSR_READ(mtvec) == (uint64_t)(void *)trap_entry);
    puts_("traps done\n");
    return 0;
}

asm(".align 8\n"
    "vector_table:\n"
    ".rept 16\n"
    "j trap_entry\n"
    ".endr\n"
    ".align 2\n"
    "return_only:\n"
    "ret\n");
