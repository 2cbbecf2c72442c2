package dev.herald.ldap.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts LDIF text into records, the framing of RFC 2849 only: lines, comments ({@code #}, with
 * their continuation lines), line folding (a line starting with a space continues the one
 * before), records separated by empty lines, and an optional {@code version:} line first.
 * What a record says is left to the Directory API's parser ({@link RecordParser}), so records
 * can be parsed on several threads, and each record knows the line it starts on. The rules
 * follow the API's own reader ({@code LdifReader.readLines}): empty lines, comments and stray
 * continuation lines before a record are skipped, an empty line ends a record. Unlike that
 * reader, a block of comments alone does not end the file.
 */
final class LdifRecords {

    /** One record: its unfolded lines without comments, and the line number of the first. */
    record Raw(long line, List<String> lines) {}

    /** Framing failed at {@code line} (a malformed version line). */
    static final class FramingException extends Exception {
        final long line;

        FramingException(long line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final BufferedReader in;
    private long lineNumber;
    private long chars;
    private boolean started;

    LdifRecords(BufferedReader in) {
        this.in = in;
    }

    /** Characters read so far (line ends counted as one). */
    long charsRead() {
        return chars;
    }

    /** The next record, or null at the end of the input. */
    Raw next() throws IOException, FramingException {
        while (true) {
            List<String> lines = new ArrayList<>(16);
            long[] starts = {-1, -1}; // lines where the first and second logical lines start
            boolean more = block(lines, starts);
            if (!started && !lines.isEmpty()) {
                started = true;
                if (lines.get(0).startsWith("version:")) {
                    checkVersion(lines.get(0), starts[0]);
                    lines.remove(0);
                    starts[0] = starts[1];
                }
            }
            if (!lines.isEmpty()) {
                return new Raw(starts[0], lines);
            }
            if (!more) {
                return null;
            }
            // a block of comments only (the API's reader would stop the whole file here)
        }
    }

    /**
     * Reads up to the empty line that ends a block, unfolding lines and dropping comments (a
     * line starting with a space continues a comment too). False at the end of the input.
     */
    private boolean block(List<String> lines, long[] starts) throws IOException {
        // the logical line being read: a line as read, or (once folded) a builder; most lines
        // are not folded and go to the record without a copy
        String currentLine = null;
        StringBuilder folded = null;
        boolean insideComment = true; // continuation lines before any line are dropped, as LdifReader does
        boolean first = true;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            chars += line.length() + 1;
            if (line.isEmpty()) {
                if (first) {
                    continue;
                }
                if (currentLine != null) {
                    lines.add(folded != null ? folded.toString() : currentLine);
                }
                return true;
            }
            char c = line.charAt(0);
            if (c == '#') {
                insideComment = true;
            } else if (c == ' ') {
                first = false;
                if (!insideComment) {
                    if (folded == null) {
                        folded = new StringBuilder(currentLine);
                    }
                    folded.append(line, 1, line.length());
                }
            } else {
                first = false;
                if (currentLine != null) {
                    lines.add(folded != null ? folded.toString() : currentLine);
                }
                if (lines.size() < 2) {
                    starts[lines.size()] = lineNumber;
                }
                currentLine = line;
                folded = null;
                insideComment = false;
            }
        }
        if (currentLine != null) {
            lines.add(folded != null ? folded.toString() : currentLine);
        }
        return false;
    }

    /** {@code version: 1} (RFC 2849 §2: the version number is 1). */
    private static void checkVersion(String line, long at) throws FramingException {
        String v = line.substring("version:".length()).strip();
        if (v.isEmpty() || !v.chars().allMatch(Character::isDigit)) {
            throw new FramingException(at, "invalid version line '" + line + "'");
        }
    }
}
