package org.osmium.block;

import java.nio.file.Path;
import java.util.Random;

/** A writer for the crash test: writes random data at random places until it is killed. */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        try (BlockImage disk = BlockImages.open(image, OpenOptions.forWriting())) {
            byte[] data = new byte[256 * 1024];
            random.nextBytes(data);
            boolean announced = false;
            for (long i = 0; ; i++) {
                int length = 1 + random.nextInt(random.nextBoolean() ? 4096 : data.length);
                long offset = (long) (random.nextDouble() * (disk.size() - length));
                switch (random.nextInt(20)) {
                    case 0 -> disk.discard(offset, length);
                    case 1 -> disk.writeZeroes(offset, length);
                    case 2 -> disk.flush();
                    default -> disk.write(offset, data, 0, length);
                }
                if (!announced) {
                    System.out.println("ready");
                    System.out.flush();
                    announced = true;
                }
            }
        }
    }
}
