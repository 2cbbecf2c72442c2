package dev.herald.ldap.cli;

/** Placeholder entry point; replaced by the picocli command tree. */
public final class HeraldMain {
    private HeraldMain() {}

    public static void main(String[] args) {
        System.out.println("herald");
    }
}
