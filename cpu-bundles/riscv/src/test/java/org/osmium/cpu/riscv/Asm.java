package org.osmium.cpu.riscv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Test support: encodes the few instructions hart tests need, and looks up assembler-made ones by name. */
final class Asm {
    private static final Map<String, Integer> ASSEMBLED = load();

    private Asm() {
    }

    /** The assembler's encoding of the row's sample in encodings-base.txt (e.g. "amoadd.d a0, a2, (a1)"). */
    static int assembled(String name) {
        Integer word = ASSEMBLED.get(name);
        if (word == null) {
            throw new IllegalArgumentException("no sample encoding of " + name);
        }
        return word;
    }

    static int addi(int rd, int rs1, int imm) {
        return imm << 20 | rs1 << 15 | rd << 7 | 0x13;
    }

    static int sd(int rs2, int rs1, int imm) {
        return (imm >> 5) << 25 | rs2 << 20 | rs1 << 15 | 3 << 12 | (imm & 31) << 7 | 0x23;
    }

    static int sw(int rs2, int rs1, int imm) {
        return (imm >> 5) << 25 | rs2 << 20 | rs1 << 15 | 2 << 12 | (imm & 31) << 7 | 0x23;
    }

    static int csrrw(int rd, int csr, int rs1) {
        return csr << 20 | rs1 << 15 | 1 << 12 | rd << 7 | 0x73;
    }

    static int csrrs(int rd, int csr, int rs1) {
        return csr << 20 | rs1 << 15 | 2 << 12 | rd << 7 | 0x73;
    }

    static int wfi() {
        return 0x10500073;
    }

    private static Map<String, Integer> load() {
        Map<String, Integer> map = new HashMap<>();
        try (InputStream in = Asm.class.getResourceAsStream("encodings-base.txt")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).forEach(line -> {
                String[] parts = line.split(" ", 3);
                map.put(parts[1], Integer.parseUnsignedInt(parts[0], 16));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
