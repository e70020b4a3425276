/* C extension: each compressed instruction written explicitly, results as hex. */
#include "guest.h"

static uint64_t data[4] = {0x1122334455667788ull, 0x99aabbccddeeff00ull, 0, 0};

int main(void) {
    uint64_t r;
    asm volatile("c.li %0, -32" : "=r"(r));
    show("c.li", r);
    asm volatile("c.lui %0, 0xfffe1" : "=r"(r));
    show("c.lui", r);
    asm volatile("c.li %0, 5; c.addi %0, -17" : "=&r"(r));
    show("c.addi", r);
    asm volatile("li %0, 0x7fffffff; c.addiw %0, 1" : "=&r"(r));
    show("c.addiw", r);
    asm volatile("li %0, -1; c.slli %0, 63" : "=&r"(r));
    show("c.slli", r);
    asm volatile("li %0, -1; c.srli %0, 60" : "=&r"(r) : : );
    show("c.srli", r);
    uint64_t s = 0x8000000000000000ull;
    asm volatile("mv s0, %1; c.srai s0, 3; mv %0, s0" : "=r"(r) : "r"(s) : "s0");
    show("c.srai", r);
    asm volatile("li s0, 0x5ff; c.andi s0, -16; mv %0, s0" : "=r"(r) : : "s0");
    show("c.andi", r);
    asm volatile("li a4, 7; c.mv %0, a4" : "=r"(r) : : "a4");
    show("c.mv", r);
    asm volatile("li a4, 7; li %0, 9; c.add %0, a4" : "=&r"(r) : : "a4");
    show("c.add", r);
    asm volatile("li s0, 0xf0f; li s1, 0x0ff; c.and s0, s1; mv %0, s0" : "=r"(r) : : "s0", "s1");
    show("c.and", r);
    asm volatile("li s0, 0xf0f; li s1, 0x0ff; c.or s0, s1; mv %0, s0" : "=r"(r) : : "s0", "s1");
    show("c.or", r);
    asm volatile("li s0, 0xf0f; li s1, 0x0ff; c.xor s0, s1; mv %0, s0" : "=r"(r) : : "s0", "s1");
    show("c.xor", r);
    asm volatile("li s0, 3; li s1, 5; c.sub s0, s1; mv %0, s0" : "=r"(r) : : "s0", "s1");
    show("c.sub", r);
    asm volatile("li s0, 0x7fffffff; li s1, 1; c.addw s0, s1; mv %0, s0" : "=r"(r) : : "s0", "s1");
    show("c.addw", r);
    asm volatile("li s0, 0; li s1, 1; c.subw s0, s1; mv %0, s0" : "=r"(r) : : "s0", "s1");
    show("c.subw", r);
    asm volatile("mv s0, %1; c.lw s1, 4(s0); mv %0, s1" : "=r"(r) : "r"(data) : "s0", "s1");
    show("c.lw", r);
    asm volatile("mv s0, %1; c.ld s1, 8(s0); mv %0, s1" : "=r"(r) : "r"(data) : "s0", "s1");
    show("c.ld", r);
    asm volatile("mv s0, %0; li s1, -2; c.sw s1, 16(s0); li s1, 0x77; c.sd s1, 24(s0)" : : "r"(data) : "s0", "s1", "memory");
    show("c.sw", data[2]);
    show("c.sd", data[3]);
    asm volatile("mv s0, %1; c.fld fs0, 8(s0); c.fsd fs0, 16(s0); ld %0, 16(s0)" : "=r"(r) : "r"(data) : "s0", "fs0", "memory");
    show("c.fld/c.fsd", r);
    asm volatile("c.addi16sp sp, -64; c.addi4spn s0, sp, 8; li s1, 0x1234; c.sdsp s1, 8(sp); c.ld s1, 0(s0);"
                 "c.swsp s1, 16(sp); c.lwsp a5, 16(sp); c.ldsp a4, 8(sp); c.fldsp fs0, 8(sp); c.fsdsp fs0, 24(sp);"
                 "c.ldsp %0, 24(sp); add %0, %0, a5; add %0, %0, a4; c.addi16sp sp, 64"
                 : "=&r"(r) : : "s0", "s1", "a4", "a5", "fs0", "memory");
    show("stack forms", r);
    asm volatile("li %0, 0; c.j 1f; li %0, 1; 1: c.beqz %0, 2f; li %0, 2; 2: c.bnez %0, 3f; addi %0, %0, 4; 3:" : "=&r"(r));
    show("c.j/c.beqz/c.bnez", r);
    asm volatile("la a5, 1f; c.jr a5; li %0, 1; 1: li %0, 2" : "=&r"(r) : : "a5");
    show("c.jr", r);
    asm volatile("la a5, 1f; mv a4, ra; c.jalr a5; 1: sub %0, ra, a5; mv ra, a4" : "=&r"(r) : : "a4", "a5");
    show("c.jalr link offset", r);
    asm volatile("li s0, 0; 1: c.addi s0, 1; li a5, 10; blt s0, a5, 1b; mv %0, s0" : "=r"(r) : : "s0", "a5");
    show("loop", r);
    puts_("compressed done\n");
    return 0;
}
