package dev.herald.ldap.ops;

import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchResultDone;
import org.apache.directory.api.ldap.model.message.controls.PagedResults;
import org.apache.directory.api.ldap.model.message.controls.PagedResultsImpl;
import org.apache.directory.api.ldap.model.name.Dn;

import dev.herald.ldap.directory.DirectoryService;
import dev.herald.ldap.directory.ReturnedEntry;
import dev.herald.ldap.directory.SearchListener;
import dev.herald.ldap.directory.SearchSpec;
import dev.herald.ldap.settings.Limits;

/**
 * Search (RFC 4511 §4.5) with size and time limits — the smaller of the client's and the
 * server's, none for the administrator — reported as sizeLimitExceeded (4) and
 * timeLimitExceeded (3) after the entries found so far, and the simple paged results control
 * (RFC 2696). Abandon stops a search between two entries, without a SearchResultDone.
 */
final class SearchHandler implements OperationHandler<SearchRequest> {

    @Override
    public void handle(OperationContext op, SearchRequest request) throws Exception {
        DirectoryService directory = op.server().directory();
        boolean admin = directory.access().isAdmin(op.requestor());
        Limits limits = op.server().settings().limits();
        long sizeLimit = effective(request.getSizeLimit(), admin ? 0 : limits.sizeLimit());
        long timeLimitNanos = effective(request.getTimeLimit() * 1_000_000_000L, admin ? 0 : limits.timeLimit().toNanos());
        long deadline = timeLimitNanos == 0 ? Long.MAX_VALUE : op.startNanos() + timeLimitNanos;
        SearchSpec spec = new SearchSpec(request.getBase(), request.getScope(), request.getFilter(),
                request.getAttributes(), request.getTypesOnly());
        PagedResults paged = (PagedResults) request.getControl(PagedResults.OID);
        if (paged != null) {
            paged(op, request, spec, paged, sizeLimit, admin ? 0 : limits.sizeLimit(), deadline);
            return;
        }
        Outcome outcome = new Outcome();
        directory.search(op.requestor(), spec, () -> op.server().rootDse().build(op.session()), new SearchListener() {
            @Override
            public boolean entry(Entry entry) {
                if (sizeLimit > 0 && op.entriesSent() >= sizeLimit) {
                    outcome.sizeExceeded = true;
                    return false;
                }
                return op.sendEntry(entry, () -> outcome.stop(op, deadline));
            }

            @Override
            public boolean takesReturnedEntries() {
                return true;
            }

            @Override
            public boolean entry(ReturnedEntry entry) {
                if (sizeLimit > 0 && op.entriesSent() >= sizeLimit) {
                    outcome.sizeExceeded = true;
                    return false;
                }
                return op.sendEntry(entry, () -> outcome.stop(op, deadline));
            }

            @Override
            public boolean stopRequested() {
                return outcome.stop(op, deadline);
            }
        });
        finish(op, outcome, null);
    }

    private static void finish(OperationContext op, Outcome outcome, PagedResults responseControl) {
        if (op.isAbandoned()) {
            op.finishSilently();
            return;
        }
        op.setLogExtra("nentries=" + op.entriesSent());
        SearchResultDone done = (SearchResultDone) op.response();
        if (responseControl != null) {
            done.addControl(responseControl);
        }
        done.getLdapResult().setResultCode(outcome.sizeExceeded ? ResultCodeEnum.SIZE_LIMIT_EXCEEDED
                : outcome.timeExceeded ? ResultCodeEnum.TIME_LIMIT_EXCEEDED : ResultCodeEnum.SUCCESS);
        op.respond(done);
    }

    /** One page of a paged search; the first request collects the matching DNs. */
    private static void paged(OperationContext op, SearchRequest request, SearchSpec spec, PagedResults control,
            long sizeLimit, int serverSizeLimit, long deadline) throws Exception {
        DirectoryService directory = op.server().directory();
        PagedSearches open = op.session().attachment(PagedSearches.ATTACHMENT, PagedSearches::new);
        String signature = signature(request);
        byte[] cookie = control.getCookie() == null ? new byte[0] : control.getCookie();
        int pageSize = Math.max(0, control.getSize());
        Outcome outcome = new Outcome();
        PagedSearches.State state;
        if (cookie.length == 0) {
            if (open.size() >= op.server().settings().limits().maxPagedSearchesPerConnection()) {
                op.respond(ResultCodeEnum.ADMIN_LIMIT_EXCEEDED, "too many paged searches open on this connection");
                return;
            }
            List<Dn> dns = new ArrayList<>();
            SearchSpec dnsOnly = new SearchSpec(spec.base(), spec.scope(), spec.filter(), List.of("1.1"), false);
            directory.search(op.requestor(), dnsOnly, () -> op.server().rootDse().build(op.session()), new SearchListener() {
                @Override
                public boolean entry(Entry entry) {
                    if (sizeLimit > 0 && dns.size() >= sizeLimit) {
                        outcome.sizeExceeded = true;
                        return false;
                    }
                    dns.add(entry.getDn());
                    return true;
                }

                @Override
                public boolean stopRequested() {
                    return outcome.stop(op, deadline);
                }
            });
            state = new PagedSearches.State(signature, dns, outcome.sizeExceeded);
            if (outcome.timeExceeded || op.isAbandoned()) {
                finish(op, outcome, responseControl(0, new byte[0]));
                return;
            }
        } else {
            state = open.take(cookie).orElse(null);
            if (state == null) {
                op.respond(ResultCodeEnum.UNWILLING_TO_PERFORM, "paged results cookie is invalid or old");
                return;
            }
            if (!state.signature().equals(signature)) {
                op.respond(ResultCodeEnum.UNWILLING_TO_PERFORM, "paged results request changed the search");
                return;
            }
        }
        if (pageSize == 0 && cookie.length > 0) {
            // RFC 2696 §3: size 0 with a cookie abandons the paged search.
            finish(op, outcome, responseControl(0, new byte[0]));
            return;
        }
        int page = pageSize == 0 ? Integer.MAX_VALUE : pageSize;
        if (serverSizeLimit > 0) {
            page = Math.min(page, serverSizeLimit);
        }
        List<Dn> remaining = state.remaining();
        List<Dn> now = remaining.subList(0, Math.min(page, remaining.size()));
        List<Dn> later = new ArrayList<>(remaining.subList(now.size(), remaining.size()));
        directory.read(op.requestor(), now, spec.attributes(), spec.typesOnly(), new SearchListener() {
            @Override
            public boolean entry(Entry entry) {
                return op.sendEntry(entry, () -> outcome.stop(op, deadline));
            }

            @Override
            public boolean stopRequested() {
                return outcome.stop(op, deadline);
            }
        });
        byte[] next = new byte[0];
        if (!later.isEmpty() && !op.isAbandoned()) {
            next = open.put(new PagedSearches.State(signature, later, state.sizeLimitExceeded()));
        } else {
            outcome.sizeExceeded = state.sizeLimitExceeded();
        }
        finish(op, outcome, responseControl(later.size(), next));
    }

    private static PagedResults responseControl(int estimate, byte[] cookie) {
        PagedResultsImpl c = new PagedResultsImpl();
        c.setSize(estimate);
        c.setCookie(cookie);
        return c;
    }

    /** What identifies a search across its pages (RFC 2696 §3: the same request each time). */
    private static String signature(SearchRequest r) {
        return r.getBase().getName() + '\u0000' + r.getScope() + '\u0000' + r.getFilter() + '\u0000' + r.getAttributes()
                + '\u0000' + r.getTypesOnly();
    }

    /** The smaller of two limits, where 0 means none. */
    static long effective(long client, long server) {
        if (client <= 0) {
            return Math.max(0, server);
        }
        if (server <= 0) {
            return client;
        }
        return Math.min(client, server);
    }

    /** Why a search stopped early. */
    private static final class Outcome {
        boolean sizeExceeded;
        boolean timeExceeded;

        boolean stop(OperationContext op, long deadline) {
            if (op.isAbandoned()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                timeExceeded = true;
                return true;
            }
            return false;
        }
    }
}
