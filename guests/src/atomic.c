/* A extension: every AMO (word and double) on edge values, LR/SC success and failure. */
#include "guest.h"

static const uint64_t values[] = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x8000000000000000ull,
                                  0x7fffffffffffffffull, 0xffffffffffffffffull, 0x123456789abcdef0ull};
#define N (sizeof values / sizeof values[0])
static volatile uint64_t cell[2];

#define AMO(name, insn)                                                                    \
    static void name(void) {                                                               \
        uint64_t hash = 0;                                                                 \
        for (unsigned i = 0; i < N; i++) {                                                 \
            for (unsigned j = 0; j < N; j++) {                                             \
                uint64_t old;                                                              \
                cell[0] = values[i];                                                       \
                cell[1] = ~values[i];                                                      \
                asm volatile(insn " %0, %2, (%1)" : "=r"(old) : "r"(&cell[0]), "r"(values[j]) : "memory"); \
                hash = hash * 0x100000001b3ull ^ old;                                      \
                hash = hash * 0x100000001b3ull ^ cell[0];                                  \
                hash = hash * 0x100000001b3ull ^ cell[1];                                  \
            }                                                                              \
        }                                                                                  \
        show(insn, hash);                                                                  \
    }

AMO(swap_w, "amoswap.w") AMO(add_w, "amoadd.w") AMO(xor_w, "amoxor.w") AMO(and_w, "amoand.w")
AMO(or_w, "amoor.w") AMO(min_w, "amomin.w") AMO(max_w, "amomax.w") AMO(minu_w, "amominu.w")
AMO(maxu_w, "amomaxu.w") AMO(swap_d, "amoswap.d") AMO(add_d, "amoadd.d") AMO(xor_d, "amoxor.d")
AMO(and_d, "amoand.d") AMO(or_d, "amoor.d") AMO(min_d, "amomin.d") AMO(max_d, "amomax.d")
AMO(minu_d, "amominu.d") AMO(maxu_d, "amomaxu.d") AMO(add_w_aqrl, "amoadd.w.aqrl") AMO(swap_d_aq, "amoswap.d.aq")

static void lr_sc(void) {
    uint64_t loaded, failed;
    cell[0] = 0x1111222233334444ull;
    asm volatile("lr.d %0, (%2); sc.d %1, %3, (%2)" : "=&r"(loaded), "=&r"(failed) : "r"(&cell[0]), "r"(0x55ull) : "memory");
    show("lr.d value", loaded);
    show("sc.d after lr.d fails", failed);
    show("cell", cell[0]);
    asm volatile("sc.d %0, %2, (%1)" : "=&r"(failed) : "r"(&cell[0]), "r"(0x66ull) : "memory");
    show("second sc.d fails", failed);
    show("cell", cell[0]);
    asm volatile("lr.w %0, (%2); sc.w %1, %3, (%2)" : "=&r"(loaded), "=&r"(failed) : "r"(&cell[0]), "r"(0x80000000ull) : "memory");
    show("lr.w value (sign-extended)", loaded);
    show("sc.w fails", failed);
    show("cell", cell[0]);
    asm volatile("lr.d %0, (%2); sc.d %1, %3, (%3)" : "=&r"(loaded), "=&r"(failed) : "r"(&cell[0]), "r"(&cell[1]) : "memory");
    show("sc.d to other address fails", failed);
    asm volatile("lr.d %0, (%2); sd zero, 0(%2); sc.d %1, %3, (%2)" : "=&r"(loaded), "=&r"(failed) : "r"(&cell[0]), "r"(7ull) : "memory");
    show("sc.d after own store fails", failed);
    show("cell", cell[0]);
    uint64_t counter = 0;
    for (int i = 0; i < 100; i++) {
        uint64_t old, fail;
        do {
            asm volatile("lr.d %0, (%2); addi %0, %0, 3; sc.d %1, %0, (%2)" : "=&r"(old), "=&r"(fail) : "r"(&cell[1]) : "memory");
        } while (fail);
        counter++;
    }
    show("lr/sc loop cell", cell[1]);
}

int main(void) {
    swap_w(); add_w(); xor_w(); and_w(); or_w(); min_w(); max_w(); minu_w(); maxu_w();
    swap_d(); add_d(); xor_d(); and_d(); or_d(); min_d(); max_d(); minu_d(); maxu_d();
    add_w_aqrl(); swap_d_aq();
    lr_sc();
    puts_("atomic done\n");
    return 0;
}
