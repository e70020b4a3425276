package org.osmium.block.tool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * getopt-style parsing as qemu-img does it: short options (grouped, value attached or next), long options
 * ({@code --name=value} or {@code --name value}), and positional arguments in order. Repeated -o values join with
 * commas, as qemu-img merges them.
 */
final class Arguments {
    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * Parses {@code args} from index {@code from}: {@code shortSpec} lists short options, a ':' after one that takes a
     * value; {@code longWithValue} and {@code longFlags} list long option names.
     */
    static Arguments parse(String[] args, int from, String shortSpec, Set<String> longWithValue, Set<String> longFlags)
            throws UsageException {
        Arguments parsed = new Arguments();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                for (i++; i < args.length; i++) {
                    parsed.positional.add(args[i]);
                }
                break;
            }
            if (arg.startsWith("--")) {
                String body = arg.substring(2);
                int eq = body.indexOf('=');
                String key = eq < 0 ? body : body.substring(0, eq);
                if (longWithValue.contains(key)) {
                    String value;
                    if (eq >= 0) {
                        value = body.substring(eq + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new UsageException("option '--" + key + "' requires an argument");
                    }
                    parsed.add(key, value);
                } else if (longFlags.contains(key) && eq < 0) {
                    parsed.add(key, "");
                } else {
                    throw new UsageException("unrecognized option '" + arg + "'");
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int j = 1; j < arg.length(); j++) {
                    char c = arg.charAt(j);
                    int at = shortSpec.indexOf(c);
                    if (at < 0 || c == ':') {
                        throw new UsageException("invalid option -- '" + c + "'");
                    }
                    boolean takesValue = at + 1 < shortSpec.length() && shortSpec.charAt(at + 1) == ':';
                    if (!takesValue) {
                        parsed.add(String.valueOf(c), "");
                        continue;
                    }
                    String value;
                    if (j + 1 < arg.length()) {
                        value = arg.substring(j + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new UsageException("option requires an argument -- '" + c + "'");
                    }
                    parsed.add(String.valueOf(c), value);
                    break;
                }
            } else {
                parsed.positional.add(arg);
            }
        }
        return parsed;
    }

    private void add(String key, String value) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The last value given for {@code key}, or {@code fallback}. */
    String get(String key, String fallback) {
        List<String> list = values.get(key);
        return list == null ? fallback : list.getLast();
    }

    /** Every value given for {@code key}, in order. */
    List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    List<String> positional() {
        return positional;
    }
}
