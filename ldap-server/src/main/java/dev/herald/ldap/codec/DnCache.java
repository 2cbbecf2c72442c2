package dev.herald.ldap.codec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.DnFactory;

/**
 * The decoder's DN parser (a {@link DnFactory} for the Directory API's message container): the
 * same schema-less parse the decoder does without one, remembered by the DN's text. Clients send
 * the same few names (search bases, bind DNs) again and again, and parsing one took a third of
 * the decoding time of a search request. {@link Dn} is immutable, so one instance can serve
 * every request. Bounded: at most {@link #LIMIT} names of at most {@link #MAX_LENGTH} characters
 * (emptied when full); invalid names are not remembered.
 */
final class DnCache implements DnFactory {

    static final int LIMIT = 1024;
    static final int MAX_LENGTH = 256;

    private final Map<String, Dn> dns = new ConcurrentHashMap<>();

    @Override
    public Dn create(String upDn) throws LdapInvalidDnException {
        if (upDn == null || upDn.length() > MAX_LENGTH) {
            return new Dn(upDn);
        }
        Dn dn = dns.get(upDn);
        if (dn == null) {
            dn = new Dn(upDn);
            if (dns.size() >= LIMIT) {
                dns.clear();
            }
            dns.put(upDn, dn);
        }
        return dn;
    }

    @Override
    public Dn create(String... upRdns) throws LdapInvalidDnException {
        return upRdns.length == 1 ? create(upRdns[0]) : new Dn(upRdns);
    }

    /** Names remembered now (for tests). */
    int size() {
        return dns.size();
    }
}
