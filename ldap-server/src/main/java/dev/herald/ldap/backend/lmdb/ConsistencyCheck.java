package dev.herald.ldap.backend.lmdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.lmdbjava.Cursor;
import org.lmdbjava.SeekOp;

/**
 * Checks one snapshot for agreement between the entries and everything derived from them: the
 * DN tree (dn2id, id2rdn) and every attribute index. An index is exactly right when each key
 * computed from the entries is present and the index holds no more pairs than were computed.
 */
final class ConsistencyCheck {
    private static final int MAX_REPORTED = 50;
    private final LmdbBackend b;
    private final LmdbReadTxn r;
    private final List<String> problems = new ArrayList<>();

    ConsistencyCheck(LmdbBackend b, LmdbReadTxn r) {
        this.b = b;
        this.r = r;
    }

    List<String> run() throws LdapException {
        Map<AttributeIndex, Long> expected = new HashMap<>();
        long entries = 0;
        long maxId = 0;
        List<AttributeIndex> all = new ArrayList<>(b.indexes.values());
        List<Cursor<ByteBuffer>> cursors = new ArrayList<>();
        for (AttributeIndex ix : all) {
            cursors.add(ix.dbi.openCursor(r.txn));
            expected.put(ix, 0L);
        }
        try (Cursor<ByteBuffer> c = b.id2entry.openCursor(r.txn)) {
            boolean ok = c.first();
            while (ok) {
                long id = c.key().getLong(c.key().position());
                byte[] record = Keys.bytes(c.val());
                entries++;
                maxId = Math.max(maxId, id);
                Dn dn;
                try {
                    dn = r.dnOf(id);
                } catch (LdapException e) {
                    problem("entry " + id + " has no usable name: " + e.getMessage());
                    ok = c.next();
                    continue;
                }
                long parent = r.parentOf(id);
                byte[] rdnKey = parent == 0 ? b.suffixKey : Keys.bounded(Keys.utf8(dn.getRdn().getNormName()));
                if (r.child(parent, rdnKey) != id) {
                    problem("dn2id does not map " + dn.getName() + " to entry " + id);
                }
                if (parent != 0 && b.id2entry.get(r.txn, r.s.key(parent, null)) == null) {
                    problem("entry " + dn.getName() + " has a missing parent " + parent);
                }
                Entry e = b.codec.decode(record, dn);
                for (int i = 0; i < all.size(); i++) {
                    AttributeIndex ix = all.get(i);
                    var keys = ix.keys(e);
                    expected.merge(ix, (long) keys.size(), Long::sum);
                    for (byte[] k : keys) {
                        if (!cursors.get(i).get(r.s.key(k), r.s.id(id), SeekOp.MDB_GET_BOTH)) {
                            problem("index " + ix.type.getName() + " lacks key " + printable(k) + " for "
                                    + dn.getName());
                        }
                    }
                }
                ok = c.next();
            }
        } finally {
            cursors.forEach(Cursor::close);
        }
        long dn2id = b.dn2id.stat(r.txn).entries;
        long id2rdn = b.id2rdn.stat(r.txn).entries;
        if (dn2id != entries || id2rdn != entries) {
            problem("counts differ: " + entries + " entries, " + dn2id + " dn2id keys, " + id2rdn + " id2rdn records");
        }
        for (AttributeIndex ix : all) {
            long stored = ix.dbi.stat(r.txn).entries;
            if (stored != expected.get(ix)) {
                problem("index " + ix.type.getName() + " holds " + stored + " pairs, the entries give "
                        + expected.get(ix));
            }
        }
        ByteBuffer next = b.meta.get(r.txn, r.s.key(Keys.utf8(LmdbBackend.META_NEXT_ID)));
        if (entries > 0 && (next == null || next.getLong(next.position()) <= maxId)) {
            problem("next id is not above the largest id " + maxId);
        }
        return problems;
    }

    private void problem(String p) {
        if (problems.size() < MAX_REPORTED) {
            problems.add(p);
        }
    }

    private static String printable(byte[] k) {
        StringBuilder sb = new StringBuilder();
        for (byte x : k) {
            sb.append(x >= 32 && x < 127 ? String.valueOf((char) x) : String.format("\\%02x", x & 0xFF));
        }
        return sb.toString();
    }
}
