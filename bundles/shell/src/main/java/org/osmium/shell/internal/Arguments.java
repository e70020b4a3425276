package org.osmium.shell.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osmium.api.model.PropertyType;

/** The arguments of one command call, checked against the command's usage; bad ones are refused naming them. */
final class Arguments {
    private final CommandDoc doc;
    private final List<String> values;

    private Arguments(CommandDoc doc, List<String> values) {
        this.doc = doc;
        this.values = values;
    }

    /**
     * The arguments of command {@code name}, which takes between {@code min} and {@code max} of them
     * ({@code max} negative: no limit).
     *
     * @throws IllegalArgumentException with the command's usage when there are too few or too many
     */
    static Arguments of(String name, Object[] arguments, int min, int max) {
        CommandDoc doc = CommandCatalog.get(name);
        List<String> values = Arrays.stream(arguments).map(String::valueOf).toList();
        if (values.size() < min || (max >= 0 && values.size() > max)) {
            String count = values.isEmpty() ? "no arguments" : values.size() == 1 ? "1 argument" : values.size() + " arguments";
            throw new IllegalArgumentException(doc.qualifiedName() + ": " + count + " given; " + doc.usage());
        }
        return new Arguments(doc, values);
    }

    int size() {
        return values.size();
    }

    /** The argument at {@code index}. */
    String text(int index) {
        return values.get(index);
    }

    /** The argument at {@code index}, or null when it was not given. */
    String optional(int index) {
        return index < values.size() ? values.get(index) : null;
    }

    /** A guest address ({@code 0x80000000} or decimal); {@code what} names the argument in the error. */
    long address(int index, String what) {
        return (Long) parse(PropertyType.ADDRESS, index, what);
    }

    /** A byte count ({@code 256}, {@code 0x100}, {@code 4K}). */
    long size(int index, String what) {
        return (Long) parse(PropertyType.SIZE, index, what);
    }

    /** A whole number of at least {@code min} ({@code 100}, {@code 0x64}). */
    long integer(int index, String what, long min) {
        long value = (Long) parse(PropertyType.INTEGER, index, what);
        if (value < min) {
            throw new IllegalArgumentException(doc.qualifiedName() + ": " + what + " must be at least " + min + ", not " + text(index));
        }
        return value;
    }

    /** The {@code key=value} arguments from {@code from} on, in order; a word without '=' or a repeated key is refused. */
    Map<String, String> properties(int from) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String word : values.subList(from, values.size())) {
            int equals = word.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(doc.qualifiedName() + ": '" + word + "' is not key=value; " + doc.usage());
            }
            if (properties.put(word.substring(0, equals), word.substring(equals + 1)) != null) {
                throw new IllegalArgumentException(doc.qualifiedName() + ": property '" + word.substring(0, equals) + "' is given twice");
            }
        }
        return properties;
    }

    private Object parse(PropertyType type, int index, String what) {
        try {
            return type.parse(text(index));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(doc.qualifiedName() + ": " + what + " " + e.getMessage());
        }
    }
}
