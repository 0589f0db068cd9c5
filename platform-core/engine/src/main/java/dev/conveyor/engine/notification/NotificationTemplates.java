package dev.conveyor.engine.notification;

import static java.util.Objects.requireNonNull;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import dev.conveyor.sdk.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mustache templates (jmustache) per kind and channel: the tenant's own where it wrote one, else the default shipped
 * for the kind, else the generic default. Templates see {@code tenant} (its branding), {@code recipient.name},
 * {@code kind}, {@code subject.kind}/{@code subject.key}, the notification's {@code data.*}, {@code trackingUrl} (the
 * subject's live page) and {@code unsubscribeUrl}. The HTML is escaped, the subject and texts are not (they are not HTML).
 */
public final class NotificationTemplates {

    /** Longest template part a tenant may store. */
    static final int MAX_LENGTH = 64 * 1024;

    private static final Pattern LINE = Pattern.compile("(.*) @ line (\\d+)$", Pattern.DOTALL);

    private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false).defaultValue("");
    private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).defaultValue("");

    /**
     * One channel's template: for e-mail a subject, an HTML body (optional: the text then stands alone) and a text
     * body; for SMS the text only.
     */
    public record Template(String subject, String html, String text) {
    }

    /** What a template made of one notification. */
    public record Rendered(String subject, String html, String text) {
    }

    /** The template the platform ships for {@code kind} on {@code channel}, or the generic one. */
    public Template defaultFor(String kind, Channel channel) {
        Template specific = shipped(kind, channel);
        return specific != null ? specific : requireNonNull(shipped("default", channel), "the generic templates are missing");
    }

    private static Template shipped(String kind, Channel channel) {
        String folder = "templates/" + kind + "/";
        return switch (channel) {
            case EMAIL -> {
                String body = resource(folder + "email.txt.mustache");
                yield body == null ? null : new Template(resource(folder + "email.subject.mustache"),
                        resource(folder + "email.html.mustache"), body);
            }
            case SMS -> {
                String body = resource(folder + "sms.txt.mustache");
                yield body == null ? null : new Template(null, null, body);
            }
        };
    }

    private static String resource(String name) {
        try (InputStream in = NotificationTemplates.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip() + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every problem of {@code template} for {@code channel}: missing parts, lengths, and each part that does not compile. */
    public List<Violation> check(Channel channel, Template template) {
        List<Violation> problems = new ArrayList<>();
        if (template.text() == null || template.text().isBlank()) {
            problems.add(new Violation("text", "is required: the " + (channel == Channel.SMS ? "SMS" : "e-mail's plain")
                    + " text"));
        }
        if (channel == Channel.EMAIL && (template.subject() == null || template.subject().isBlank())) {
            problems.add(new Violation("subject", "is required for e-mail"));
        }
        if (channel == Channel.SMS && (template.subject() != null || template.html() != null)) {
            problems.add(new Violation(template.subject() != null ? "subject" : "html", "SMS templates have a text only;"
                    + " leave it out"));
        }
        compiles(problems, "subject", template.subject(), text);
        compiles(problems, "html", template.html(), html);
        compiles(problems, "text", template.text(), text);
        return problems;
    }

    private static void compiles(List<Violation> problems, String field, String source, Mustache.Compiler compiler) {
        if (source == null) {
            return;
        }
        if (source.length() > MAX_LENGTH) {
            problems.add(new Violation(field, "is too long: at most " + MAX_LENGTH + " characters"));
            return;
        }
        try {
            compiler.compile(source);
        } catch (MustacheException e) {
            problems.add(new Violation(field, describe(e)));
        }
    }

    /** jmustache's "... @ line 3" as "line 3: ...". */
    private static String describe(MustacheException e) {
        String message = String.valueOf(e.getMessage());
        Matcher line = LINE.matcher(message);
        return line.matches() ? "line " + line.group(2) + ": " + line.group(1) : message;
    }

    /**
     * Renders {@code template} over {@code context}.
     *
     * @throws IllegalArgumentException when a part does not compile or render (the message names which and why)
     */
    public Rendered render(Template template, Map<String, Object> context) {
        return new Rendered(part("subject", template.subject(), context, text), part("html", template.html(), context, html),
                part("text", template.text(), context, text));
    }

    private static String part(String field, String source, Map<String, Object> context, Mustache.Compiler compiler) {
        if (source == null) {
            return null;
        }
        try {
            return compiler.compile(source).execute(context);
        } catch (MustacheException e) {
            throw new IllegalArgumentException("the template's " + field + " does not render: " + describe(e), e);
        }
    }
}
