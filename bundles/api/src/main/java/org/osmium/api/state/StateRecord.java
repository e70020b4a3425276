package org.osmium.api.state;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The saved state of one CPU or device: a type name, a format version and named fields holding only
 * {@code long}, {@code boolean}, {@code String}, {@code byte[]}, {@code long[]} or nested records, so that a
 * record written by one bundle's class loader can be read by another's (hot-swap, snapshots, migration).
 */
public final class StateRecord {
    private final String type;
    private final int version;
    private final Map<String, Object> fields;

    private StateRecord(String type, int version, Map<String, Object> fields) {
        this.type = type;
        this.version = version;
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** Starts a record of the given type (usually the model's type name) and format version. */
    public static Builder builder(String type, int version) {
        return new Builder(type, version);
    }

    public String type() {
        return type;
    }

    public int version() {
        return version;
    }

    /** The field names, in the order they were put. */
    public Set<String> names() {
        return fields.keySet();
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /**
     * Checks that this record has the expected type and a version between 1 and {@code newestVersion}.
     *
     * @throws StateException naming the record's type and version and what would be accepted
     */
    public void require(String expectedType, int newestVersion) throws StateException {
        if (!type.equals(expectedType)) {
            throw new StateException("state of type '" + type + "' given where '" + expectedType + "' is expected");
        }
        if (version < 1 || version > newestVersion) {
            throw new StateException("state '" + type + "' version " + version + " is not readable (this model reads versions 1 to "
                    + newestVersion + ")");
        }
    }

    public long getLong(String name) throws StateException {
        return field(name, Long.class);
    }

    public int getInt(String name) throws StateException {
        long value = getLong(name);
        if (value != (int) value) {
            throw new StateException("state '" + type + "' field '" + name + "' = " + value + " does not fit in 32 bits");
        }
        return (int) value;
    }

    public boolean getBoolean(String name) throws StateException {
        return field(name, Boolean.class);
    }

    public String getString(String name) throws StateException {
        return field(name, String.class);
    }

    /** A copy of a byte-array field. */
    public byte[] getBytes(String name) throws StateException {
        return field(name, byte[].class).clone();
    }

    /** A copy of a long-array field. */
    public long[] getLongs(String name) throws StateException {
        return field(name, long[].class).clone();
    }

    public StateRecord getRecord(String name) throws StateException {
        return field(name, StateRecord.class);
    }

    /** The raw field value (a Long, Boolean, String, byte[], long[] or StateRecord), for tools that display state. */
    public Object get(String name) {
        return fields.get(name);
    }

    private <T> T field(String name, Class<T> kind) throws StateException {
        Object value = fields.get(name);
        if (value == null) {
            throw new StateException("state '" + type + "' version " + version + " has no field '" + name + "'");
        }
        if (!kind.isInstance(value)) {
            throw new StateException("state '" + type + "' field '" + name + "' holds " + describe(value.getClass())
                    + ", not " + describe(kind));
        }
        return kind.cast(value);
    }

    private static String describe(Class<?> kind) {
        return kind.isArray() ? kind.getComponentType().getSimpleName() + "[]" : kind.getSimpleName();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof StateRecord that) || !type.equals(that.type) || version != that.version
                || !fields.keySet().equals(that.fields.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!Arrays.deepEquals(new Object[] {field.getValue()}, new Object[] {that.fields.get(field.getKey())})) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = type.hashCode() * 31 + version;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            hash = hash * 31 + field.getKey().hashCode() * 17 + Arrays.deepHashCode(new Object[] {field.getValue()});
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(type).append(" v").append(version).append(" {");
        String separator = "";
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            text.append(separator).append(field.getKey()).append('=').append(format(field.getValue()));
            separator = ", ";
        }
        return text.append('}').toString();
    }

    private static String format(Object value) {
        if (value instanceof Long number) {
            return "0x" + Long.toHexString(number);
        }
        if (value instanceof byte[] bytes) {
            return bytes.length > 16 ? "[" + bytes.length + " bytes]" : Arrays.toString(bytes);
        }
        if (value instanceof long[] longs) {
            return longs.length > 8 ? "[" + longs.length + " longs]" : Arrays.toString(longs);
        }
        return String.valueOf(value);
    }

    /** Collects the fields of a new record; arrays are copied when put. */
    public static final class Builder {
        private final String type;
        private final int version;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder(String type, int version) {
            if (type == null || type.isEmpty() || version < 1) {
                throw new IllegalArgumentException("a state record needs a type name and a version >= 1");
            }
            this.type = type;
            this.version = version;
        }

        public Builder put(String name, long value) {
            return field(name, value);
        }

        public Builder put(String name, boolean value) {
            return field(name, value);
        }

        public Builder put(String name, String value) {
            return field(name, value);
        }

        public Builder put(String name, byte[] value) {
            return field(name, value.clone());
        }

        public Builder put(String name, long[] value) {
            return field(name, value.clone());
        }

        public Builder put(String name, StateRecord value) {
            return field(name, value);
        }

        private Builder field(String name, Object value) {
            if (value == null) {
                throw new IllegalArgumentException("state field '" + name + "' is null");
            }
            if (fields.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("state field '" + name + "' is put twice");
            }
            return this;
        }

        public StateRecord build() {
            return new StateRecord(type, version, new LinkedHashMap<>(fields));
        }
    }
}
