package org.careid.onboarding;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HR export read as RFC 4180 CSV: UTF-8 (a byte-order mark is skipped), comma or semicolon
 * separated (whichever the header line has more of, outside quotes), double-quoted fields with
 * {@code ""} for a quote, CRLF or LF line ends. The first line is the header. Bounded while it is read:
 * at most {@code maxRows} data rows and {@code maxFieldChars} characters a field. A file that is not
 * UTF-8, has no header, repeats a header name or ends inside a quoted field is refused as a whole (422);
 * a data row with the wrong number of fields is kept, and reported as a bad row.
 */
final class CsvTable {
    static final int MAX_FIELD_CHARS = 1000;

    /** One data row: its line number in the file (1 is the header) and its fields. */
    record Row(int line, List<String> fields) {}

    final List<String> header;
    final List<Row> rows;

    private CsvTable(List<String> header, List<Row> rows) {
        this.header = header;
        this.rows = rows;
    }

    static CsvTable parse(byte[] bytes, int maxRows) {
        String text = utf8(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char separator = separator(text);
        List<Row> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int recordLine = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        append(field, '"', line);
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(field, c, line);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw malformed("a quote inside an unquoted field on line " + line);
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                addRecord(records, recordLine, fields, maxRows);
                fields = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                if (wasQuoted) {
                    throw malformed("text after a closing quote on line " + line);
                }
                append(field, c, line);
            }
            i++;
        }
        if (quoted) {
            throw malformed("the file ends inside a quoted field (opened on line " + recordLine + ")");
        }
        if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            addRecord(records, recordLine, fields, maxRows);
        }
        if (records.isEmpty()) {
            throw ImportFileRefused.unreadable("csv", "CSV_EMPTY", "The CSV has no header line");
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : header) {
            if (name.isEmpty()) {
                throw malformed("the header has an empty column name");
            }
            if (!seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
                throw malformed("the header names column \"" + name + "\" twice");
            }
        }
        return new CsvTable(header, List.copyOf(records.subList(1, records.size())));
    }

    /** Blank lines are skipped; the header is record 0, so maxRows + 1 records are allowed. */
    private static void addRecord(List<Row> records, int line, List<String> fields, int maxRows) {
        if (fields.size() == 1 && fields.get(0).isBlank()) {
            return;
        }
        if (records.size() > maxRows) {
            throw ImportFileRefused.tooLarge("csv-rows", maxRows, "The CSV has more than " + maxRows + " rows");
        }
        records.add(new Row(line, List.copyOf(fields)));
    }

    private static void append(StringBuilder field, char c, int line) {
        if (field.length() >= MAX_FIELD_CHARS) {
            throw malformed("a field on line " + line + " is longer than " + MAX_FIELD_CHARS + " characters");
        }
        field.append(c);
    }

    private static char separator(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ImportFileRefused.unreadable("csv", "CSV_NOT_UTF8", "The CSV is not UTF-8 text (save it from the spreadsheet as CSV UTF-8)");
        }
    }

    private static org.careid.web.ApiException malformed(String what) {
        return ImportFileRefused.unreadable("csv", "CSV_MALFORMED", "The CSV cannot be read: " + what);
    }
}
