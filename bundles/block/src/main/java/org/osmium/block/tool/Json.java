package org.osmium.block.tool;

import java.util.List;
import java.util.Map;

/** Writes maps, lists, strings, numbers and booleans as qemu-img's pretty JSON (four-space indent). */
final class Json {
    private Json() {
    }

    static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        switch (value) {
            case Map<?, ?> map -> {
                out.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    indent(out, depth + 1);
                    out.append(quote(e.getKey().toString())).append(": ");
                    write(out, e.getValue(), depth + 1);
                    out.append(++i < map.size() ? ",\n" : "\n");
                }
                indent(out, depth);
                out.append('}');
            }
            case List<?> list -> {
                out.append("[\n");
                for (int i = 0; i < list.size(); i++) {
                    indent(out, depth + 1);
                    write(out, list.get(i), depth + 1);
                    out.append(i + 1 < list.size() ? ",\n" : "\n");
                }
                indent(out, depth);
                out.append(']');
            }
            case String s -> out.append(quote(s));
            default -> out.append(value);
        }
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("    ".repeat(depth));
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
