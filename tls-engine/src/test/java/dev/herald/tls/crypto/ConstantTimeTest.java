package dev.herald.tls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConstantTimeTest {
    @Test
    void equalArrays() {
        assertThat(ConstantTime.equals(new byte[] {1, 2, 3}, new byte[] {1, 2, 3})).isTrue();
        assertThat(ConstantTime.equals(new byte[0], new byte[0])).isTrue();
    }

    @Test
    void differingArrays() {
        assertThat(ConstantTime.equals(new byte[] {1, 2, 3}, new byte[] {1, 2, 4})).isFalse();
        assertThat(ConstantTime.equals(new byte[] {(byte) 0x80}, new byte[] {0})).isFalse();
        assertThat(ConstantTime.equals(new byte[] {1, 2, 3}, new byte[] {1, 2})).isFalse();
        assertThat(ConstantTime.equals(null, new byte[0])).isFalse();
    }

    @Test
    void ranges() {
        byte[] a = {9, 1, 2, 3};
        byte[] b = {1, 2, 3, 9};
        assertThat(ConstantTime.equals(a, 1, b, 0, 3)).isTrue();
        assertThat(ConstantTime.equals(a, 0, b, 0, 3)).isFalse();
        assertThatThrownBy(() -> ConstantTime.equals(a, 2, b, 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
