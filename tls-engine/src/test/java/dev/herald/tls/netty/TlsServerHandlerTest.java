package dev.herald.tls.netty;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.tls.ClientAuthMode;
import dev.herald.tls.TlsServerContext;
import dev.herald.tls.testsupport.JdkClients;
import dev.herald.tls.testsupport.TestPki;
import dev.herald.tls.testsupport.TestServers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The Netty adapter driven through an EmbeddedChannel by the JDK's SSLEngine client. */
class TlsServerHandlerTest {
    private static final TestPki.Standard PKI = TestPki.standard();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(TlsServerHandler.class);
        logger.setLevel(Level.DEBUG);
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger(TlsServerHandler.class);
        logger.detachAppender(logs);
        logger.setLevel(null);
    }

    private static TlsServerContext context(ClientAuthMode mode) {
        return TlsServerContext.create(TestServers.builder(mode).handshakeTimeout(Duration.ofSeconds(5)).build());
    }

    private static SSLEngine client(TestPki.Issued cert, String protocol) {
        return JdkClients.engine(JdkClients.context(cert, PKI.root.certificate(), true), protocol, null);
    }

    private List<String> logLines(Level level) {
        return logs.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<String> logLines() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void handshakeEventThenPlaintextBothWays(String protocol) throws Exception {
        EmbeddedPump.Recorder rec = new EmbeddedPump.Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new TlsServerHandler(context(ClientAuthMode.TRY)), rec);
        EmbeddedPump pump = new EmbeddedPump(client(PKI.clientEc, protocol), ch);
        pump.client.beginHandshake();
        pump.run();
        assertThat(pump.clientFailure).isNull();
        TlsHandshakeEvent ev = rec.handshakeEvent();
        assertThat(ev.isSuccess()).isTrue();
        assertThat(ev.session().get().certificateVerified()).isTrue();
        assertThat(ev.session().get().version().displayName()).isEqualTo(protocol);

        pump.clientToServer("bind request".getBytes(StandardCharsets.US_ASCII));
        assertThat(rec.received.toString()).isEqualTo("bind request");
        assertThat(rec.order).startsWith("event", "data");

        ch.writeAndFlush(Unpooled.copiedBuffer("bind response", StandardCharsets.US_ASCII));
        pump.serverToClient();
        assertThat(pump.clientReceived()).isEqualTo("bind response");
        // success at DEBUG (the server's access log has it at INFO), failures at INFO
        assertThat(logLines(Level.INFO)).noneSatisfy(l -> assertThat(l).startsWith("TLS handshake ok"));
        assertThat(logLines(Level.DEBUG)).anySatisfy(l -> assertThat(l).startsWith("TLS handshake ok").contains("version=" + protocol)
                .contains("client-certificate=verified subject=\"" + PKI.clientEc.certificate().getSubjectX500Principal().getName()));
    }

    @Test
    void startTlsInsertionWithTheClientHelloInTheSameSegment() throws Exception {
        TlsServerContext tls = context(ClientAuthMode.TRY);
        EmbeddedPump.Recorder rec = new EmbeddedPump.Recorder();
        // A toy plaintext protocol: "STARTTLS\n" then TLS, like LDAP's StartTLS extended operation.
        ChannelInboundHandlerAdapter startTls = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf in = (ByteBuf) msg;
                int nl = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                String line = in.readCharSequence(nl - in.readerIndex() + 1, StandardCharsets.US_ASCII).toString();
                assertThat(line).isEqualTo("STARTTLS\n");
                ByteBuf leftover = in.readRetainedSlice(in.readableBytes());
                in.release();
                ctx.writeAndFlush(Unpooled.copiedBuffer("OK\n", StandardCharsets.US_ASCII));
                ctx.pipeline().remove(this);
                ctx.pipeline().addFirst("tls", new TlsServerHandler(tls));
                ctx.pipeline().fireChannelRead(leftover);
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(startTls, rec);
        SSLEngine client = client(PKI.clientEc, "TLSv1.3");
        client.beginHandshake();
        ByteBuffer hello = ByteBuffer.allocate(1 << 16);
        client.wrap(ByteBuffer.allocate(0), hello);
        hello.flip();
        ch.writeInbound(Unpooled.wrappedBuffer(Unpooled.copiedBuffer("STARTTLS\n", StandardCharsets.US_ASCII),
                Unpooled.wrappedBuffer(hello)));
        ByteBuf ok = ch.readOutbound();
        assertThat(ok.toString(StandardCharsets.US_ASCII)).isEqualTo("OK\n"); // the response went out in clear
        ok.release();
        EmbeddedPump pump = new EmbeddedPump(client, ch);
        pump.run();
        assertThat(pump.clientFailure).isNull();
        assertThat(rec.handshakeEvent().isSuccess()).isTrue();
        pump.clientToServer("whoami".getBytes(StandardCharsets.US_ASCII));
        assertThat(rec.received.toString()).isEqualTo("whoami");
    }

    @Test
    void clientThatStopsHalfWayIsDroppedAtTheTimeout() throws Exception {
        EmbeddedPump.Recorder rec = new EmbeddedPump.Recorder();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(new TlsServerHandler(context(ClientAuthMode.TRY)), rec);
        // Half a ClientHello, then silence.
        SSLEngine client = client(null, "TLSv1.3");
        client.beginHandshake();
        ByteBuffer hello = ByteBuffer.allocate(1 << 16);
        client.wrap(ByteBuffer.allocate(0), hello);
        hello.flip();
        hello.limit(hello.limit() / 2);
        ch.writeInbound(Unpooled.wrappedBuffer(hello));
        ch.advanceTimeBy(4, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        TlsHandshakeEvent ev = rec.handshakeEvent();
        assertThat(ev.isSuccess()).isFalse();
        assertThat(ev.failureKind()).contains(TlsHandshakeEvent.FailureKind.TIMEOUT);
        assertThat(logLines(Level.INFO)).anySatisfy(l -> assertThat(l).startsWith("TLS handshake failed").contains("timeout"));
    }

    @Test
    void completedHandshakeCancelsTheTimeout() throws Exception {
        EmbeddedPump.Recorder rec = new EmbeddedPump.Recorder();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(new TlsServerHandler(context(ClientAuthMode.NEVER)), rec);
        EmbeddedPump pump = new EmbeddedPump(client(null, "TLSv1.3"), ch);
        pump.client.beginHandshake();
        pump.run();
        ch.advanceTimeBy(60, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        assertThat(rec.events).hasSize(1);
    }

    @Test
    void untrustedClientCertificateFailsWithAnEventAndALogLine() throws Exception {
        EmbeddedPump.Recorder rec = new EmbeddedPump.Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new TlsServerHandler(context(ClientAuthMode.TRY)), rec);
        EmbeddedPump pump = new EmbeddedPump(client(PKI.clientUntrusted, "TLSv1.3"), ch);
        pump.client.beginHandshake();
        pump.run();
        TlsHandshakeEvent ev = rec.handshakeEvent();
        assertThat(ev.isSuccess()).isFalse();
        assertThat(ev.failureKind()).contains(TlsHandshakeEvent.FailureKind.ALERT_SENT);
        assertThat(ev.alert()).contains("unknown_ca");
        assertThat(ch.isOpen()).isFalse();
        assertThat(pump.clientFailure).isNotNull();
        assertThat(pump.clientFailure.getMessage()).contains("unknown_ca");
        assertThat(rec.received).isEmpty();
    }

    @Test
    void clientRejectingOurCertificateIsLoggedAsSuch() throws Exception {
        // The client trusts another root: in TLS 1.3 it says so only after our whole flight.
        EmbeddedPump.Recorder rec = new EmbeddedPump.Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new TlsServerHandler(context(ClientAuthMode.TRY)), rec);
        SSLEngine client = JdkClients.engine(JdkClients.context(null, PKI.untrustedRoot.certificate(), false), "TLSv1.3", null);
        EmbeddedPump pump = new EmbeddedPump(client, ch);
        client.beginHandshake();
        pump.run();
        TlsHandshakeEvent ev = rec.handshakeEvent();
        assertThat(ev.isSuccess()).isFalse();
        assertThat(ev.failureKind()).contains(TlsHandshakeEvent.FailureKind.ALERT_RECEIVED);
        assertThat(ev.reason().get()).startsWith("client rejected the server certificate: ");
        assertThat(logLines()).anySatisfy(l -> assertThat(l).contains("client rejected the server certificate: "
                + ev.alert().orElseThrow()));
    }

    @Test
    void closeSendsCloseNotify() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new TlsServerHandler(context(ClientAuthMode.NEVER)));
        EmbeddedPump pump = new EmbeddedPump(client(null, "TLSv1.3"), ch);
        pump.client.beginHandshake();
        pump.run();
        ch.close();
        pump.serverToClient();
        assertThat(pump.client.isInboundDone()).isTrue(); // the JDK saw our close_notify
    }

    @Test
    void clientCloseNotifyIsAnsweredAndTheChannelClosed() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new TlsServerHandler(context(ClientAuthMode.NEVER)));
        EmbeddedPump pump = new EmbeddedPump(client(null, "TLSv1.2"), ch);
        pump.client.beginHandshake();
        pump.run();
        pump.client.closeOutbound();
        pump.clientToServer();
        assertThat(ch.isOpen()).isFalse();
        pump.serverToClient();
        assertThat(pump.client.isInboundDone()).isTrue();
    }

    @Test
    void writesBeforeTheHandshakeAreHeldUntilItCompletes() throws Exception {
        EmbeddedPump.Recorder rec = new EmbeddedPump.Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new TlsServerHandler(context(ClientAuthMode.NEVER)), rec);
        var f = ch.writeAndFlush(Unpooled.copiedBuffer("greeting", StandardCharsets.US_ASCII));
        assertThat(f.isDone()).isFalse();
        assertThat((Object) ch.readOutbound()).isNull();
        EmbeddedPump pump = new EmbeddedPump(client(null, "TLSv1.3"), ch);
        pump.client.beginHandshake();
        pump.run();
        assertThat(f.isSuccess()).isTrue();
        assertThat(pump.clientReceived()).isEqualTo("greeting");
    }

    @Test
    void garbageInsteadOfTlsFailsTheHandshake() {
        EmbeddedPump.Recorder rec = new EmbeddedPump.Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new TlsServerHandler(context(ClientAuthMode.NEVER)), rec);
        // An LDAP bind request in clear on the LDAPS port
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03,
                0x04, 0x00, (byte) 0x80, 0x00}));
        assertThat(rec.handshakeEvent().alert()).contains("unexpected_message");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void peerClosingTheConnectionDuringTheHandshake() {
        EmbeddedPump.Recorder rec = new EmbeddedPump.Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new TlsServerHandler(context(ClientAuthMode.NEVER)), rec);
        ch.close();
        assertThat(rec.handshakeEvent().failureKind()).contains(TlsHandshakeEvent.FailureKind.CONNECTION_CLOSED);
    }
}
