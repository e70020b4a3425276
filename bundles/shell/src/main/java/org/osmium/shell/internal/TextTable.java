package org.osmium.shell.internal;

import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header row and left-aligned columns two spaces apart; the last column is not padded. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(String... cells) {
        if (cells.length != rows.get(0).length) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + rows.get(0).length + " columns");
        }
        rows.add(cells);
        return this;
    }

    /** The table, one line per row, without a final newline. */
    String format() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int column = 0; column < columns; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < columns; column++) {
                line.append(row[column]);
                if (column < columns - 1) {
                    line.append(" ".repeat(widths[column] - row[column].length() + 2));
                }
            }
            text.append(line.toString().stripTrailing());
        }
        return text.toString();
    }
}
