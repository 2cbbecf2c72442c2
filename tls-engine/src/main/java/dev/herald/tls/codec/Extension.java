package dev.herald.tls.codec;

import dev.herald.tls.TlsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One TLS extension, as an immutable value. Each known extension is a nested record with a
 * {@code parse} for the body in a given message and {@link #writeBody} for the reverse;
 * anything else is kept as {@link Unknown} so that it can be ignored (RFC 8446 §4.2).
 * Parsers check the vector bounds the RFCs declare and reject leftover bytes.
 */
public sealed interface Extension {

    int type();

    void writeBody(TlsWriter w);

    /** server_name (RFC 6066 §3). Empty in a server's answer; host names in a ClientHello. */
    record ServerName(List<String> hostNames) implements Extension {
        public ServerName {
            hostNames = List.copyOf(hostNames);
        }

        public static ServerName acknowledgement() {
            return new ServerName(List.of());
        }

        @Override
        public int type() {
            return ExtensionType.SERVER_NAME;
        }

        @Override
        public void writeBody(TlsWriter w) {
            if (hostNames.isEmpty()) {
                return;
            }
            int m = w.begin16();
            for (String h : hostNames) {
                w.u8(0).opaque16(h.getBytes(StandardCharsets.ISO_8859_1));
            }
            w.end(m);
        }

        static ServerName parse(TlsReader r, ExtensionContext ctx) throws TlsException {
            if (ctx != ExtensionContext.CLIENT_HELLO) {
                r.expectEnd();
                return acknowledgement();
            }
            TlsReader list = r.sub16();
            r.expectEnd();
            if (!list.hasRemaining()) {
                throw TlsReader.decodeError("empty server_name list");
            }
            List<String> names = new ArrayList<>();
            boolean seenHostName = false;
            while (list.hasRemaining()) {
                int nameType = list.u8();
                byte[] name = list.opaque16();
                if (name.length == 0) {
                    throw TlsReader.decodeError("empty server name");
                }
                if (nameType == 0) {
                    // RFC 6066 §3: at most one name of each type.
                    if (seenHostName) {
                        throw TlsException.local(dev.herald.tls.AlertDescription.ILLEGAL_PARAMETER,
                                "more than one host_name in server_name");
                    }
                    seenHostName = true;
                    names.add(new String(name, StandardCharsets.ISO_8859_1));
                }
            }
            return new ServerName(names);
        }
    }

    /** supported_groups (RFC 8446 §4.2.7); raw code points, unknown ones included. */
    record SupportedGroups(List<Integer> groups) implements Extension {
        public SupportedGroups {
            groups = List.copyOf(groups);
        }

        @Override
        public int type() {
            return ExtensionType.SUPPORTED_GROUPS;
        }

        @Override
        public void writeBody(TlsWriter w) {
            Codecs.writeU16List16(w, groups);
        }

        static SupportedGroups parse(TlsReader r) throws TlsException {
            List<Integer> v = Codecs.readU16List16(r, 1, "supported_groups");
            r.expectEnd();
            return new SupportedGroups(v);
        }
    }

    /** ec_point_formats (RFC 8422 §5.1.2). */
    record EcPointFormats(List<Integer> formats) implements Extension {
        public EcPointFormats {
            formats = List.copyOf(formats);
        }

        public static EcPointFormats uncompressedOnly() {
            return new EcPointFormats(List.of(0));
        }

        @Override
        public int type() {
            return ExtensionType.EC_POINT_FORMATS;
        }

        @Override
        public void writeBody(TlsWriter w) {
            int m = w.begin8();
            for (int f : formats) {
                w.u8(f);
            }
            w.end(m);
        }

        static EcPointFormats parse(TlsReader r) throws TlsException {
            TlsReader list = r.sub8();
            r.expectEnd();
            if (!list.hasRemaining()) {
                throw TlsReader.decodeError("empty ec_point_formats");
            }
            List<Integer> v = new ArrayList<>();
            while (list.hasRemaining()) {
                v.add(list.u8());
            }
            return new EcPointFormats(v);
        }
    }

    /** signature_algorithms (RFC 8446 §4.2.3). */
    record SignatureAlgorithms(List<Integer> schemes) implements Extension {
        public SignatureAlgorithms {
            schemes = List.copyOf(schemes);
        }

        @Override
        public int type() {
            return ExtensionType.SIGNATURE_ALGORITHMS;
        }

        @Override
        public void writeBody(TlsWriter w) {
            Codecs.writeU16List16(w, schemes);
        }

        static SignatureAlgorithms parse(TlsReader r) throws TlsException {
            List<Integer> v = Codecs.readU16List16(r, 1, "signature_algorithms");
            r.expectEnd();
            return new SignatureAlgorithms(v);
        }
    }

    /** signature_algorithms_cert (RFC 8446 §4.2.3). */
    record SignatureAlgorithmsCert(List<Integer> schemes) implements Extension {
        public SignatureAlgorithmsCert {
            schemes = List.copyOf(schemes);
        }

        @Override
        public int type() {
            return ExtensionType.SIGNATURE_ALGORITHMS_CERT;
        }

        @Override
        public void writeBody(TlsWriter w) {
            Codecs.writeU16List16(w, schemes);
        }

        static SignatureAlgorithmsCert parse(TlsReader r) throws TlsException {
            List<Integer> v = Codecs.readU16List16(r, 1, "signature_algorithms_cert");
            r.expectEnd();
            return new SignatureAlgorithmsCert(v);
        }
    }

    /** supported_versions in a ClientHello (RFC 8446 §4.2.1): versions&lt;2..254&gt;. */
    record SupportedVersionsClient(List<Integer> versions) implements Extension {
        public SupportedVersionsClient {
            versions = List.copyOf(versions);
        }

        @Override
        public int type() {
            return ExtensionType.SUPPORTED_VERSIONS;
        }

        @Override
        public void writeBody(TlsWriter w) {
            int m = w.begin8();
            for (int v : versions) {
                w.u16(v);
            }
            w.end(m);
        }

        static SupportedVersionsClient parse(TlsReader r) throws TlsException {
            TlsReader list = r.sub8();
            r.expectEnd();
            if (list.remaining() < 2 || list.remaining() % 2 != 0) {
                throw TlsReader.decodeError("bad supported_versions length");
            }
            List<Integer> v = new ArrayList<>();
            while (list.hasRemaining()) {
                v.add(list.u16());
            }
            return new SupportedVersionsClient(v);
        }
    }

    /** supported_versions in a ServerHello / HelloRetryRequest: the selected version. */
    record SupportedVersionsServer(int selected) implements Extension {
        @Override
        public int type() {
            return ExtensionType.SUPPORTED_VERSIONS;
        }

        @Override
        public void writeBody(TlsWriter w) {
            w.u16(selected);
        }

        static SupportedVersionsServer parse(TlsReader r) throws TlsException {
            int v = r.u16();
            r.expectEnd();
            return new SupportedVersionsServer(v);
        }
    }

    /** One KeyShareEntry (RFC 8446 §4.2.8). */
    record KeyShareEntry(int group, byte[] keyExchange) {
        public KeyShareEntry {
            keyExchange = keyExchange.clone();
        }

        @Override
        public byte[] keyExchange() {
            return keyExchange.clone();
        }

        void write(TlsWriter w) {
            w.u16(group).opaque16(keyExchange);
        }

        static KeyShareEntry parse(TlsReader r) throws TlsException {
            int group = r.u16();
            byte[] key = r.opaque16();
            if (key.length == 0) {
                throw TlsReader.decodeError("empty key_exchange");
            }
            return new KeyShareEntry(group, key);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyShareEntry k && k.group == group && Arrays.equals(k.keyExchange, keyExchange);
        }

        @Override
        public int hashCode() {
            return 31 * group + Arrays.hashCode(keyExchange);
        }

        @Override
        public String toString() {
            return "KeyShareEntry[group=0x" + Integer.toHexString(group) + ", " + keyExchange.length + " bytes]";
        }
    }

    /** key_share in a ClientHello: client_shares&lt;0..2^16-1&gt;. */
    record KeyShareClient(List<KeyShareEntry> shares) implements Extension {
        public KeyShareClient {
            shares = List.copyOf(shares);
        }

        @Override
        public int type() {
            return ExtensionType.KEY_SHARE;
        }

        @Override
        public void writeBody(TlsWriter w) {
            int m = w.begin16();
            for (KeyShareEntry e : shares) {
                e.write(w);
            }
            w.end(m);
        }

        static KeyShareClient parse(TlsReader r) throws TlsException {
            TlsReader list = r.sub16();
            r.expectEnd();
            List<KeyShareEntry> v = new ArrayList<>();
            while (list.hasRemaining()) {
                v.add(KeyShareEntry.parse(list));
            }
            return new KeyShareClient(v);
        }
    }

    /** key_share in a ServerHello: the server's share. */
    record KeyShareServer(KeyShareEntry share) implements Extension {
        @Override
        public int type() {
            return ExtensionType.KEY_SHARE;
        }

        @Override
        public void writeBody(TlsWriter w) {
            share.write(w);
        }

        static KeyShareServer parse(TlsReader r) throws TlsException {
            KeyShareEntry e = KeyShareEntry.parse(r);
            r.expectEnd();
            return new KeyShareServer(e);
        }
    }

    /** key_share in a HelloRetryRequest: the group the client must use. */
    record KeyShareRetry(int selectedGroup) implements Extension {
        @Override
        public int type() {
            return ExtensionType.KEY_SHARE;
        }

        @Override
        public void writeBody(TlsWriter w) {
            w.u16(selectedGroup);
        }

        static KeyShareRetry parse(TlsReader r) throws TlsException {
            int g = r.u16();
            r.expectEnd();
            return new KeyShareRetry(g);
        }
    }

    /** renegotiation_info (RFC 5746 §3.2). */
    record RenegotiationInfo(byte[] renegotiatedConnection) implements Extension {
        public RenegotiationInfo {
            renegotiatedConnection = renegotiatedConnection.clone();
        }

        public static RenegotiationInfo initial() {
            return new RenegotiationInfo(new byte[0]);
        }

        @Override
        public byte[] renegotiatedConnection() {
            return renegotiatedConnection.clone();
        }

        @Override
        public int type() {
            return ExtensionType.RENEGOTIATION_INFO;
        }

        @Override
        public void writeBody(TlsWriter w) {
            w.opaque8(renegotiatedConnection);
        }

        static RenegotiationInfo parse(TlsReader r) throws TlsException {
            byte[] v = r.opaque8();
            r.expectEnd();
            return new RenegotiationInfo(v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RenegotiationInfo ri && Arrays.equals(ri.renegotiatedConnection, renegotiatedConnection);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(renegotiatedConnection);
        }

        @Override
        public String toString() {
            return "RenegotiationInfo[" + renegotiatedConnection.length + " bytes]";
        }
    }

    /** extended_master_secret (RFC 7627 §5.1): always empty. */
    record ExtendedMasterSecret() implements Extension {
        @Override
        public int type() {
            return ExtensionType.EXTENDED_MASTER_SECRET;
        }

        @Override
        public void writeBody(TlsWriter w) {
        }

        static ExtendedMasterSecret parse(TlsReader r) throws TlsException {
            r.expectEnd();
            return new ExtendedMasterSecret();
        }
    }

    /** certificate_authorities (RFC 8446 §4.2.4): DER-encoded distinguished names. */
    record CertificateAuthorities(List<byte[]> names) implements Extension {
        public CertificateAuthorities {
            names = names.stream().map(byte[]::clone).toList();
        }

        @Override
        public List<byte[]> names() {
            return names.stream().map(byte[]::clone).toList();
        }

        @Override
        public int type() {
            return ExtensionType.CERTIFICATE_AUTHORITIES;
        }

        @Override
        public void writeBody(TlsWriter w) {
            Codecs.writeDistinguishedNames(w, names);
        }

        static CertificateAuthorities parse(TlsReader r) throws TlsException {
            List<byte[]> v = Codecs.readDistinguishedNames(r, true);
            r.expectEnd();
            return new CertificateAuthorities(v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CertificateAuthorities c && Codecs.equalLists(c.names, names);
        }

        @Override
        public int hashCode() {
            return names.stream().mapToInt(Arrays::hashCode).sum();
        }
    }

    /** Any other extension, kept as bytes and otherwise ignored. */
    record Unknown(int type, byte[] data) implements Extension {
        public Unknown {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public void writeBody(TlsWriter w) {
            w.bytes(data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.type == type && Arrays.equals(u.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Unknown[type=" + type + ", " + data.length + " bytes]";
        }
    }
}
