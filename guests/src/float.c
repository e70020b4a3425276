/*
 * F and D: every arithmetic op, FMA, conversion, compare, sign injection and classify, in each static rounding
 * mode and dynamically through frm, over edge values (zeros, subnormals, normals, infinities, NaNs), with fflags.
 * Each line is a hash of every (result bits, fflags) pair of one op and mode; build with -DVERBOSE for details.
 */
#include "guest.h"

static const uint64_t doubles[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
    0x4000000000000000ull, 0x3fe0000000000000ull, 0x3ff0000000000001ull, 0x3fefffffffffffffull,
    0x4008000000000000ull, 0x3fb999999999999aull, 0x7fefffffffffffffull, 0xffefffffffffffffull,
    0x0010000000000000ull, 0x000fffffffffffffull, 0x0000000000000001ull, 0x8000000000000001ull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull,
    0xfff8000000000001ull, 0x43e0000000000000ull, 0xc3e0000000000000ull, 0x41dfffffffc00000ull,
    0x41e0000000000000ull, 0xc1e0000000200000ull, 0x4330000000000001ull, 0x3ff8000000000000ull,
    0x4004000000000000ull, 0xc00c000000000000ull, 0x47efffffe0000000ull, 0x3690000000000000ull,
    0x3ca0000000000000ull, 0x0018000000000000ull, 0x43f0000000000000ull, 0xbfe8000000000000ull,
};
static const uint32_t singles[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x40000000, 0x3f000000, 0x3f800001, 0x3f7fffff,
    0x40400000, 0x3dcccccd, 0x7f7fffff, 0xff7fffff, 0x00800000, 0x007fffff, 0x00000001, 0x80000001,
    0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0xffc00001, 0x5f000000, 0xdf000000, 0x4effffff,
    0x4f000000, 0xcf000001, 0x4b000001, 0x3fc00000, 0x40200000, 0xc0600000, 0x34000000, 0x0c000000,
    0x33800000, 0x00c00000, 0x5f800000, 0xbf400000,
};
static const uint64_t integers[] = {
    0, 1, 2, 3, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000001ull, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xffffffffffffffffull, 0xfffffffffffffff7ull, 0x0020000000000001ull, 0x123456789abcdefull,
    0x1000001, 0xffffffff7fffffffull,
};
#define ND (sizeof doubles / sizeof doubles[0])
#define NS (sizeof singles / sizeof singles[0])
#define NI (sizeof integers / sizeof integers[0])
#define BOX(s) (0xffffffff00000000ull | (s))

static uint64_t hash;
static void mix(uint64_t value, uint64_t flags) {
#ifdef VERBOSE
    puthex(value);
    putch(' ');
    puthex(flags);
    putch('\n');
#endif
    hash = (hash ^ value) * 0x100000001b3ull;
    hash = (hash ^ flags) * 0x100000001b3ull;
}
static uint64_t take_flags(void) {
    uint64_t flags;
    asm volatile("csrrw %0, fflags, zero" : "=r"(flags));
    return flags;
}

/* Binary op in one rounding mode; operands and result as raw bits through fmv. */
#define BIN(fn, insn, mv, rm)                                                                          \
    static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) {                                           \
        uint64_t r;                                                                                    \
        (void)c;                                                                                       \
        asm volatile("fmv.d.x ft0, %1; fmv.d.x ft1, %2; " insn " ft2, ft0, ft1, " rm "; " mv " %0, ft2" \
                     : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1", "ft2");                                \
        return r;                                                                                      \
    }
#define TERN(fn, insn, rm)                                                                             \
    static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) {                                           \
        uint64_t r;                                                                                    \
        asm volatile("fmv.d.x ft0, %1; fmv.d.x ft1, %2; fmv.d.x ft3, %3; " insn " ft2, ft0, ft1, ft3, " rm "; fmv.x.d %0, ft2" \
                     : "=r"(r) : "r"(a), "r"(b), "r"(c) : "ft0", "ft1", "ft2", "ft3");                 \
        return r;                                                                                      \
    }
#define UN(fn, insn, rm)                                                                               \
    static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) {                                           \
        uint64_t r;                                                                                    \
        (void)b; (void)c;                                                                              \
        asm volatile("fmv.d.x ft0, %1; " insn " ft2, ft0, " rm "; fmv.x.d %0, ft2" : "=r"(r) : "r"(a) : "ft0", "ft2"); \
        return r;                                                                                      \
    }
#define TOINT(fn, insn, rm)                                                                            \
    static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) {                                           \
        uint64_t r;                                                                                    \
        (void)b; (void)c;                                                                              \
        asm volatile("fmv.d.x ft0, %1; " insn " %0, ft0, " rm : "=r"(r) : "r"(a) : "ft0");             \
        return r;                                                                                      \
    }
#define FROMINT(fn, insn, rm)                                                                          \
    static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) {                                           \
        uint64_t r;                                                                                    \
        (void)b; (void)c;                                                                              \
        asm volatile(insn " ft2, %1, " rm "; fmv.x.d %0, ft2" : "=r"(r) : "r"(a) : "ft2");              \
        return r;                                                                                      \
    }
/* Exact conversions take no rounding mode in the assembler. */
#define UNEXACT(fn, insn)                                                                              \
    static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) {                                           \
        uint64_t r;                                                                                    \
        (void)b; (void)c;                                                                              \
        asm volatile("fmv.d.x ft0, %1; " insn " ft2, ft0; fmv.x.d %0, ft2" : "=r"(r) : "r"(a) : "ft0", "ft2"); \
        return r;                                                                                      \
    }
#define FROMINTEXACT(fn, insn)                                                                         \
    static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) {                                           \
        uint64_t r;                                                                                    \
        (void)b; (void)c;                                                                              \
        asm volatile(insn " ft2, %1; fmv.x.d %0, ft2" : "=r"(r) : "r"(a) : "ft2");                      \
        return r;                                                                                      \
    }
#define NORM(fn, insn)                                                                                 \
    static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) {                                           \
        uint64_t r;                                                                                    \
        (void)c;                                                                                       \
        asm volatile("fmv.d.x ft0, %1; fmv.d.x ft1, %2; " insn : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1", "ft2"); \
        return r;                                                                                      \
    }

#define ROUNDED(X)                                                                                     \
    X(rne, "rne") X(rtz, "rtz") X(rdn, "rdn") X(rup, "rup") X(rmm, "rmm") X(dyn, "dyn")

#define ARITH(suffix, rm)                                                                              \
    BIN(fadd_d_##suffix, "fadd.d", "fmv.x.d", rm) BIN(fsub_d_##suffix, "fsub.d", "fmv.x.d", rm)         \
    BIN(fmul_d_##suffix, "fmul.d", "fmv.x.d", rm) BIN(fdiv_d_##suffix, "fdiv.d", "fmv.x.d", rm)         \
    BIN(fadd_s_##suffix, "fadd.s", "fmv.x.d", rm) BIN(fsub_s_##suffix, "fsub.s", "fmv.x.d", rm)         \
    BIN(fmul_s_##suffix, "fmul.s", "fmv.x.d", rm) BIN(fdiv_s_##suffix, "fdiv.s", "fmv.x.d", rm)         \
    UN(fsqrt_d_##suffix, "fsqrt.d", rm) UN(fsqrt_s_##suffix, "fsqrt.s", rm)                            \
    UN(fcvt_s_d_##suffix, "fcvt.s.d", rm) UNEXACT(fcvt_d_s_##suffix, "fcvt.d.s")                        \
    TERN(fmadd_d_##suffix, "fmadd.d", rm) TERN(fmsub_d_##suffix, "fmsub.d", rm)                        \
    TERN(fnmadd_d_##suffix, "fnmadd.d", rm) TERN(fnmsub_d_##suffix, "fnmsub.d", rm)                    \
    TERN(fmadd_s_##suffix, "fmadd.s", rm) TERN(fmsub_s_##suffix, "fmsub.s", rm)                        \
    TERN(fnmadd_s_##suffix, "fnmadd.s", rm) TERN(fnmsub_s_##suffix, "fnmsub.s", rm)                    \
    TOINT(fcvt_w_d_##suffix, "fcvt.w.d", rm) TOINT(fcvt_wu_d_##suffix, "fcvt.wu.d", rm)                \
    TOINT(fcvt_l_d_##suffix, "fcvt.l.d", rm) TOINT(fcvt_lu_d_##suffix, "fcvt.lu.d", rm)                \
    TOINT(fcvt_w_s_##suffix, "fcvt.w.s", rm) TOINT(fcvt_wu_s_##suffix, "fcvt.wu.s", rm)                \
    TOINT(fcvt_l_s_##suffix, "fcvt.l.s", rm) TOINT(fcvt_lu_s_##suffix, "fcvt.lu.s", rm)                \
    FROMINTEXACT(fcvt_d_w_##suffix, "fcvt.d.w") FROMINTEXACT(fcvt_d_wu_##suffix, "fcvt.d.wu")            \
    FROMINT(fcvt_d_l_##suffix, "fcvt.d.l", rm) FROMINT(fcvt_d_lu_##suffix, "fcvt.d.lu", rm)            \
    FROMINT(fcvt_s_w_##suffix, "fcvt.s.w", rm) FROMINT(fcvt_s_wu_##suffix, "fcvt.s.wu", rm)            \
    FROMINT(fcvt_s_l_##suffix, "fcvt.s.l", rm) FROMINT(fcvt_s_lu_##suffix, "fcvt.s.lu", rm)
ROUNDED(ARITH)

NORM(fmin_d, "fmin.d ft2, ft0, ft1; fmv.x.d %0, ft2") NORM(fmax_d, "fmax.d ft2, ft0, ft1; fmv.x.d %0, ft2")
NORM(fmin_s, "fmin.s ft2, ft0, ft1; fmv.x.d %0, ft2") NORM(fmax_s, "fmax.s ft2, ft0, ft1; fmv.x.d %0, ft2")
NORM(fsgnj_d, "fsgnj.d ft2, ft0, ft1; fmv.x.d %0, ft2") NORM(fsgnjn_d, "fsgnjn.d ft2, ft0, ft1; fmv.x.d %0, ft2")
NORM(fsgnjx_d, "fsgnjx.d ft2, ft0, ft1; fmv.x.d %0, ft2") NORM(fsgnj_s, "fsgnj.s ft2, ft0, ft1; fmv.x.d %0, ft2")
NORM(fsgnjn_s, "fsgnjn.s ft2, ft0, ft1; fmv.x.d %0, ft2") NORM(fsgnjx_s, "fsgnjx.s ft2, ft0, ft1; fmv.x.d %0, ft2")
NORM(feq_d, "feq.d %0, ft0, ft1") NORM(flt_d, "flt.d %0, ft0, ft1") NORM(fle_d, "fle.d %0, ft0, ft1")
NORM(feq_s, "feq.s %0, ft0, ft1") NORM(flt_s, "flt.s %0, ft0, ft1") NORM(fle_s, "fle.s %0, ft0, ft1")
NORM(fclass_d, "fclass.d %0, ft0") NORM(fclass_s, "fclass.s %0, ft0")
NORM(fmv_x_w, "fmv.x.w %0, ft0")
static uint64_t fmv_w_x(uint64_t a, uint64_t b, uint64_t c) {
    uint64_t r;
    (void)b; (void)c;
    asm volatile("fmv.w.x ft2, %1; fmv.x.d %0, ft2" : "=r"(r) : "r"(a) : "ft2");
    return r;
}

typedef uint64_t (*fn3)(uint64_t, uint64_t, uint64_t);
enum kind { D1, D2, D3, S1, S2, S3, I1 };

static void run(const char *name, const char *mode, fn3 fn, enum kind kind, int frm) {
    hash = 0xcbf29ce484222325ull;
    asm volatile("csrw frm, %0" ::"r"((uint64_t)frm));
    take_flags();
    unsigned n = kind == I1 ? NI : kind <= D3 ? ND : NS;
    unsigned n2 = kind == D2 || kind == S2 ? n : kind == D3 || kind == S3 ? 12 : 1;
    unsigned n3 = kind == D3 || kind == S3 ? 9 : 1;
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = 0; j < n2; j++) {
            for (unsigned k = 0; k < n3; k++) {
                uint64_t a, b, c;
                if (kind == I1) {
                    a = integers[i]; b = c = 0;
                } else if (kind <= D3) {
                    a = doubles[i]; b = doubles[(j * 5 + i) % ND]; c = doubles[(k * 7 + j) % ND];
                    if (kind == D2) b = doubles[j];
                } else {
                    a = BOX(singles[i]); b = BOX(singles[(j * 5 + i) % NS]); c = BOX(singles[(k * 7 + j) % NS]);
                    if (kind == S2) b = BOX(singles[j]);
                }
                uint64_t r = fn(a, b, c);
                mix(r, take_flags());
            }
        }
    }
    puts_(name);
    putch(' ');
    puts_(mode);
    putch(' ');
    puthex(hash);
    putch('\n');
}

#define RUN_MODE(suffix, rm, frm)                                                                     \
    run("fadd.d", rm, fadd_d_##suffix, D2, frm); run("fsub.d", rm, fsub_d_##suffix, D2, frm);           \
    run("fmul.d", rm, fmul_d_##suffix, D2, frm); run("fdiv.d", rm, fdiv_d_##suffix, D2, frm);           \
    run("fadd.s", rm, fadd_s_##suffix, S2, frm); run("fsub.s", rm, fsub_s_##suffix, S2, frm);           \
    run("fmul.s", rm, fmul_s_##suffix, S2, frm); run("fdiv.s", rm, fdiv_s_##suffix, S2, frm);           \
    run("fsqrt.d", rm, fsqrt_d_##suffix, D1, frm); run("fsqrt.s", rm, fsqrt_s_##suffix, S1, frm);       \
    run("fcvt.s.d", rm, fcvt_s_d_##suffix, D1, frm); run("fcvt.d.s", rm, fcvt_d_s_##suffix, S1, frm);   \
    run("fmadd.d", rm, fmadd_d_##suffix, D3, frm); run("fmsub.d", rm, fmsub_d_##suffix, D3, frm);       \
    run("fnmadd.d", rm, fnmadd_d_##suffix, D3, frm); run("fnmsub.d", rm, fnmsub_d_##suffix, D3, frm);   \
    run("fmadd.s", rm, fmadd_s_##suffix, S3, frm); run("fmsub.s", rm, fmsub_s_##suffix, S3, frm);       \
    run("fnmadd.s", rm, fnmadd_s_##suffix, S3, frm); run("fnmsub.s", rm, fnmsub_s_##suffix, S3, frm);   \
    run("fcvt.w.d", rm, fcvt_w_d_##suffix, D1, frm); run("fcvt.wu.d", rm, fcvt_wu_d_##suffix, D1, frm); \
    run("fcvt.l.d", rm, fcvt_l_d_##suffix, D1, frm); run("fcvt.lu.d", rm, fcvt_lu_d_##suffix, D1, frm); \
    run("fcvt.w.s", rm, fcvt_w_s_##suffix, S1, frm); run("fcvt.wu.s", rm, fcvt_wu_s_##suffix, S1, frm); \
    run("fcvt.l.s", rm, fcvt_l_s_##suffix, S1, frm); run("fcvt.lu.s", rm, fcvt_lu_s_##suffix, S1, frm); \
    run("fcvt.d.w", rm, fcvt_d_w_##suffix, I1, frm); run("fcvt.d.wu", rm, fcvt_d_wu_##suffix, I1, frm); \
    run("fcvt.d.l", rm, fcvt_d_l_##suffix, I1, frm); run("fcvt.d.lu", rm, fcvt_d_lu_##suffix, I1, frm); \
    run("fcvt.s.w", rm, fcvt_s_w_##suffix, I1, frm); run("fcvt.s.wu", rm, fcvt_s_wu_##suffix, I1, frm); \
    run("fcvt.s.l", rm, fcvt_s_l_##suffix, I1, frm); run("fcvt.s.lu", rm, fcvt_s_lu_##suffix, I1, frm);

static void nan_boxing(void) {
    /* A single operand that is not NaN-boxed reads as the canonical NaN. */
    show("fadd.s unboxed", fadd_s_rne(0x000000003f800000ull, BOX(0x3f800000), 0));
    show("fadd.s half boxed", fadd_s_rne(0xffff00003f800000ull, BOX(0x3f800000), 0));
    show("fsgnj.s unboxed", fsgnj_s(0x000000003f800000ull, BOX(0xbf800000), 0));
    show("fmv.x.w unboxed", fmv_x_w(0x12345678bf800000ull, 0, 0));
    show("fclass.s unboxed", fclass_s(0x00000000ff800000ull, 0, 0));
    show("fmv.w.x boxes", fmv_w_x(0xabcdef0112345678ull, 0, 0));
    show("fcvt.d.s unboxed", fcvt_d_s_rne(0x7f800000ull, 0, 0));
    take_flags();
    uint64_t loaded;
    static volatile uint32_t word = 0x40490fdb;
    asm volatile("flw ft0, 0(%1); fmv.x.d %0, ft0" : "=r"(loaded) : "r"(&word) : "ft0");
    show("flw boxes", loaded);
    static volatile uint64_t stored;
    asm volatile("fmv.d.x ft0, %1; fsw ft0, 0(%0)" ::"r"(&stored), "r"(0x11223344aabbccddull) : "ft0", "memory");
    show("fsw stores low word", stored);
    asm volatile("fmv.d.x ft0, %1; fsd ft0, 0(%0)" ::"r"(&stored), "r"(0x11223344aabbccddull) : "ft0", "memory");
    show("fsd", stored);
}

int main(void) {
    RUN_MODE(rne, "rne", 0)
    RUN_MODE(rtz, "rtz", 0)
    RUN_MODE(rdn, "rdn", 0)
    RUN_MODE(rup, "rup", 0)
    RUN_MODE(rmm, "rmm", 0)
    for (int frm = 0; frm < 5; frm++) {
        static const char *names[] = {"dyn-rne", "dyn-rtz", "dyn-rdn", "dyn-rup", "dyn-rmm"};
        RUN_MODE(dyn, names[frm], frm)
    }
    asm volatile("csrw frm, zero");
    run("fmin.d", "-", fmin_d, D2, 0); run("fmax.d", "-", fmax_d, D2, 0);
    run("fmin.s", "-", fmin_s, S2, 0); run("fmax.s", "-", fmax_s, S2, 0);
    run("fsgnj.d", "-", fsgnj_d, D2, 0); run("fsgnjn.d", "-", fsgnjn_d, D2, 0); run("fsgnjx.d", "-", fsgnjx_d, D2, 0);
    run("fsgnj.s", "-", fsgnj_s, S2, 0); run("fsgnjn.s", "-", fsgnjn_s, S2, 0); run("fsgnjx.s", "-", fsgnjx_s, S2, 0);
    run("feq.d", "-", feq_d, D2, 0); run("flt.d", "-", flt_d, D2, 0); run("fle.d", "-", fle_d, D2, 0);
    run("feq.s", "-", feq_s, S2, 0); run("flt.s", "-", flt_s, S2, 0); run("fle.s", "-", fle_s, S2, 0);
    run("fclass.d", "-", fclass_d, D1, 0); run("fclass.s", "-", fclass_s, S1, 0);
    run("fmv.x.w", "-", fmv_x_w, S1, 0);
    nan_boxing();
    puts_("float done\n");
    return 0;
}
