package org.oaiconformance.contract.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.oaiconformance.contract.settings.BaseUrl;
import org.testng.annotations.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

/**
 * An HTTPS target whose certificate the JVM does not trust: the exchange fails — nothing turns verification off —
 * with one line that says how to supply a trust store.
 */
public class UntrustedTlsTest {

    @Test(timeOut = 60_000)
    public void anUntrustedCertificateGivesOneLineOnHowToSupplyATrustStore() throws Exception {
        Path dir = Files.createTempDirectory("untrusted-tls");
        Path store = dir.resolve("server.p12");
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(30, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool could not make a certificate");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            TargetClient client = new TargetClient(BaseUrl.parse("https://127.0.0.1:" + server.getAddress().getPort() + "/v1"),
                    "sk-tls-test-1234", Map.of(), 2_000, 5_000);
            client.get("/models", Credentials.none());
            fail("an untrusted certificate was accepted");
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof TargetUnavailable)) {
                cause = cause.getCause();
            }
            assertTrue(cause instanceof TargetUnavailable, String.valueOf(cause));
            String message = cause.getMessage();
            assertTrue(message.contains("-Djavax.net.ssl.trustStore=") && message.contains("never turns verification off")
                    && !message.contains("\n"), message);
        } finally {
            server.stop(0);
        }
    }
}
