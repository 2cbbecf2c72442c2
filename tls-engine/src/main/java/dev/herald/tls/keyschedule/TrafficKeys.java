package dev.herald.tls.keyschedule;

/** A write key and IV for one direction, as the AEAD and the record layer need them. */
public record TrafficKeys(byte[] key, byte[] iv) {
    public TrafficKeys {
        key = key.clone();
        iv = iv.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }
}
