package org.osmium.runtime.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osmium.runtime.DeviceInfo;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineException;

/**
 * The board file: one statement a line, the same words as the shell's {@code machine:add} and a wiring statement.
 * <pre>
 * # comment
 * add MODEL ID [key=value ...]
 * wire ID.OUTPUT ID.INPUT
 * </pre>
 * Values with spaces are written in double quotes. Errors name the file and line.
 */
final class BoardFile {
    private BoardFile() {
    }

    /** Applies every statement of {@code text} to {@code machine}; the first bad line stops it with FILE:LINE. */
    static void apply(String source, String text, Machine machine) throws MachineException {
        apply(source, text, Map.of(), machine);
    }

    /**
     * Applies every statement of {@code text} to {@code machine}, each device added with {@code overrides}' properties
     * for its id on top of the line's; an id of {@code overrides} that no line adds is refused.
     */
    static void apply(String source, String text, Map<String, Map<String, String>> overrides, Machine machine)
            throws MachineException {
        Set<String> unused = new TreeSet<>(overrides.keySet());
        String[] lines = text.split("\n", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                applyLine(tokens(line), overrides, machine);
            } catch (MachineException e) {
                throw new MachineException(source + ":" + number + ": " + e.getMessage());
            }
        }
        unused.removeAll(machine.devices().stream().map(DeviceInfo::id).toList());
        if (!unused.isEmpty()) {
            throw new MachineException("board " + source + " has no device " + String.join(", ", unused)
                    + " to set properties of");
        }
    }

    private static void applyLine(List<String> words, Map<String, Map<String, String>> overrides, Machine machine)
            throws MachineException {
        switch (words.get(0)) {
            case "add" -> {
                if (words.size() < 3) {
                    throw new MachineException("'add' needs MODEL ID [key=value ...]");
                }
                Map<String, String> properties = properties(words.subList(3, words.size()));
                properties.putAll(overrides.getOrDefault(words.get(2), Map.of()));
                machine.add(words.get(1), words.get(2), properties);
            }
            case "wire" -> {
                if (words.size() != 3) {
                    throw new MachineException("'wire' needs ID.OUTPUT ID.INPUT");
                }
                machine.wire(words.get(1), words.get(2));
            }
            default -> throw new MachineException("unknown statement '" + words.get(0) + "'; a board file has 'add' and 'wire' lines");
        }
    }

    /** Parses {@code key=value} words into an ordered map; a word without '=' or a repeated key is refused. */
    static Map<String, String> properties(List<String> words) throws MachineException {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals <= 0) {
                throw new MachineException("'" + word + "' is not key=value");
            }
            if (properties.put(word.substring(0, equals), word.substring(equals + 1)) != null) {
                throw new MachineException("property '" + word.substring(0, equals) + "' is given twice");
            }
        }
        return properties;
    }

    /** Splits a line into words; double quotes group a value with spaces ({@code chardev="file:/a b"}). */
    static List<String> tokens(String line) throws MachineException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new MachineException("unclosed double quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Writes a value so that {@link #tokens} reads it back unchanged. */
    static String quote(String value) {
        return value.isEmpty() || value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"') ? "\"" + value + "\"" : value;
    }
}
