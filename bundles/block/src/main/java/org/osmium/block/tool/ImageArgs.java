package org.osmium.block.tool;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockImages;
import org.osmium.block.OpenOptions;

/** Opens the image a command names, honouring -f, -U and --image-opts as qemu-img does. */
final class ImageArgs {
    private ImageArgs() {
    }

    /** Opens {@code name} (a file name, or an option string with --image-opts) with format {@code format}. */
    static BlockImage open(Arguments a, String name, String format, boolean readOnly) throws BlockException {
        Path path = path(a, name);
        String fmt = a.has("image-opts") ? options(name).get("driver") : format;
        OpenOptions options = (readOnly ? OpenOptions.forReading() : OpenOptions.forWriting()).withFormat(fmt)
                .withPassphrase(a.has("image-opts") ? passphrase(a, options(name).get("encrypt.key-secret")) : null);
        if (a.has("U")) {
            if (!readOnly) {
                throw new BlockException(name + ": force-share (-U) is only allowed for read-only opens");
            }
            options = options.sharingWrite();
        }
        return BlockImages.open(path, options);
    }

    /** The secret objects given with --object secret,id=ID,data=TEXT|file=PATH[,format=raw|base64]. */
    static Map<String, byte[]> secrets(Arguments a) throws BlockException {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        for (String object : a.all("object")) {
            String type = object.contains(",") ? object.substring(0, object.indexOf(',')) : object;
            Map<String, String> props = options(object.substring(type.length()).replaceFirst("^,", ""));
            if (type.startsWith("qom-type=")) {
                type = type.substring("qom-type=".length());
            }
            if (!type.equals("secret")) {
                throw new BlockException("--object " + type + " is not supported (only secret)");
            }
            String id = props.get("id");
            if (id == null) {
                throw new BlockException("--object secret needs an id");
            }
            byte[] value;
            if (props.containsKey("data")) {
                value = props.get("data").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            } else if (props.containsKey("file")) {
                try {
                    value = java.nio.file.Files.readAllBytes(Path.of(props.get("file")));
                } catch (java.io.IOException e) {
                    throw new BlockException("secret '" + id + "': cannot read " + props.get("file") + ": "
                            + e.getMessage());
                }
            } else {
                throw new BlockException("secret '" + id + "' needs data= or file=");
            }
            if ("base64".equals(props.get("format"))) {
                try {
                    value = java.util.Base64.getDecoder().decode(new String(value,
                            java.nio.charset.StandardCharsets.US_ASCII).trim());
                } catch (IllegalArgumentException e) {
                    throw new BlockException("secret '" + id + "' is not valid base64");
                }
            }
            secrets.put(id, value);
        }
        return secrets;
    }

    /** The passphrase the secret {@code id} holds, or null for no id. */
    static String passphrase(Arguments a, String id) throws BlockException {
        if (id == null) {
            return null;
        }
        byte[] secret = secrets(a).get(id);
        if (secret == null) {
            throw new BlockException("no secret object with id '" + id + "' (give it with --object secret,id=" + id
                    + ",data=...)");
        }
        return new String(secret, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The file a command's image argument names. */
    static Path path(Arguments a, String name) throws BlockException {
        if (!a.has("image-opts")) {
            return Path.of(name);
        }
        Map<String, String> options = options(name);
        String file = options.getOrDefault("file.filename", options.get("filename"));
        if (file == null) {
            throw new BlockException("--image-opts '" + name + "' names no file (file.filename=...)");
        }
        return Path.of(file);
    }

    /** Splits "key=value,key=value" (",," is a literal comma) into an ordered map. */
    static Map<String, String> options(String text) throws BlockException {
        Map<String, String> map = new LinkedHashMap<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) == ',' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                part.append(',');
                i++;
            } else if (i == text.length() || text.charAt(i) == ',') {
                if (!part.isEmpty()) {
                    String p = part.toString();
                    int eq = p.indexOf('=');
                    if (eq < 0) {
                        throw new BlockException("invalid option '" + p + "': expected key=value");
                    }
                    map.put(p.substring(0, eq), p.substring(eq + 1));
                }
                part.setLength(0);
            } else {
                part.append(text.charAt(i));
            }
        }
        return map;
    }
}
