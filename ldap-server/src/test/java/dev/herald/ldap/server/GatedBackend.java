package dev.herald.ldap.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;

import dev.herald.ldap.backend.Backend;
import dev.herald.ldap.backend.ReadTxn;

/**
 * A backend whose subtree searches stop after the first candidate until the test opens the
 * gate, so a test can act while a search is known to be running.
 */
final class GatedBackend extends ForwardingBackend {

    final CountDownLatch firstCandidateSeen = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);

    GatedBackend(Backend inner) {
        super(inner);
    }

    @Override
    ReadTxn wrap(ReadTxn txn) {
        return new Txn(txn) {
            @Override
            public void search(Dn base, SearchScope scope, ExprNode filter, long limit, SearchSink sink) throws LdapException {
                if (scope != SearchScope.SUBTREE) {
                    txn.search(base, scope, filter, limit, sink);
                    return;
                }
                boolean[] first = {true};
                txn.search(base, scope, filter, limit, e -> {
                    boolean go = sink.accept(e);
                    if (first[0]) {
                        first[0] = false;
                        firstCandidateSeen.countDown();
                        try {
                            gate.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return go;
                });
            }
        };
    }
}
