package dev.herald.ldap.cli;

import dev.herald.ldap.HeraldVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code herald} command line: {@code serve} runs the server from a configuration file,
 * {@code demo} a ready-to-try directory with a demo PKI, {@code explain-mapping} says which
 * entry a client certificate maps to, {@code import-ldif} / {@code export-ldif} load and dump
 * an LMDB data folder, {@code hash-password} makes userPassword values.
 */
@Command(name = "herald", mixinStandardHelpOptions = true, versionProvider = HeraldMain.Version.class,
        description = "Herald LDAPv3 directory server.",
        subcommands = {ServeCommand.class, DemoCommand.class, ExplainMappingCommand.class, ImportLdifCommand.class,
                ExportLdifCommand.class, HashPasswordCommand.class, CommandLine.HelpCommand.class})
public final class HeraldMain {

    public static void main(String[] args) {
        if (args.length > 0 && "import-ldif".equals(args[0])) {
            // a short batch job: in a child JVM that compiles less (see ImportJvm)
            int code = ImportJvm.runInChildIfUseful(HeraldMain.class, args,
                    java.util.Arrays.asList(args).subList(1, args.length));
            if (code >= 0) {
                System.exit(code);
            }
        }
        System.exit(commandLine().execute(args));
    }

    /** The command tree, for tests and for other entry points. */
    public static CommandLine commandLine() {
        return new CommandLine(new HeraldMain());
    }

    /** Reports the version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {HeraldVersion.VENDOR + " " + HeraldVersion.VERSION};
        }
    }
}
