package org.osmium.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osmium.block.file.ImageFile;
import org.osmium.block.qcow2.Qcow2Creator;
import org.osmium.block.qcow2.Qcow2Image;
import org.osmium.block.raw.RawImage;

/** Opens and creates images by format, following backing chains. */
public final class BlockImages {
    private static final int QCOW2_MAGIC = 0x514649fb;

    private BlockImages() {
    }

    /** The format of {@code path} judged from its first bytes: "qcow2", or "raw" for anything else. */
    public static String probe(Path path) throws BlockException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer magic = ByteBuffer.allocate(4);
            channel.read(magic, 0);
            return magic.position() == 4 && magic.getInt(0) == QCOW2_MAGIC ? "qcow2" : "raw";
        } catch (NoSuchFileException e) {
            throw new BlockException(path + ": no such file");
        } catch (IOException e) {
            throw new BlockException(path + ": could not open: " + e.getMessage(), e);
        }
    }

    /** Opens {@code path} and, unless the options say otherwise, its backing chain (read-only). */
    public static BlockImage open(Path path, OpenOptions options) throws BlockException {
        return open(path, options, new ArrayList<>());
    }

    private static BlockImage open(Path path, OpenOptions options, List<Path> chain) throws BlockException {
        Path real = realPath(path, chain);
        if (chain.contains(real)) {
            throw new BlockException(path + ": backing chain loops: " + describe(chain) + " -> " + path);
        }
        chain.add(real);
        String format = options.format() != null ? options.format() : probe(path);
        switch (format) {
            case "raw" -> {
                ImageFile file = ImageFile.open(path, options);
                try {
                    return new RawImage(file);
                } catch (BlockException e) {
                    file.close();
                    throw e;
                }
            }
            case "qcow2" -> {
                if (!probe(path).equals("qcow2")) {
                    throw new BlockException(path + ": image is not in qcow2 format");
                }
                ImageFile file = ImageFile.open(path, options);
                BlockImage backing = null;
                try {
                    var header = Qcow2Image.readHeader(file);
                    String backingName = Qcow2Image.backingFile(header);
                    if (backingName != null && options.openBacking()) {
                        Path backingPath = resolveBacking(path, backingName);
                        OpenOptions backingOptions = new OpenOptions(Qcow2Image.backingFormat(header), true, true,
                                options.shareWrite(), options.passphrase());
                        backing = open(backingPath, backingOptions, chain);
                    }
                    return Qcow2Image.open(file, header, backing, options.passphrase());
                } catch (BlockException e) {
                    if (backing != null) {
                        backing.close();
                    }
                    file.close();
                    throw e;
                }
            }
            default -> throw new BlockException(path + ": unknown format '" + format + "'");
        }
    }

    private static Path realPath(Path path, List<Path> chain) throws BlockException {
        try {
            return path.toRealPath();
        } catch (NoSuchFileException e) {
            if (chain.isEmpty()) {
                throw new BlockException(path + ": no such file");
            }
            throw new BlockException(chain.getFirst() + ": could not open backing file " + path
                    + ": no such file (chain: " + describe(chain) + " -> " + path + ")");
        } catch (IOException e) {
            throw new BlockException(path + ": could not open: " + e.getMessage(), e);
        }
    }

    private static String describe(List<Path> chain) {
        return String.join(" -> ", chain.stream().map(Path::toString).toList());
    }

    /** Resolves a backing file name as qemu-img does: relative names against the image's folder. */
    public static Path resolveBacking(Path image, String backingName) {
        Path backing = Path.of(backingName);
        if (backing.isAbsolute()) {
            return backing;
        }
        Path folder = image.getParent();
        return folder == null ? backing : folder.resolve(backing);
    }

    /**
     * Creates an image of {@code size} bytes in {@code format} with qemu-img's -o options (for qcow2:
     * cluster_size, compat, lazy_refcounts, refcount_bits, compression_type, extended_l2, backing_file,
     * backing_fmt, preallocation, encrypt.format=luks, encrypt.key-secret, encrypt.iter-time). {@code secrets}
     * maps secret ids (as encrypt.key-secret names them) to their bytes.
     */
    public static void create(Path path, String format, long size, Map<String, String> options,
                              Map<String, byte[]> secrets) throws BlockException {
        if (size < 0) {
            throw new BlockException(path + ": image size must be positive");
        }
        switch (format) {
            case "raw" -> {
                for (String key : options.keySet()) {
                    if (!key.equals("preallocation")) {
                        throw new BlockException(path + ": invalid parameter '" + key + "' for format raw");
                    }
                }
                try (ImageFile file = createFile(path)) {
                    RawImage.create(file, size, options.getOrDefault("preallocation", "off"));
                }
            }
            case "qcow2" -> {
                if (size % 512 != 0) {
                    throw new BlockException(path + ": image size must be a multiple of 512 bytes for qcow2");
                }
                try (ImageFile file = createFile(path)) {
                    Qcow2Creator.create(file, size, options, secrets);
                }
                String preallocation = options.getOrDefault("preallocation", "off");
                if (!preallocation.equals("off")) {
                    OpenOptions alone = OpenOptions.forWriting().withFormat("qcow2").withoutBacking();
                    try (BlockImage image = open(path, alone)) {
                        ((Qcow2Image) image).preallocate(preallocation);
                    }
                }
            }
            default -> throw new BlockException(path + ": unknown format '" + format + "'");
        }
    }

    /** Creates an image without secrets (no encryption). */
    public static void create(Path path, String format, long size, Map<String, String> options)
            throws BlockException {
        create(path, format, size, options, Map.of());
    }

    private static ImageFile createFile(Path path) throws BlockException {
        try {
            if (!Files.exists(path)) {
                Files.createFile(path);
            }
        } catch (IOException e) {
            throw new BlockException(path + ": could not create: " + e.getMessage(), e);
        }
        return ImageFile.open(path, OpenOptions.forWriting());
    }
}
