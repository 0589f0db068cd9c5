package dev.conveyor.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for 127.0.0.1 made with the JDK's keytool, for an HTTPS Azurite ({@link LocalAzurite#startWithOAuth}),
 * and the trust that accepts it (and nothing else) for a test's HTTP client or a test server's JVM. Tests only:
 * production code keeps the JDK's default trust.
 */
public final class SelfSignedCertificate {

    /** Of the key store and the trust store; a test value, never a secret. */
    public static final String PASSWORD = "azurite-test";
    private static final String ALIAS = "azurite";

    private final Path pfx;

    private SelfSignedCertificate(Path pfx) {
        this.pfx = pfx;
    }

    /** Makes the key pair and certificate in {@code directory}/azurite.pfx (PKCS#12, valid two days). */
    public static SelfSignedCertificate create(Path directory) {
        try {
            Files.createDirectories(directory);
            Path pfx = directory.resolve("azurite.pfx");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg",
                    "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", pfx.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return new SelfSignedCertificate(pfx);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a certificate", e);
        }
    }

    /** The key and certificate (PKCS#12, {@link #PASSWORD}), for Azurite's {@code --cert} and {@code --pwd}. */
    public Path pfx() {
        return pfx;
    }

    /** TLS that trusts this certificate only. */
    public SSLContext trustingSslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + pfx + ": " + e.getMessage(), e);
        }
    }

    /**
     * A PKCS#12 trust store holding only this certificate, password {@link #PASSWORD}: for another JVM's
     * {@code -Djavax.net.ssl.trustStore}.
     */
    public Path trustStoreFile() {
        Path file = pfx.resolveSibling("truststore.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, PASSWORD.toCharArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write a trust store: " + e.getMessage(), e);
        }
    }

    private KeyStore trustStore() throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pfx)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));
            return trusted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
