/* SBI HSM from an S-mode payload on two harts: probes the extension, starts the other hart twice (it reports its
   hart id and opaque value, then stops itself), and checks the errors for a running and a missing hart. Prints only
   what does not depend on which hart OpenSBI chose to boot on, so that the output matches QEMU's. */
#include "guest.h"

#define SBI_EXT_BASE 0x10
#define SBI_EXT_HSM 0x48534d
#define HSM_START 0
#define HSM_STOP 1
#define HSM_STATUS 2

struct sbiret { long error; long value; };

static struct sbiret sbi_call(long extension, long function, long arg0, long arg1, long arg2) {
    register long a0 asm("a0") = arg0, a1 asm("a1") = arg1, a2 asm("a2") = arg2;
    register long a6 asm("a6") = function, a7 asm("a7") = extension;
    asm volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a6), "r"(a7) : "memory");
    return (struct sbiret){a0, a1};
}

extern char hart_entry[];
static volatile uint64_t reported_hart, reported_opaque, reports;

void secondary(uint64_t hartid, uint64_t opaque) {
    reported_hart = hartid;
    reported_opaque = opaque;
    __atomic_fetch_add(&reports, 1, __ATOMIC_RELEASE);
    sbi_call(SBI_EXT_HSM, HSM_STOP, 0, 0, 0);
    puts_("hsm: hart_stop returned\n"); /* never: a stopped hart does not come back */
}

static void print(const char *label, long value) {
    puts_("hsm: ");
    puts_(label);
    putch(' ');
    if (value < 0) {
        putch('-');
        value = -value;
    }
    putdec((uint64_t)value);
    putch('\n');
}

/* Waits until the other hart's HSM status is `status`; returns the polls it took, capped. */
static void await_status(long hart, long status) {
    for (int i = 0; i < 10000000; i++) {
        if (sbi_call(SBI_EXT_HSM, HSM_STATUS, hart, 0, 0).value == status) {
            return;
        }
    }
    print("timed out waiting for status", status);
}

int main(uint64_t boot_hart) {
    long other = (long)(boot_hart ^ 1);
    print("probe hsm", sbi_call(SBI_EXT_BASE, 3, SBI_EXT_HSM, 0, 0).value);
    print("other hart status", sbi_call(SBI_EXT_HSM, HSM_STATUS, other, 0, 0).value);
    for (uint64_t round = 1; round <= 2; round++) {
        print("start error", sbi_call(SBI_EXT_HSM, HSM_START, other, (long)hart_entry, 0x5a00 + round).error);
        while (__atomic_load_n(&reports, __ATOMIC_ACQUIRE) != round) {
        }
        print("started hart is the other", reported_hart == (uint64_t)other);
        print("opaque", (long)reported_opaque);
        await_status(other, 1);
        print("status after stop", sbi_call(SBI_EXT_HSM, HSM_STATUS, other, 0, 0).value);
    }
    print("start running hart error", sbi_call(SBI_EXT_HSM, HSM_START, (long)boot_hart, (long)hart_entry, 0).error);
    print("start missing hart error", sbi_call(SBI_EXT_HSM, HSM_START, 99, (long)hart_entry, 0).error);
    print("status missing hart error", sbi_call(SBI_EXT_HSM, HSM_STATUS, 99, 0, 0).error);
    return 0;
}
