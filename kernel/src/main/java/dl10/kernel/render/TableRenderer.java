package dl10.kernel.render;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.List;

/**
 * Renders a Tablesaw {@link Table} as a compact HTML table (first {@value #MAX_ROWS} rows and a note with
 * the number of rows left out) plus Tablesaw's own text form.
 */
public final class TableRenderer implements ObjectRenderer {
    /** Rows shown before the "more rows" note. */
    public static final int MAX_ROWS = 20;

    @Override
    public boolean supports(Object value) {
        return value instanceof Table;
    }

    @Override
    public List<String> mimeTypes() {
        return List.of("text/html", "text/plain");
    }

    @Override
    public void render(Object value, MimeBundle into) {
        Table table = (Table) value;
        into.put("text/html", html(table));
        into.put("text/plain", table.printAll().length() < 20_000 && table.rowCount() <= MAX_ROWS
                ? table.printAll() : table.print(MAX_ROWS));
    }

    static String html(Table table) {
        StringBuilder out = new StringBuilder(256);
        out.append("<table class=\"dl10-table\">");
        if (table.name() != null && !table.name().isEmpty()) {
            out.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        out.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            out.append("<th>").append(escape(column.name())).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        int shown = Math.min(MAX_ROWS, table.rowCount());
        for (int row = 0; row < shown; row++) {
            out.append("<tr>");
            for (Column<?> column : table.columns()) {
                out.append("<td>").append(escape(column.getString(row))).append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>");
        int hidden = table.rowCount() - shown;
        if (hidden > 0) {
            out.append("<p>… ").append(hidden).append(" more rows (").append(table.rowCount())
                    .append(" rows × ").append(table.columnCount()).append(" columns)</p>");
        }
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
