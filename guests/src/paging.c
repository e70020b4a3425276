/* Sv39, Sv48 and Sv57 paging in S-mode: A and D bits set by the walk, page faults (load, store, fetch) with stval, U pages
 * and SUM, execute-only pages and MXR, reserved encodings, misaligned and aligned superpages, non-canonical
 * addresses, MPRV from M-mode, sfence.vma after a PTE change. Prints each trap and the PTEs the walk updated. */
#include "priv.h"

#define V 1ull
#define R 2ull
#define W 4ull
#define X 8ull
#define U 16ull
#define A 64ull
#define D 128ull
#define LEAF(pa, bits) ((((uint64_t)(pa)) >> 12) << 10 | (bits) | V)
#define TABLE(pa) ((((uint64_t)(pa)) >> 12) << 10 | V)
#define PAGE(n) (0x40000000ull + (n) * 0x1000ull)

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t root48[512] __attribute__((aligned(4096)));
static uint64_t root57[512] __attribute__((aligned(4096)));
static uint64_t level1[512] __attribute__((aligned(4096)));
static uint64_t level0[512] __attribute__((aligned(4096)));
static uint8_t pages[8][4096] __attribute__((aligned(4096)));
static uint64_t value;

static void ignore(uint64_t cause) {
    (void)cause;
}

__attribute__((noinline)) static void load(uint64_t address) {
    asm volatile("ld %0, 0(%1)" : "=r"(value) : "r"(address) : "memory");
}

__attribute__((noinline)) static void store(uint64_t address) {
    asm volatile("sd %0, 0(%1)" ::"r"(0x1122334455667788ull), "r"(address) : "memory");
}

__attribute__((noinline)) static void amoadd(uint64_t address) {
    asm volatile("amoadd.d %0, %1, (%2)" : "=r"(value) : "r"(1ull), "r"(address) : "memory");
}

__attribute__((noinline)) static void load_reserved(uint64_t address) {
    asm volatile("lr.d %0, (%1)" : "=r"(value) : "r"(address) : "memory");
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

/* Turns translation on with the given satp mode (8 Sv39, 9 Sv48, 10 Sv57) and root table, and shows the mode kept. */
static void translate_with(uint64_t mode, uint64_t *table) {
    CSR_WRITE(satp, mode << 60 | (uint64_t)table >> 12);
    asm volatile("sfence.vma");
    show("satp mode", CSR_READ(satp) >> 60);
}

int main(void) {
    priv_init();
    priv_interrupt_hook = ignore;
    CSR_WRITE(medeleg, (1 << 12) | (1 << 13) | (1 << 15));
    root[0] = LEAF(0, R | W | A | D);                    /* devices, identity */
    root[2] = LEAF(0x80000000ull, R | W | X | A | D);    /* RAM, identity */
    root[1] = TABLE(level1);                             /* 0x40000000: the test pages */
    level1[0] = TABLE(level0);
    level1[1] = LEAF((uint64_t)pages[0], R | A);         /* a misaligned 2 MiB superpage */
    level1[2] = LEAF(0x80000000ull, R | A);              /* an aligned one */
    level0[0] = LEAF(pages[0], R);
    level0[1] = LEAF(pages[1], R | W);
    level0[3] = LEAF(pages[3], R | W | U | A | D);
    level0[4] = LEAF(pages[4], X | A);
    level0[5] = LEAF(pages[5], W | A | D);
    level0[6] = LEAF(pages[6], X | A);
    level0[7] = LEAF(pages[7], R | W | A | D);
    *(volatile uint32_t *)pages[6] = 0x00008067; /* ret */
    *(volatile uint64_t *)pages[0] = 0x0a0a0a0a0a0a0a0aull;
    root48[0] = TABLE(root);
    translate_with(8, root);

    in_s("load, A clear", load, PAGE(0));
    show("value", value);
    show("pte 0 after load (A set)", level0[0] & 0xff);
    in_s("store to read-only", store, PAGE(0));
    in_s("store, A and D clear", store, PAGE(1));
    show("pte 1 after store (A, D set)", level0[1] & 0xff);
    in_s("load invalid", load, PAGE(2) + 8);
    in_s("amoadd.d on invalid", amoadd, PAGE(2) + 8);
    in_s("lr.d on invalid", load_reserved, PAGE(2) + 8);
    in_s("amoadd.d on read-only", amoadd, PAGE(0) + 8);
    in_s("load U page without SUM", load, PAGE(3));
    asm volatile("li t0, 0x40000; csrs mstatus, t0" ::: "t0");
    in_s("load U page with SUM", load, PAGE(3));
    asm volatile("li t0, 0x40000; csrc mstatus, t0" ::: "t0");
    in_s("load execute-only", load, PAGE(4));
    asm volatile("li t0, 0x80000; csrs mstatus, t0" ::: "t0");
    in_s("load execute-only with MXR", load, PAGE(4));
    asm volatile("li t0, 0x80000; csrc mstatus, t0" ::: "t0");
    in_s("load W-only (reserved)", load, PAGE(5));
    in_s("call executable page", call, PAGE(6));
    in_s("call non-executable page", call, PAGE(7));
    in_s("load misaligned superpage", load, 0x40200000ull);
    in_s("load aligned superpage", load, 0x40400000ull + 0x10);
    show("value", value);
    in_s("load non-canonical Sv39", load, 0x0000004000000000ull);
    in_s("store high unmapped", store, 0xffffffffc0000000ull);

    level0[2] = LEAF(pages[2], R | A);
    *(volatile uint64_t *)pages[2] = 0x2222;
    asm volatile("sfence.vma");
    in_s("load after PTE change and sfence.vma", load, PAGE(2));
    show("value", value);

    asm volatile("li t0, 0x20800; csrs mstatus, t0" ::: "t0"); /* MPRV, MPP = S */
    asm volatile("li t0, 0x1000; csrc mstatus, t0" ::: "t0");
    store(PAGE(7));
    load(PAGE(7));
    asm volatile("li t0, 0x20000; csrc mstatus, t0" ::: "t0");
    report("M store and load with MPRV (S translation)");
    show("value", value);
    show("pages[7] in M (physical)", *(volatile uint64_t *)pages[7]);

    translate_with(9, root48);
    in_s("Sv48 load", load, PAGE(0));
    show("value", value);
    in_s("Sv48 load beyond the first 512 GiB", load, 0x0000008000000000ull);
    in_s("Sv48 load non-canonical", load, 0x0000800000000000ull);
    root57[0] = TABLE(root48);
    translate_with(10, root57);
    in_s("Sv57 load", load, PAGE(0));
    show("value", value);
    in_s("Sv57 load beyond the first 256 TiB", load, 0x0001000000000000ull);
    in_s("Sv57 load non-canonical", load, 0x0100000000000000ull);
    in_s("Sv57 load at the top, sign-extended", load, 0xff00000000000000ull);
    CSR_WRITE(satp, 7ull << 60);
    show("satp mode 7 ignored", CSR_READ(satp) >> 60);
    CSR_WRITE(satp, 0);
    puts_("paging done\n");
    return 0;
}
