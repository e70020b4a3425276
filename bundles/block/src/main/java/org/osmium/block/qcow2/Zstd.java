package org.osmium.block.qcow2;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** zstd through the host's libzstd.so.1 (the library QEMU itself links), called with java.lang.foreign. */
final class Zstd {
    private static final MethodHandle COMPRESS;
    private static final MethodHandle DECOMPRESS;
    private static final MethodHandle FRAME_SIZE;
    private static final MethodHandle IS_ERROR;
    private static final String MISSING;

    static {
        MethodHandle compress = null;
        MethodHandle decompress = null;
        MethodHandle frameSize = null;
        MethodHandle isError = null;
        String missing = null;
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup zstd = SymbolLookup.libraryLookup("libzstd.so.1", Arena.global());
            ValueLayout size = ValueLayout.JAVA_LONG;
            compress = linker.downcallHandle(zstd.find("ZSTD_compress").orElseThrow(), FunctionDescriptor.of(size,
                    ValueLayout.ADDRESS, size, ValueLayout.ADDRESS, size, ValueLayout.JAVA_INT));
            decompress = linker.downcallHandle(zstd.find("ZSTD_decompress").orElseThrow(), FunctionDescriptor.of(size,
                    ValueLayout.ADDRESS, size, ValueLayout.ADDRESS, size));
            frameSize = linker.downcallHandle(zstd.find("ZSTD_findFrameCompressedSize").orElseThrow(),
                    FunctionDescriptor.of(size, ValueLayout.ADDRESS, size));
            isError = linker.downcallHandle(zstd.find("ZSTD_isError").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, size));
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            missing = "libzstd.so.1 is not available on this host (" + e.getMessage() + ")";
        }
        COMPRESS = compress;
        DECOMPRESS = decompress;
        FRAME_SIZE = frameSize;
        IS_ERROR = isError;
        MISSING = missing;
    }

    private Zstd() {
    }

    /** Why zstd cannot be used here, or null when it can. */
    static String unavailable() {
        return MISSING;
    }

    /** Compresses {@code in} into {@code out}; returns the length, or -1 if it does not fit in {@code limit}. */
    static int compress(byte[] in, byte[] out, int limit) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocateFrom(ValueLayout.JAVA_BYTE, in);
            MemorySegment dst = arena.allocate(limit);
            long n = (long) COMPRESS.invokeExact(dst, (long) limit, src, (long) in.length, 3);
            if ((int) IS_ERROR.invokeExact(n) != 0) {
                return -1;
            }
            MemorySegment.copy(dst, ValueLayout.JAVA_BYTE, 0, out, 0, (int) n);
            return (int) n;
        } catch (Throwable t) {
            throw new IllegalStateException("ZSTD_compress failed", t);
        }
    }

    /** Decompresses the frame at the start of {@code in[0, length)} into {@code out}; returns bytes produced or -1. */
    static int decompress(byte[] in, int length, byte[] out) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(Math.max(1, length));
            MemorySegment.copy(in, 0, src, ValueLayout.JAVA_BYTE, 0, length);
            long frame = (long) FRAME_SIZE.invokeExact(src, (long) length);
            if ((int) IS_ERROR.invokeExact(frame) != 0) {
                return -1;
            }
            MemorySegment dst = arena.allocate(out.length);
            long n = (long) DECOMPRESS.invokeExact(dst, (long) out.length, src, frame);
            if ((int) IS_ERROR.invokeExact(n) != 0) {
                return -1;
            }
            MemorySegment.copy(dst, ValueLayout.JAVA_BYTE, 0, out, 0, (int) n);
            return (int) n;
        } catch (Throwable t) {
            throw new IllegalStateException("ZSTD_decompress failed", t);
        }
    }
}
