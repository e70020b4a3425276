/* RV64I and M: every ALU, shift, compare, multiply and divide form over edge values, as hex. */
#include "guest.h"

static const uint64_t values[] = {
    0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull, 0xfffffffffffffffeull, 0x123456789abcdef0ull,
    0xfedcba9876543210ull, 0x00000000deadbeefull, 0xffffffff80000000ull, 0x5555555555555555ull, 63, 64, 31, 32,
};
#define N (sizeof values / sizeof values[0])

static uint64_t hash = 0xcbf29ce484222325ull;

static void mix(uint64_t value) {
    for (int i = 0; i < 8; i++) {
        hash = (hash ^ ((value >> (i * 8)) & 0xff)) * 0x100000001b3ull;
    }
}

#define RR(insn)                                                                   \
    static uint64_t op_##insn(uint64_t a, uint64_t b) {                            \
        uint64_t r;                                                                \
        asm volatile(#insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));              \
        return r;                                                                  \
    }
#define RI(name, insn, imm)                                                        \
    static uint64_t op_##name(uint64_t a, uint64_t b) {                            \
        uint64_t r;                                                                \
        (void)b;                                                                   \
        asm volatile(#insn " %0, %1, " #imm : "=r"(r) : "r"(a));                   \
        return r;                                                                  \
    }

RR(add) RR(sub) RR(sll) RR(slt) RR(sltu) RR(xor) RR(srl) RR(sra) RR(or) RR(and)
RR(addw) RR(subw) RR(sllw) RR(srlw) RR(sraw)
RR(mul) RR(mulh) RR(mulhsu) RR(mulhu) RR(div) RR(divu) RR(rem) RR(remu)
RR(mulw) RR(divw) RR(divuw) RR(remw) RR(remuw)
RI(addi, addi, -2048) RI(addi2, addi, 2047) RI(slti, slti, -1) RI(sltiu, sltiu, -1) RI(xori, xori, -1)
RI(ori, ori, 0x555) RI(andi, andi, -16) RI(slli, slli, 63) RI(srli, srli, 33) RI(srai, srai, 63)
RI(addiw, addiw, -1) RI(slliw, slliw, 31) RI(srliw, srliw, 7) RI(sraiw, sraiw, 31) RI(srai1, srai, 1)

struct op { const char *name; uint64_t (*fn)(uint64_t, uint64_t); };
static const struct op ops[] = {
    {"add", op_add}, {"sub", op_sub}, {"sll", op_sll}, {"slt", op_slt}, {"sltu", op_sltu}, {"xor", op_xor},
    {"srl", op_srl}, {"sra", op_sra}, {"or", op_or}, {"and", op_and}, {"addw", op_addw}, {"subw", op_subw},
    {"sllw", op_sllw}, {"srlw", op_srlw}, {"sraw", op_sraw}, {"mul", op_mul}, {"mulh", op_mulh},
    {"mulhsu", op_mulhsu}, {"mulhu", op_mulhu}, {"div", op_div}, {"divu", op_divu}, {"rem", op_rem},
    {"remu", op_remu}, {"mulw", op_mulw}, {"divw", op_divw}, {"divuw", op_divuw}, {"remw", op_remw},
    {"remuw", op_remuw}, {"addi", op_addi}, {"addi2", op_addi2}, {"slti", op_slti}, {"sltiu", op_sltiu},
    {"xori", op_xori}, {"ori", op_ori}, {"andi", op_andi}, {"slli", op_slli}, {"srli", op_srli}, {"srai", op_srai},
    {"addiw", op_addiw}, {"slliw", op_slliw}, {"srliw", op_srliw}, {"sraiw", op_sraiw}, {"srai1", op_srai1},
};

static uint64_t memory_test(void) {
    static uint64_t cells[4] = {0x8877665544332211ull, 0xf0e0d0c0b0a09080ull, 0, 0};
    volatile uint8_t *p = (volatile uint8_t *)cells;
    uint64_t sum = 0;
    for (int i = 0; i < 16; i++) {
        sum = sum * 31 + (int8_t)p[i];
        sum = sum * 31 + p[i];
    }
    for (int i = 0; i < 8; i++) {
        sum = sum * 31 + ((volatile int16_t *)p)[i];
        sum = sum * 31 + ((volatile uint16_t *)p)[i];
    }
    for (int i = 0; i < 4; i++) {
        sum = sum * 31 + ((volatile int32_t *)p)[i];
        sum = sum * 31 + ((volatile uint32_t *)p)[i];
    }
    p[16] = 0xab;
    ((volatile uint16_t *)p)[9] = 0xcdef;
    ((volatile uint32_t *)p)[5] = 0x01234567;
    cells[3] = sum;
    show("stored", cells[2]);
    return sum;
}

static uint64_t branch_test(void) {
    uint64_t taken = 0;
    for (unsigned i = 0; i < N; i++) {
        for (unsigned j = 0; j < N; j++) {
            int64_t a = (int64_t)values[i], b = (int64_t)values[j];
            taken = taken * 3 + (a == b) + 2 * (a != b);
            taken = taken * 3 + (a < b) + 2 * (a >= b);
            taken = taken * 3 + ((uint64_t)a < (uint64_t)b) + 2 * ((uint64_t)a >= (uint64_t)b);
        }
    }
    return taken;
}

int main(void) {
    for (unsigned k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        hash = 0xcbf29ce484222325ull;
        for (unsigned i = 0; i < N; i++) {
            for (unsigned j = 0; j < N; j++) {
                mix(ops[k].fn(values[i], values[j]));
            }
        }
        show(ops[k].name, hash);
    }
    show("div -2^63/-1", op_div(0x8000000000000000ull, -1ull));
    show("rem -2^63/-1", op_rem(0x8000000000000000ull, -1ull));
    show("div x/0", op_div(5, 0));
    show("remu x/0", op_remu(5, 0));
    show("divw -2^31/-1", op_divw(0x80000000ull, -1ull));
    show("memory", memory_test());
    show("branches", branch_test());
    uint64_t lui, auipc;
    asm volatile("lui %0, 0x80000" : "=r"(lui));
    show("lui", lui);
    asm volatile("auipc %0, 0" : "=r"(auipc));
    show("auipc-low", auipc & 0xfff);
    puts_("integer done\n");
    return 0;
}
