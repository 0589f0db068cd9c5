package dev.conveyor.engine.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.egress.EgressPolicy;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * E-mail over SMTP (Jakarta Mail): a multipart/alternative message with the text and the HTML body, the tenant's
 * sender name on the platform's From address, {@code List-Unsubscribe} with the signed one-click link (RFC 8058), and
 * a Message-ID made of the delivery's idempotency key, so a repeat after a crash is recognisably the same message.
 * The server's address is checked against the egress policy before each connection.
 */
public final class SmtpEmailProvider implements ChannelProvider {

    /**
     * @param host        the SMTP server
     * @param port        its submission port (587 with STARTTLS, 465 with TLS, 25)
     * @param username    null for no authentication
     * @param security    {@code none}, {@code starttls} (required) or {@code tls}
     * @param fromAddress the platform's sending address, such as {@code notifications@example.com}
     */
    public record Settings(String host, int port, String username, String password, String security, String fromAddress) {

        public Settings {
            requireNonNull(host, "host is null");
            requireNonNull(fromAddress, "fromAddress is null");
            security = security == null ? "starttls" : security;
            if (!security.equals("none") && !security.equals("starttls") && !security.equals("tls")) {
                throw new IllegalArgumentException("SMTP security '" + security + "' is none of none, starttls, tls");
            }
        }

        @Override
        public String toString() {
            return "SMTP[" + host + ":" + port + ", " + security + "]";
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final Settings settings;
    private final EgressPolicy policy;
    private final Session session;
    private final InternetAddress from;

    public SmtpEmailProvider(String name, Settings settings, EgressPolicy policy) {
        this.name = requireNonNull(name, "name is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.policy = requireNonNull(policy, "policy is null");
        Properties properties = new Properties();
        String protocol = settings.security().equals("tls") ? "smtps" : "smtp";
        properties.put("mail.transport.protocol", protocol);
        properties.put("mail." + protocol + ".host", settings.host());
        properties.put("mail." + protocol + ".port", String.valueOf(settings.port()));
        properties.put("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
        properties.put("mail." + protocol + ".timeout", String.valueOf(TIMEOUT.toMillis()));
        properties.put("mail." + protocol + ".writetimeout", String.valueOf(TIMEOUT.toMillis()));
        properties.put("mail." + protocol + ".auth", String.valueOf(settings.username() != null));
        if (settings.security().equals("starttls")) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        if (!settings.security().equals("none")) {
            properties.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(properties);
        try {
            this.from = new InternetAddress(settings.fromAddress(), true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("the SMTP from address of provider '" + name + "' is not an e-mail address");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String send(OutgoingMessage message) throws ProviderFailure {
        try {
            policy.permittedAddresses(settings.host(), settings.port());
        } catch (EgressPolicy.RefusedAddressException e) {
            throw new ProviderFailure(ErrorCategory.PROVIDER_REJECTED, name + ": refused by egress policy");
        } catch (UnknownHostException e) {
            throw new ProviderFailure(ErrorCategory.PROVIDER_UNAVAILABLE, name + ": connection failed");
        }
        String messageId = "<" + message.idempotencyKey() + "@conveyor>";
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            mail.setFrom(message.senderName() == null ? from : new InternetAddress(from.getAddress(), message.senderName(),
                    StandardCharsets.UTF_8.name()));
            mail.setRecipient(Message.RecipientType.TO, message.toName() == null ? new InternetAddress(message.to(), true)
                    : new InternetAddress(message.to(), message.toName(), StandardCharsets.UTF_8.name()));
            if (message.replyTo() != null) {
                mail.setReplyTo(new Address[] {new InternetAddress(message.replyTo(), true)});
            }
            mail.setSubject(message.subject() == null ? "" : message.subject().strip(), StandardCharsets.UTF_8.name());
            if (message.unsubscribeUrl() != null) {
                mail.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
                mail.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            mail.setHeader("X-Conveyor-Delivery", message.idempotencyKey());
            if (message.html() == null) {
                mail.setText(message.text(), StandardCharsets.UTF_8.name());
            } else {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(message.text(), StandardCharsets.UTF_8.name());
                MimeBodyPart html = new MimeBodyPart();
                html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                mail.setContent(alternative);
            }
            mail.saveChanges();
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new ProviderFailure(ErrorCategory.RECIPIENT_REJECTED, name + ": the message could not be addressed ("
                    + e.getClass().getSimpleName() + ")");
        }
        try {
            if (settings.username() != null) {
                Transport.send(mail, settings.username(), settings.password());
            } else {
                Transport.send(mail);
            }
            return messageId;
        } catch (AuthenticationFailedException e) {
            throw new ProviderFailure(ErrorCategory.PROVIDER_REJECTED, name + ": authentication failed");
        } catch (SendFailedException e) {
            throw classify(e);
        } catch (MessagingException e) {
            throw new ProviderFailure(ErrorCategory.PROVIDER_UNAVAILABLE, name + ": " + (e.getCause() != null
                    ? "connection failed" : "SMTP error"));
        }
    }

    /** A 5xx for the recipient bounces; a 4xx (greylisting, a full mailbox) and server errors are retried. */
    private ProviderFailure classify(SendFailedException e) {
        for (Exception next = e; next != null; next = next instanceof MessagingException messaging
                ? messaging.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException address) {
                return new ProviderFailure(address.getReturnCode() >= 500 ? ErrorCategory.RECIPIENT_REJECTED
                        : ErrorCategory.PROVIDER_UNAVAILABLE, name + ": SMTP " + address.getReturnCode() + " for the recipient");
            }
            if (next instanceof SMTPSendFailedException send) {
                return new ProviderFailure(send.getReturnCode() >= 500 ? ErrorCategory.PROVIDER_REJECTED
                        : ErrorCategory.PROVIDER_UNAVAILABLE, name + ": SMTP " + send.getReturnCode());
            }
        }
        return new ProviderFailure(ErrorCategory.PROVIDER_UNAVAILABLE, name + ": SMTP send failed");
    }

    @Override
    public String toString() {
        return "SmtpEmailProvider[" + name + ", " + settings + "]";
    }
}
