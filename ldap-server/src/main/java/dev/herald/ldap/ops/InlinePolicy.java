package dev.herald.ldap.ops;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.message.CompareRequest;
import org.apache.directory.api.ldap.model.message.ExtendedRequest;
import org.apache.directory.api.ldap.model.message.Request;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.controls.PagedResults;
import org.apache.directory.api.ldap.model.schema.AttributeType;

import dev.herald.ldap.directory.CandidateBudget;
import dev.herald.ldap.directory.DirectoryService;
import dev.herald.ldap.ops.extended.WhoAmIHandler;

/**
 * Which requests run on the connection's event loop instead of the worker pool. Handing a
 * request to a worker and its answer back costs two thread wake-ups, more than a small search
 * itself on a busy machine; but an event loop serves many connections, so only requests whose
 * cost is small and bounded run there:
 * <ul>
 * <li>searches the indexes bound to at most {@link #MAX_CANDIDATES} candidates, and searches
 * of one base entry or of the root DSE (not {@code cn=schema}, which is large), without the
 * paged results control: such a search is tried under a {@link CandidateBudget}, and one the
 * directory finds over it (having sent nothing) is moved to the pool;
 * <li>compares, except of userPassword (checked with the password schemes: hashing);
 * <li>WhoAmI.
 * </ul>
 * Everything else — binds (password hashing, SASL), updates (disk writes behind the writer
 * lock), StartTLS, Password Modify, unindexed, large and paged searches — goes to the pool, as
 * does any request this policy cannot judge. Nothing that runs inline can wait: the backends'
 * reads never block, and an inline search writes its few entries without waiting for the
 * client to read them (see {@link OperationContext#sendEntry}).
 */
final class InlinePolicy {

    /** The most candidate entries a search run on the event loop may examine. */
    static final long MAX_CANDIDATES = 16;

    /**
     * {@code -Dherald.inline=off} sends every request to the pool, as before this policy existed
     * (for comparing the two in benchmarks).
     */
    private static final boolean ENABLED = !"off".equalsIgnoreCase(System.getProperty("herald.inline"));

    private final DirectoryService directory;
    private final String userPasswordOid;

    InlinePolicy(DirectoryService directory) {
        this.directory = directory;
        this.userPasswordOid = directory.schema().getAttributeType(SchemaConstants.USER_PASSWORD_AT).getOid();
    }

    /**
     * Whether {@code request} may run on the event loop (a search: may be tried there, under a
     * budget of {@link #MAX_CANDIDATES}).
     */
    boolean runsInline(Request request) {
        if (!ENABLED) {
            return false;
        }
        try {
            if (request instanceof SearchRequest s) {
                return cheapSearch(s);
            }
            if (request instanceof CompareRequest c) {
                return cheapCompare(c);
            }
            if (request instanceof ExtendedRequest x) {
                return WhoAmIHandler.OID.equals(x.getRequestName());
            }
            return false;
        } catch (Exception e) {
            return false; // whatever is wrong with it is reported by the handler, on the pool
        }
    }

    private static boolean cheapSearch(SearchRequest s) {
        // The first page of a paged search reads every match. Others run under a
        // CandidateBudget of MAX_CANDIDATES: the directory refuses a larger one before it
        // sends anything, and the dispatcher moves it to the pool.
        return s.getControl(PagedResults.OID) == null;
    }

    private boolean cheapCompare(CompareRequest c) {
        String id = c.getAttributeId();
        if (id == null) {
            return false;
        }
        int semi = id.indexOf(';');
        AttributeType at = directory.schema().getAttributeType(semi < 0 ? id : id.substring(0, semi));
        return at != null && !userPasswordOid.equals(at.getOid());
    }
}
