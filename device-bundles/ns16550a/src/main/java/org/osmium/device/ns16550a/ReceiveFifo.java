package org.osmium.device.ns16550a;

/** The UART's receive FIFO: a ring of bytes with a fixed capacity. */
final class ReceiveFifo {
    private final byte[] slots;
    private int head;
    private int count;

    ReceiveFifo(int capacity) {
        slots = new byte[capacity];
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    void put(int value) {
        if (count == slots.length) {
            throw new IllegalStateException("receive FIFO is full (" + slots.length + " bytes)");
        }
        slots[(head + count) % slots.length] = (byte) value;
        count++;
    }

    /** The oldest byte, left in place; the FIFO must not be empty. */
    int peek() {
        if (count == 0) {
            throw new IllegalStateException("receive FIFO is empty");
        }
        return slots[head] & 0xff;
    }

    /** Removes and returns the oldest byte; the FIFO must not be empty. */
    int take() {
        int value = peek();
        head = (head + 1) % slots.length;
        count--;
        return value;
    }

    void clear() {
        head = 0;
        count = 0;
    }

    /** The contents, oldest first. */
    byte[] toArray() {
        byte[] contents = new byte[count];
        for (int i = 0; i < count; i++) {
            contents[i] = slots[(head + i) % slots.length];
        }
        return contents;
    }

    /** Replaces the contents with {@code contents}, oldest first. */
    void fill(byte[] contents) {
        if (contents.length > slots.length) {
            throw new IllegalArgumentException(contents.length + " bytes do not fit a " + slots.length + "-byte FIFO");
        }
        clear();
        for (byte value : contents) {
            put(value);
        }
    }
}
