/* Hot-swap witness: sets the UART scratch register once, then prints numbered lines for a few seconds while the shell
 * swaps and reloads the UART; each line checks that the scratch register kept its value. Exits 0 when it did. */
#include "guest.h"

#define UART_SCRATCH ((volatile uint8_t *)0x10000007)
#define SCRATCH_MARK 0x5a
#define LINES 4000
#define DELAY 20000

int main(void) {
    *UART_SCRATCH = SCRATCH_MARK;
    for (int line = 0; line < LINES; line++) {
        if (*UART_SCRATCH != SCRATCH_MARK) {
            puts_("scratch register lost at line ");
            putdec(line);
            putch('\n');
            guest_exit(2);
        }
        puts_("line ");
        putdec(line);
        putch('\n');
        for (volatile int delay = 0; delay < DELAY; delay++) {
        }
    }
    puts_("scratch register kept\n");
    return 0;
}
