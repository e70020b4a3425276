/*
 * virtio-blk through virtio-mmio (modern interface, version 2), by polling: finds the block device among the virt
 * board's 8 slots (QEMU fills the highest-numbered first, so scan them all), negotiates VERSION_1, FLUSH, BLK_SIZE and
 * SEG_MAX, sets up an 8-entry split queue, then reads sector 0 (data split over two buffers) and sector 200, writes
 * 0xc3 over sector 300 and reads it back, flushes, asks for the serial id, and sends an out-of-range read and an
 * unknown request type. Checks each time that the slot's PLIC line is pending. Prints what each request
 * returned as hex; exits 0 when every answer is the expected one.
 */
#include "guest.h"

#define SLOT_BASE 0x10001000UL
#define SLOT_STRIDE 0x1000UL
#define SLOTS 8
#define PLIC_PENDING 0x0c001000UL

enum {
    MAGIC = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, VENDOR_ID = 0x00c, DEVICE_FEATURES = 0x010,
    DEVICE_FEATURES_SEL = 0x014, DRIVER_FEATURES = 0x020, DRIVER_FEATURES_SEL = 0x024, QUEUE_SEL = 0x030,
    QUEUE_NUM_MAX = 0x034, QUEUE_NUM = 0x038, QUEUE_READY = 0x044, QUEUE_NOTIFY = 0x050, INTERRUPT_STATUS = 0x060,
    INTERRUPT_ACK = 0x064, STATUS = 0x070, QUEUE_DESC_LOW = 0x080, QUEUE_DESC_HIGH = 0x084, QUEUE_DRIVER_LOW = 0x090,
    QUEUE_DRIVER_HIGH = 0x094, QUEUE_DEVICE_LOW = 0x0a0, QUEUE_DEVICE_HIGH = 0x0a4, CONFIG = 0x100,
};
enum { S_ACKNOWLEDGE = 1, S_DRIVER = 2, S_DRIVER_OK = 4, S_FEATURES_OK = 8 };
enum { F_SEG_MAX = 2, F_BLK_SIZE = 6, F_FLUSH = 9 };
enum { T_IN = 0, T_OUT = 1, T_FLUSH = 4, T_GET_ID = 8 };
enum { DESC_NEXT = 1, DESC_WRITE = 2 };

#define QUEUE_SIZE 8

struct desc { uint64_t addr; uint32_t len; uint16_t flags, next; };
struct avail { uint16_t flags, idx, ring[QUEUE_SIZE], used_event; };
struct used_elem { uint32_t id, len; };
struct used { uint16_t flags, idx; struct used_elem ring[QUEUE_SIZE]; uint16_t avail_event; };
struct request_header { uint32_t type, reserved; uint64_t sector; };

static struct desc descs[QUEUE_SIZE] __attribute__((aligned(16)));
static struct avail avail __attribute__((aligned(2)));
static struct used used __attribute__((aligned(4)));
static struct request_header header;
static uint8_t data[512] __attribute__((aligned(8)));
static volatile uint8_t status_byte;
static uintptr_t device;
static int device_slot;
static int failures;

static uint32_t reg_read(int offset) { return *(volatile uint32_t *)(device + offset); }
static void reg_write(int offset, uint32_t value) { *(volatile uint32_t *)(device + offset) = value; }

static void expect(const char *what, uint64_t got, uint64_t wanted) {
    show(what, got);
    if (got != wanted) {
        puts_("  unexpected, wanted ");
        puthex(wanted);
        putch('\n');
        failures++;
    }
}

static void dump(const uint8_t *bytes, int length) {
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < length; i++) {
        putch(digits[bytes[i] >> 4]);
        putch(digits[bytes[i] & 15]);
        putch((i & 31) == 31 ? '\n' : ' ');
    }
}

static int add_desc(int index, void *address, uint32_t length, uint16_t flags) {
    descs[index].addr = (uintptr_t)address;
    descs[index].len = length;
    descs[index].flags = flags;
    descs[index].next = index + 1;
    return index + 1;
}

/* Queues the chain starting at descriptor 0, notifies, waits for it in the used ring; returns the used length. */
static uint32_t submit(void) {
    uint16_t seen = used.idx;
    avail.ring[avail.idx % QUEUE_SIZE] = 0;
    __sync_synchronize();
    avail.idx++;
    __sync_synchronize();
    reg_write(QUEUE_NOTIFY, 0);
    for (long spins = 0; *(volatile uint16_t *)&used.idx == seen; spins++) {
        if (spins > 100000000) {
            puts_("request never completed\n");
            guest_exit(2);
        }
    }
    __sync_synchronize();
    uint32_t interrupt = reg_read(INTERRUPT_STATUS);
    expect("  interrupt-status", interrupt, 1);
    /* The slot's line (PLIC source slot + 1) is up until acknowledged: the PLIC has it pending, though nothing claims it. */
    expect("  plic-pending", *(volatile uint32_t *)PLIC_PENDING >> (device_slot + 1) & 1, 1);
    reg_write(INTERRUPT_ACK, interrupt);
    expect("  used-id", used.ring[seen % QUEUE_SIZE].id, 0);
    return used.ring[seen % QUEUE_SIZE].len;
}

/* A request with a data buffer of `length` bytes (device-writable for reads) split into `parts` descriptors. */
static void request(uint32_t type, uint64_t sector, int length, int parts) {
    header.type = type;
    header.reserved = 0;
    header.sector = sector;
    status_byte = 0xff;
    int next = add_desc(0, &header, sizeof header, DESC_NEXT);
    uint16_t data_flags = DESC_NEXT | (type == T_OUT ? 0 : DESC_WRITE);
    for (int part = 0; part < parts; part++) {
        next = add_desc(next, data + part * (length / parts), length / parts, data_flags);
    }
    add_desc(next, (void *)&status_byte, 1, DESC_WRITE);
    show("  used-len", submit());
}

static void fill(uint8_t value) {
    for (int i = 0; i < 512; i++) {
        data[i] = value;
    }
}

int main(void) {
    for (int slot = 0; slot < SLOTS; slot++) {
        uintptr_t base = SLOT_BASE + slot * SLOT_STRIDE;
        uint32_t magic = *(volatile uint32_t *)(base + MAGIC);
        uint32_t version = *(volatile uint32_t *)(base + VERSION);
        uint32_t id = *(volatile uint32_t *)(base + DEVICE_ID);
        puts_("slot ");
        putdec(slot);
        puts_(": magic ");
        puthex(magic);
        puts_(" version ");
        putdec(version);
        puts_(" device ");
        putdec(id);
        puts_(" vendor ");
        puthex(*(volatile uint32_t *)(base + VENDOR_ID));
        putch('\n');
        if (magic == 0x74726976 && version == 2 && id == 2 && device == 0) {
            device = base;
            device_slot = slot;
        }
    }
    if (device == 0) {
        puts_("no virtio-blk found\n");
        return 1;
    }
    show("device", device);

    reg_write(STATUS, 0);
    reg_write(STATUS, S_ACKNOWLEDGE);
    reg_write(STATUS, S_ACKNOWLEDGE | S_DRIVER);
    reg_write(DEVICE_FEATURES_SEL, 0);
    uint32_t features_low = reg_read(DEVICE_FEATURES);
    reg_write(DEVICE_FEATURES_SEL, 1);
    uint32_t features_high = reg_read(DEVICE_FEATURES);
    expect("version-1-offered", features_high & 1, 1);
    uint32_t wanted = (1u << F_SEG_MAX) | (1u << F_BLK_SIZE) | (1u << F_FLUSH);
    expect("wanted-offered", features_low & wanted, wanted);
    reg_write(DRIVER_FEATURES_SEL, 0);
    reg_write(DRIVER_FEATURES, wanted);
    reg_write(DRIVER_FEATURES_SEL, 1);
    reg_write(DRIVER_FEATURES, 1); /* VIRTIO_F_VERSION_1 */
    reg_write(STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK);
    expect("status", reg_read(STATUS), S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK);

    uint64_t capacity = *(volatile uint32_t *)(device + CONFIG) | (uint64_t)*(volatile uint32_t *)(device + CONFIG + 4) << 32;
    show("capacity", capacity);
    show("seg-max", *(volatile uint32_t *)(device + CONFIG + 0x0c));
    expect("blk-size", *(volatile uint32_t *)(device + CONFIG + 0x14), 512);

    reg_write(QUEUE_SEL, 0);
    expect("queue-num-max-enough", reg_read(QUEUE_NUM_MAX) >= QUEUE_SIZE, 1);
    expect("queue-ready-before", reg_read(QUEUE_READY), 0);
    reg_write(QUEUE_NUM, QUEUE_SIZE);
    reg_write(QUEUE_DESC_LOW, (uintptr_t)descs);
    reg_write(QUEUE_DESC_HIGH, (uint64_t)(uintptr_t)descs >> 32);
    reg_write(QUEUE_DRIVER_LOW, (uintptr_t)&avail);
    reg_write(QUEUE_DRIVER_HIGH, (uint64_t)(uintptr_t)&avail >> 32);
    reg_write(QUEUE_DEVICE_LOW, (uintptr_t)&used);
    reg_write(QUEUE_DEVICE_HIGH, (uint64_t)(uintptr_t)&used >> 32);
    reg_write(QUEUE_READY, 1);
    expect("queue-ready", reg_read(QUEUE_READY), 1);
    reg_write(STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);

    puts_("read sector 0 (two buffers)\n");
    fill(0);
    request(T_IN, 0, 512, 2);
    expect("  status", status_byte, 0);
    dump(data, 64);

    puts_("read sector 200\n");
    fill(0xee);
    request(T_IN, 200, 512, 1);
    expect("  status", status_byte, 0);
    dump(data, 64);

    puts_("write 0xc3 to sector 300\n");
    fill(0xc3);
    request(T_OUT, 300, 512, 1);
    expect("  status", status_byte, 0);

    puts_("read sector 300 back\n");
    fill(0);
    request(T_IN, 300, 512, 1);
    expect("  status", status_byte, 0);
    int same = 1;
    for (int i = 0; i < 512; i++) {
        same &= data[i] == 0xc3;
    }
    expect("  same", same, 1);
    dump(data, 32);

    puts_("flush\n");
    header.type = T_FLUSH;
    header.sector = 0;
    add_desc(add_desc(0, &header, sizeof header, DESC_NEXT), (void *)&status_byte, 1, DESC_WRITE);
    status_byte = 0xff;
    show("  used-len", submit());
    expect("  status", status_byte, 0);

    puts_("get id\n");
    fill(0);
    request(T_GET_ID, 0, 20, 1);
    expect("  status", status_byte, 0);
    dump(data, 20);
    putch('\n');

    puts_("read past the end\n");
    request(T_IN, capacity, 512, 1);
    expect("  status", status_byte, 1);

    puts_("unknown type 99\n");
    request(99, 0, 512, 1);
    expect("  status", status_byte, 2);

    show("failures", failures);
    return failures == 0 ? 0 : 1;
}
