/* Interpreter benchmark: a compute-bound integer loop of a few seconds; prints instructions, time and MIPS. */
#include "guest.h"

#define ITERATIONS 30000000ull

static uint64_t rdtime(void) {
    uint64_t t;
    asm volatile("rdtime %0" : "=r"(t));
    return t;
}

__attribute__((noinline)) static uint64_t work(uint64_t n) {
    uint64_t a = 1, b = 0x9e3779b97f4a7c15ull, c = 0;
    uint32_t table[16] = {0};
    for (uint64_t i = 0; i < n; i++) {
        a = a * 6364136223846793005ull + 1442695040888963407ull;
        b ^= a >> 29;
        c += (b & 0xff) < 0x80 ? a : b;
        table[i & 15] += (uint32_t)c;
    }
    for (int i = 0; i < 16; i++) {
        c += table[i];
    }
    return c;
}

int main(void) {
    uint64_t i0 = CSR_READ(minstret), t0 = rdtime();
    uint64_t result = work(ITERATIONS);
    uint64_t i1 = CSR_READ(minstret), t1 = rdtime();
    uint64_t instructions = i1 - i0, ms = (t1 - t0) / 10000;
    show("result", result);
    putdec(instructions);
    puts_(" instructions in ");
    putdec(ms);
    puts_(" ms: ");
    putdec(ms ? instructions / (ms * 1000) : 0);
    puts_(" MIPS\n");
    return 0;
}
