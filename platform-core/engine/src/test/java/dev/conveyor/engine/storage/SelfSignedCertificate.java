package dev.conveyor.engine.storage;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for 127.0.0.1 made with the JDK's keytool, for an HTTPS Azurite, and an SDK HTTP client that trusts
 * it (and nothing else): tests only, production code keeps the JDK's default trust.
 */
final class SelfSignedCertificate {

    static final String PASSWORD = "azurite-test";
    private static final String ALIAS = "azurite";

    private final Path pfx;

    private SelfSignedCertificate(Path pfx) {
        this.pfx = pfx;
    }

    static SelfSignedCertificate create(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path pfx = directory.resolve("azurite.pfx");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", pfx.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return new SelfSignedCertificate(pfx);
    }

    Path pfx() {
        return pfx;
    }

    HttpClient trustingHttpClient() {
        try (InputStream in = Files.newInputStream(pfx)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(tls)).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + pfx + ": " + e.getMessage(), e);
        }
    }
}
