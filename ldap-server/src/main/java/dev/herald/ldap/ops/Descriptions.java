package dev.herald.ldap.ops;

import static dev.herald.ldap.log.AccessLog.quote;

import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.message.AddRequest;
import org.apache.directory.api.ldap.model.message.BindRequest;
import org.apache.directory.api.ldap.model.message.CompareRequest;
import org.apache.directory.api.ldap.model.message.DeleteRequest;
import org.apache.directory.api.ldap.model.message.ExtendedRequest;
import org.apache.directory.api.ldap.model.message.Message;
import org.apache.directory.api.ldap.model.message.ModifyDnRequest;
import org.apache.directory.api.ldap.model.message.ModifyRequest;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.name.Dn;

/** The request part of access log lines: the operation and its main arguments. */
final class Descriptions {

    private Descriptions() {}

    static String of(Message m) {
        if (m instanceof BindRequest b) {
            String method = b.isSimple() ? "simple" : "sasl/" + b.getSaslMechanism();
            return "BIND dn=" + quote(b.getName()) + " method=" + method;
        }
        if (m instanceof SearchRequest s) {
            String scope = switch (s.getScope()) {
                case OBJECT -> "base";
                case ONELEVEL -> "one";
                case SUBTREE -> "sub";
            };
            return "SRCH dn=" + dn(s.getBase()) + " scope=" + scope + " filter=" + quote(dev.herald.ldap.filter.FilterStrings.toString(s.getFilter()))
                    + " attrs=" + quote(String.join(" ", s.getAttributes()));
        }
        if (m instanceof CompareRequest c) {
            return "CMP dn=" + dn(c.getName()) + " attr=" + quote(c.getAttributeId());
        }
        if (m instanceof AddRequest a) {
            return "ADD dn=" + dn(a.getEntryDn());
        }
        if (m instanceof ModifyRequest mr) {
            StringBuilder attrs = new StringBuilder();
            for (Modification mod : mr.getModifications()) {
                if (attrs.length() > 0) {
                    attrs.append(' ');
                }
                attrs.append(mod.getAttribute().getUpId());
            }
            return "MOD dn=" + dn(mr.getName()) + " attrs=" + quote(attrs.toString());
        }
        if (m instanceof DeleteRequest d) {
            return "DEL dn=" + dn(d.getName());
        }
        if (m instanceof ModifyDnRequest r) {
            return "MODRDN dn=" + dn(r.getName()) + " newrdn=" + quote(r.getNewRdn() == null ? "" : r.getNewRdn().getName())
                    + " deleteoldrdn=" + (r.getDeleteOldRdn() ? 1 : 0)
                    + (r.getNewSuperior() != null ? " newsuperior=" + dn(r.getNewSuperior()) : "");
        }
        if (m instanceof ExtendedRequest x) {
            return "EXT oid=" + quote(x.getRequestName());
        }
        return m.getType().name();
    }

    /** The operation name for a request the codec or framer refused before decoding it fully. */
    static String ofTag(int opTag) {
        String op = switch (opTag) {
            case 0x60 -> "BIND";
            case 0x63 -> "SRCH";
            case 0x66 -> "MOD";
            case 0x68 -> "ADD";
            case 0x4a -> "DEL";
            case 0x6c -> "MODRDN";
            case 0x6e -> "CMP";
            case 0x77 -> "EXT";
            default -> String.format("OP(0x%02x)", opTag);
        };
        return op + " (not decoded)";
    }

    private static String dn(Dn dn) {
        return quote(dn == null ? "" : dn.getName());
    }
}
