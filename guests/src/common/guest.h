/* Guest runtime: UART output, exit through the SiFive test device, hex printing, trap recording. */
#ifndef GUEST_H
#define GUEST_H
#include <stdint.h>

void putch(int c);
void puts_(const char *s);
void puthex(uint64_t value);           /* 16 hex digits */
void putdec(uint64_t value);
void show(const char *label, uint64_t value); /* "label=0123456789abcdef\n" */
void guest_exit(int status) __attribute__((noreturn));
/* Entered by each hart other than 0 (own stack, after hart 0 set memory up); the default parks the hart. */
void secondary_main(uint64_t hartid);

/* What the last trap recorded; trap_count counts traps taken. */
struct trap_record { uint64_t mcause, mepc, mtval; };
extern volatile struct trap_record last_trap;
extern volatile int trap_count;
/* When nonzero, a trap resumes at the instruction after the faulting one (or at ra for fetch faults). */
extern volatile int traps_expected;

#define CSR_READ(name) ({ uint64_t v_; asm volatile("csrr %0, " #name : "=r"(v_)); v_; })
#define CSR_WRITE(name, v) asm volatile("csrw " #name ", %0" :: "r"((uint64_t)(v)))
#endif
