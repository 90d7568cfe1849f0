package org.openauthz.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An ASCII table in the default style of the Go tablewriter Hydra's CLI uses: upper-case centred
 * headers, '+', '-' and '|' borders, cells wrapped on spaces at 30 characters, numbers right-aligned
 * and text left-aligned.
 */
public final class TextTable {

    private static final int WRAP_WIDTH = 30;
    private static final Pattern NUMBER = Pattern.compile("^-?\\d+\\.?\\d*$");

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public TextTable addRow(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.size());
        }
        rows.add(cells.stream().map(cell -> cell == null ? "" : cell).toList());
        return this;
    }

    public String render() {
        int columns = headers.size();
        List<String> titles = headers.stream().map(h -> h.replace('_', ' ').trim().toUpperCase(Locale.ROOT)).toList();
        List<List<List<String>>> wrapped = new ArrayList<>();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = titles.get(c).length();
        }
        for (List<String> row : rows) {
            List<List<String>> cells = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                List<String> lines = wrap(row.get(c));
                for (String line : lines) {
                    widths[c] = Math.max(widths[c], line.length());
                }
                cells.add(lines);
            }
            wrapped.add(cells);
        }

        StringBuilder text = new StringBuilder();
        String border = border(widths);
        text.append(border);
        text.append('|');
        for (int c = 0; c < columns; c++) {
            text.append(' ').append(center(titles.get(c), widths[c])).append(" |");
        }
        text.append('\n').append(border);
        for (List<List<String>> cells : wrapped) {
            int height = cells.stream().mapToInt(List::size).max().orElse(1);
            for (int line = 0; line < height; line++) {
                text.append('|');
                for (int c = 0; c < columns; c++) {
                    List<String> lines = cells.get(c);
                    String value = line < lines.size() ? lines.get(line) : "";
                    boolean number = NUMBER.matcher(joined(cells.get(c))).matches();
                    text.append(' ').append(number ? alignRight(value, widths[c]) : alignLeft(value, widths[c])).append(" |");
                }
                text.append('\n');
            }
        }
        text.append(border);
        return text.toString();
    }

    private static String joined(List<String> lines) {
        return String.join(" ", lines).trim();
    }

    private static String border(int[] widths) {
        StringBuilder line = new StringBuilder("+");
        for (int width : widths) {
            line.append("-".repeat(width + 2)).append('+');
        }
        return line.append('\n').toString();
    }

    /** Splits on spaces so that no line exceeds the wrap width unless a single word does. */
    static List<String> wrap(String cell) {
        List<String> lines = new ArrayList<>();
        if (cell.length() <= WRAP_WIDTH) {
            lines.add(cell);
            return lines;
        }
        StringBuilder current = new StringBuilder();
        for (String word : cell.trim().split(" +")) {
            if (current.length() > 0 && current.length() + 1 + word.length() > WRAP_WIDTH) {
                lines.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(word);
        }
        lines.add(current.toString());
        return lines;
    }

    private static String center(String text, int width) {
        int gap = width - text.length();
        int leftGap = gap / 2;
        return " ".repeat(leftGap) + text + " ".repeat(gap - leftGap);
    }

    private static String alignLeft(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String alignRight(String text, int width) {
        return " ".repeat(width - text.length()) + text;
    }
}
