package org.openauthz.authz.tracing;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a statement does, for its span's name: the operation and the first table it names ({@code SELECT
 * hydra_client}, {@code INSERT hydra_oauth2_access}), as OpenTelemetry's database conventions name spans. Only
 * keywords and identifiers are taken from the SQL, so nothing a request bound or inlined ever reaches the span.
 */
record SqlSummary(String operation, String table) {
    private static final Pattern OPERATION = Pattern.compile("^\\s*([A-Za-z]+)");
    private static final Pattern TABLE = Pattern.compile(
            "(?i)\\b(?:from|into|update|join)\\s+([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)");

    static SqlSummary of(String sql) {
        Matcher operation = OPERATION.matcher(sql);
        String op = operation.find() ? operation.group(1).toUpperCase(Locale.ROOT) : "SQL";
        Matcher table = TABLE.matcher(sql);
        return new SqlSummary(op, table.find() ? table.group(1).toLowerCase(Locale.ROOT) : null);
    }

    String spanName() {
        return table == null ? operation : operation + " " + table;
    }
}
