package org.osmium.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Raw images: bytes at their offsets, holes where zeros were written, mapped as qemu-img maps them. */
class RawImageTest {
    @Test
    void writesLandInPlaceAndZeroesBecomeHoles() throws Exception {
        Path dir = QemuTools.folder("raw");
        Path image = dir.resolve("disk.img");
        BlockImages.create(image, "raw", 4 << 20, Map.of());
        byte[] data = new byte[1 << 20];
        Arrays.fill(data, (byte) 3);
        try (BlockImage disk = BlockImages.open(image, OpenOptions.forWriting())) {
            assertEquals("raw", disk.format());
            disk.write(1 << 20, data, 0, data.length);
            disk.writeZeroes(1 << 20, 256 << 10);
            BlockException outside = assertThrows(BlockException.class, () -> disk.write(4 << 20, data, 0, 1));
            assertTrue(outside.getMessage().contains("disk.img"), outside.getMessage());
        }
        byte[] expected = new byte[4 << 20];
        Arrays.fill(expected, (1 << 20) + (256 << 10), 2 << 20, (byte) 3);
        assertArrayEquals(expected, Files.readAllBytes(image));
        ImgToolTest.sameAsQemu(dir, "map", "--output=json", "@disk.img");
        ImgToolTest.sameAsQemu(dir, "info", "@disk.img");
        ImgToolTest.sameAsQemu(dir, "check", "@disk.img");
    }
}
