package org.osmium.block.qcow2;

import java.util.Arrays;

/**
 * A raw deflate encoder (one fixed-Huffman block, LZ77 matches at most 4 KiB back) whose output QEMU's zlib
 * decoder accepts: QEMU inflates with a 4 KiB window (windowBits -12), which java.util.zip.Deflater cannot
 * promise, as it always uses 32 KiB.
 */
final class RawDeflate {
    private static final int WINDOW = 4096;
    private static final int MIN_MATCH = 3;
    private static final int MAX_MATCH = 258;
    private static final int MAX_CHAIN = 48;
    private static final int HASH_BITS = 15;
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
        769, 1025, 1537, 2049, 3073};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10};
    private static final int[] LIT_CODE = new int[288];
    private static final int[] LIT_BITS = new int[288];
    private static final int[] LENGTH_CODE = new int[MAX_MATCH + 1];
    private static final int[] DIST_CODE = new int[WINDOW + 1];

    static {
        for (int i = 0; i < 288; i++) {
            int code;
            int bits;
            if (i < 144) {
                code = 0x30 + i;
                bits = 8;
            } else if (i < 256) {
                code = 0x190 + i - 144;
                bits = 9;
            } else if (i < 280) {
                code = i - 256;
                bits = 7;
            } else {
                code = 0xc0 + i - 280;
                bits = 8;
            }
            LIT_CODE[i] = Integer.reverse(code) >>> (32 - bits);
            LIT_BITS[i] = bits;
        }
        for (int c = 0; c < LENGTH_BASE.length; c++) {
            int top = c + 1 < LENGTH_BASE.length ? LENGTH_BASE[c + 1] : MAX_MATCH + 1;
            for (int len = LENGTH_BASE[c]; len < top && len <= MAX_MATCH; len++) {
                LENGTH_CODE[len] = c;
            }
        }
        LENGTH_CODE[MAX_MATCH] = LENGTH_BASE.length - 1;
        for (int c = 0; c < DIST_BASE.length; c++) {
            int top = c + 1 < DIST_BASE.length ? DIST_BASE[c + 1] : WINDOW + 1;
            for (int d = DIST_BASE[c]; d < top; d++) {
                DIST_CODE[d] = c;
            }
        }
    }

    private final int[] head = new int[1 << HASH_BITS];
    private int[] prev = new int[0];
    private byte[] out;
    private int outPos;
    private int limit;
    private long bitBuffer;
    private int bitCount;

    /** Compresses {@code in} into {@code dest}; returns the length, or -1 if it would exceed {@code maxLength}. */
    int compress(byte[] in, byte[] dest, int maxLength) {
        if (prev.length < in.length) {
            prev = new int[in.length];
        }
        Arrays.fill(head, -1);
        out = dest;
        outPos = 0;
        limit = Math.min(maxLength, dest.length);
        bitBuffer = 0;
        bitCount = 0;
        writeBits(1, 1);
        writeBits(1, 2);
        int pos = 0;
        while (pos < in.length) {
            if (outPos + 8 > limit) {
                return -1;
            }
            int bestLength = 0;
            int bestDistance = 0;
            if (pos + MIN_MATCH <= in.length) {
                int hash = hash(in, pos);
                int candidate = head[hash];
                int longest = Math.min(MAX_MATCH, in.length - pos);
                for (int chain = 0; candidate >= 0 && pos - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
                    int length = 0;
                    while (length < longest && in[candidate + length] == in[pos + length]) {
                        length++;
                    }
                    if (length > bestLength) {
                        bestLength = length;
                        bestDistance = pos - candidate;
                        if (length == longest) {
                            break;
                        }
                    }
                    candidate = prev[candidate];
                }
                prev[pos] = head[hash];
                head[hash] = pos;
            }
            if (bestLength >= MIN_MATCH) {
                writeMatch(bestLength, bestDistance);
                for (int i = pos + 1; i < pos + bestLength && i + MIN_MATCH <= in.length; i++) {
                    int hash = hash(in, i);
                    prev[i] = head[hash];
                    head[hash] = i;
                }
                pos += bestLength;
            } else {
                writeSymbol(in[pos] & 0xff);
                pos++;
            }
        }
        writeSymbol(256);
        if (bitCount > 0) {
            writeBits(0, 8 - bitCount);
        }
        return outPos <= limit ? outPos : -1;
    }

    private static int hash(byte[] in, int pos) {
        int v = ((in[pos] & 0xff) << 16) | ((in[pos + 1] & 0xff) << 8) | (in[pos + 2] & 0xff);
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    private void writeMatch(int length, int distance) {
        int lc = LENGTH_CODE[length];
        writeSymbol(257 + lc);
        writeBits(length - LENGTH_BASE[lc], LENGTH_EXTRA[lc]);
        int dc = DIST_CODE[distance];
        writeBits(Integer.reverse(dc) >>> 27, 5);
        writeBits(distance - DIST_BASE[dc], DIST_EXTRA[dc]);
    }

    private void writeSymbol(int symbol) {
        writeBits(LIT_CODE[symbol], LIT_BITS[symbol]);
    }

    private void writeBits(int value, int count) {
        bitBuffer |= (long) value << bitCount;
        bitCount += count;
        while (bitCount >= 8) {
            if (outPos < out.length) {
                out[outPos] = (byte) bitBuffer;
            }
            outPos++;
            bitBuffer >>>= 8;
            bitCount -= 8;
        }
    }
}
