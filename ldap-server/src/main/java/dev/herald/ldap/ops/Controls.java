package dev.herald.ldap.ops;

import java.util.List;

import org.apache.directory.api.ldap.model.message.Control;
import org.apache.directory.api.ldap.model.message.Request;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.controls.ManageDsaIT;
import org.apache.directory.api.ldap.model.message.controls.PagedResults;

/**
 * The request controls Herald supports (RFC 4511 §4.1.11): simple paged results (RFC 2696) on
 * searches, and ManageDsaIT (RFC 3296) on every operation, which is trivially honoured since
 * Herald holds no referral objects. A critical control that is unknown or does not apply to
 * the operation fails it with unavailableCriticalExtension (12); non-critical ones are ignored.
 */
final class Controls {

    static final List<String> SUPPORTED = List.of(PagedResults.OID, ManageDsaIT.OID);

    private Controls() {}

    /** The first critical control the server cannot honour for this request, or null. */
    static Control unsupportedCritical(Request request) {
        for (Control c : request.getControls().values()) {
            if (c.isCritical() && !applies(c.getOid(), request)) {
                return c;
            }
        }
        return null;
    }

    private static boolean applies(String oid, Request request) {
        if (ManageDsaIT.OID.equals(oid)) {
            return true;
        }
        return PagedResults.OID.equals(oid) && request instanceof SearchRequest;
    }
}
