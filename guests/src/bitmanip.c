/* Bit manipulation (Zba, Zbb, Zbc, Zbs, as QEMU 7.2's virt CPU has them): every instruction on pairs of edge-case
 * operands; prints a checksum of the results per instruction. guest-march: rv64gc_zba_zbb_zbc_zbs */
#include "guest.h"

static const uint64_t OPERANDS[] = {0, 1, 2, 63, 64, 0x7fffffffull, 0x80000000ull, 0xffffffffull, 0x100000000ull,
                                     0x00ff00ff00000100ull, 0x0123456789abcdefull, 0xfedcba9876543210ull,
                                     0x8000000000000000ull, 0x7fffffffffffffffull, ~0ull};
#define COUNT (sizeof(OPERANDS) / sizeof(OPERANDS[0]))

static uint64_t mix(uint64_t hash, uint64_t value) {
    return (hash ^ value) * 0x100000001b3ull + (hash >> 29);
}

/* Two-register instructions: rd = op(rs1, rs2) for every pair of operands. */
#define BINARY(label, insn)                                                                                     \
    do {                                                                                                         \
        uint64_t hash = 0;                                                                                       \
        for (unsigned i = 0; i < COUNT; i++) {                                                                   \
            for (unsigned j = 0; j < COUNT; j++) {                                                               \
                uint64_t r;                                                                                      \
                asm volatile(insn " %0, %1, %2" : "=r"(r) : "r"(OPERANDS[i]), "r"(OPERANDS[j]));                \
                hash = mix(hash, r);                                                                             \
            }                                                                                                    \
        }                                                                                                        \
        show(label, hash);                                                                                       \
    } while (0)

/* One-register instructions, and instructions with an immediate (given as text, e.g. ", 5"). */
#define UNARY(label, insn, imm)                                                                                  \
    do {                                                                                                         \
        uint64_t hash = 0;                                                                                       \
        for (unsigned i = 0; i < COUNT; i++) {                                                                   \
            uint64_t r;                                                                                          \
            asm volatile(insn " %0, %1" imm : "=r"(r) : "r"(OPERANDS[i]));                                      \
            hash = mix(hash, r);                                                                                 \
        }                                                                                                        \
        show(label, hash);                                                                                       \
    } while (0)

int main(void) {
    BINARY("add.uw", "add.uw");
    BINARY("sh1add", "sh1add");
    BINARY("sh2add", "sh2add");
    BINARY("sh3add", "sh3add");
    BINARY("sh1add.uw", "sh1add.uw");
    BINARY("sh2add.uw", "sh2add.uw");
    BINARY("sh3add.uw", "sh3add.uw");
    UNARY("slli.uw 0", "slli.uw", ", 0");
    UNARY("slli.uw 5", "slli.uw", ", 5");
    UNARY("slli.uw 63", "slli.uw", ", 63");
    BINARY("andn", "andn");
    BINARY("orn", "orn");
    BINARY("xnor", "xnor");
    UNARY("clz", "clz", "");
    UNARY("clzw", "clzw", "");
    UNARY("ctz", "ctz", "");
    {
        /* QEMU 7.2 gives ctzw(0x8000000000000000) = 63, against the specification's 32 (only bits 31..0 count): that
         * operand is left out here, and BitManipulationTest checks the specification's answer. */
        uint64_t hash = 0;
        for (unsigned i = 0; i < COUNT; i++) {
            if (OPERANDS[i] != 0x8000000000000000ull) {
                uint64_t r;
                asm volatile("ctzw %0, %1" : "=r"(r) : "r"(OPERANDS[i]));
                hash = mix(hash, r);
            }
        }
        show("ctzw", hash);
    }
    UNARY("cpop", "cpop", "");
    UNARY("cpopw", "cpopw", "");
    BINARY("max", "max");
    BINARY("maxu", "maxu");
    BINARY("min", "min");
    BINARY("minu", "minu");
    UNARY("sext.b", "sext.b", "");
    UNARY("sext.h", "sext.h", "");
    UNARY("zext.h", "zext.h", "");
    BINARY("rol", "rol");
    BINARY("rolw", "rolw");
    BINARY("ror", "ror");
    BINARY("rorw", "rorw");
    UNARY("rori 1", "rori", ", 1");
    UNARY("rori 63", "rori", ", 63");
    UNARY("roriw 1", "roriw", ", 1");
    UNARY("roriw 31", "roriw", ", 31");
    UNARY("orc.b", "orc.b", "");
    UNARY("rev8", "rev8", "");
    BINARY("clmul", "clmul");
    BINARY("clmulh", "clmulh");
    BINARY("clmulr", "clmulr");
    BINARY("bclr", "bclr");
    BINARY("bext", "bext");
    BINARY("binv", "binv");
    BINARY("bset", "bset");
    UNARY("bclri 0", "bclri", ", 0");
    UNARY("bclri 63", "bclri", ", 63");
    UNARY("bexti 31", "bexti", ", 31");
    UNARY("binvi 32", "binvi", ", 32");
    UNARY("bseti 7", "bseti", ", 7");
    puts_("bitmanip done\n");
    return 0;
}
