package dev.herald.ldap.tools;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Wraps the LDIF input and remembers the line number of every {@code dn:} line (a line that
 * starts an LDIF record, RFC 2849) as the parser reads ahead. The n-th record the parser
 * returns is the n-th {@code dn:} line, so rejections can name the line the administrator sees
 * in the file. Also counts characters read, for progress.
 */
final class DnLineTracker extends FilterReader {
    private final ArrayDeque<Long> dnLines = new ArrayDeque<>();
    private long line = 1;
    private long chars;
    /** Position within the current line (0 = at its start) and the first three chars seen. */
    private int col;
    private final char[] head = new char[3];

    DnLineTracker(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        int n = super.read(cbuf, off, len);
        for (int i = 0; i < n; i++) {
            see(cbuf[off + i]);
        }
        return n;
    }

    private void see(char c) {
        chars++;
        if (c == '\n') {
            line++;
            col = 0;
            return;
        }
        if (col < 3) {
            head[col] = c;
            if (col == 2 && (head[0] == 'd' || head[0] == 'D') && (head[1] == 'n' || head[1] == 'N') && head[2] == ':') {
                dnLines.add(line);
            }
        }
        col++;
    }

    /** The line of the next record's {@code dn:} line, or -1 if none was seen. */
    long nextRecordLine() {
        Long l = dnLines.poll();
        return l == null ? -1 : l;
    }

    long charsRead() {
        return chars;
    }

    long currentLine() {
        return line;
    }
}
