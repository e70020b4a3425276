/* Physical memory protection: NAPOT, TOR and NA4 entries checked for S-mode loads, stores and fetches, the first
 * matching entry deciding, partial matches failing, M-mode unaffected until an entry is locked, locked entries and
 * their addresses ignoring writes; prints each trap and the registers read back. */
#include "priv.h"

static uint8_t pages[8][4096] __attribute__((aligned(4096)));
static uint64_t value;

static void ignore(uint64_t cause) {
    (void)cause;
}

__attribute__((noinline)) static void load(uint64_t address) {
    asm volatile("ld %0, 0(%1)" : "=r"(value) : "r"(address) : "memory");
}

__attribute__((noinline)) static void store(uint64_t address) {
    asm volatile("sd %0, 0(%1)" ::"r"(0x77ull), "r"(address) : "memory");
}

__attribute__((noinline)) static void call(uint64_t address) {
    asm volatile("jalr ra, %0, 0" ::"r"(address) : "ra", "memory");
}

static void in_s(const char *what, void (*access)(uint64_t), uint64_t address) {
    enter_mode(MODE_S);
    access(address);
    back_to_m();
    report(what);
}

static void in_m(const char *what, void (*access)(uint64_t), uint64_t address) {
    access(address);
    report(what);
}

#define NAPOT(base, size) (((uint64_t)(base) >> 2) | (((size) >> 3) - 1))
#define CFG(entry, bits) ((uint64_t)(bits) << (8 * (entry)))
#define PMP_R 1
#define PMP_W 2
#define PMP_X 4
#define PMP_TOR 0x08
#define PMP_NA4 0x10
#define PMP_NAPOT 0x18
#define PMP_L 0x80

int main(void) {
    priv_init();
    priv_interrupt_hook = ignore;
    *(volatile uint32_t *)pages[6] = 0x00008067; /* ret */

    CSR_WRITE(pmpaddr0, NAPOT(pages[0], 4096));
    CSR_WRITE(pmpaddr1, (uint64_t)pages[1] >> 2);
    CSR_WRITE(pmpaddr2, (uint64_t)pages[2] >> 2);
    CSR_WRITE(pmpaddr3, ((uint64_t)pages[3] + 8) >> 2);
    CSR_WRITE(pmpaddr4, NAPOT(pages[3], 4096));
    CSR_WRITE(pmpaddr5, NAPOT(pages[6], 4096));
    CSR_WRITE(pmpcfg0, CFG(0, PMP_NAPOT | PMP_R) | CFG(2, PMP_TOR) | CFG(3, PMP_NA4 | PMP_R | PMP_W)
            | CFG(4, PMP_NAPOT) | CFG(5, PMP_NAPOT | PMP_R));
    show("pmpcfg0", CSR_READ(pmpcfg0));
    show("pmpaddr0 (NAPOT 4 KiB)", CSR_READ(pmpaddr0) - ((uint64_t)pages[0] >> 2));

    in_s("S load, NAPOT R", load, (uint64_t)pages[0] + 16);
    in_s("S store, NAPOT R", store, (uint64_t)pages[0] + 16);
    in_s("S load, TOR none", load, (uint64_t)pages[1] + 0xff8);
    in_s("S load just past TOR", load, (uint64_t)pages[2]);
    in_s("S store of 8 bytes at the NA4 entry (partial)", store, (uint64_t)pages[3] + 8);
    in_s("S load, NAPOT none after NA4", load, (uint64_t)pages[3] + 16);
    in_s("S load, partial NA4 match", load, (uint64_t)pages[3] + 4);
    in_s("S call, NAPOT R (no X)", call, (uint64_t)pages[6]);
    in_m("M store, entries unlocked", store, (uint64_t)pages[0]);
    in_m("M call, entries unlocked", call, (uint64_t)pages[6]);

    CSR_WRITE(pmpcfg0, CFG(0, PMP_NAPOT | PMP_R) | CFG(2, PMP_TOR) | CFG(3, PMP_NA4 | PMP_R | PMP_W)
            | CFG(4, PMP_NAPOT) | CFG(5, PMP_NAPOT | PMP_R | PMP_X | PMP_L));
    in_m("M store, locked R|X", store, (uint64_t)pages[6] + 8);
    in_m("M load, locked R|X", load, (uint64_t)pages[6] + 8);
    in_m("M call, locked R|X", call, (uint64_t)pages[6]);
    in_s("S call, locked R|X", call, (uint64_t)pages[6]);
    CSR_WRITE(pmpcfg0, 0);
    show("pmpcfg0 after clearing (entry 5 locked)", CSR_READ(pmpcfg0));
    CSR_WRITE(pmpaddr5, 0);
    show("pmpaddr5 locked", CSR_READ(pmpaddr5) - NAPOT(pages[6], 4096));

    CSR_WRITE(pmpaddr6, (uint64_t)pages[7] >> 2);
    CSR_WRITE(pmpaddr7, ((uint64_t)pages[7] + 4096) >> 2);
    CSR_WRITE(pmpcfg0, CFG(5, PMP_NAPOT | PMP_R | PMP_X | PMP_L) | CFG(7, PMP_TOR | PMP_R | PMP_L));
    CSR_WRITE(pmpaddr6, 0);
    show("pmpaddr6 under a locked TOR entry 7", CSR_READ(pmpaddr6) - ((uint64_t)pages[7] >> 2));
    in_m("M store, locked TOR R", store, (uint64_t)pages[7]);
    show("pmpcfg0 final", CSR_READ(pmpcfg0));
    puts_("pmp done\n");
    return 0;
}
