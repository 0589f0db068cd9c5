package dev.conveyor.engine.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.egress.EgressHttpClient;
import dev.conveyor.engine.secrets.SecretCipher;
import dev.conveyor.engine.telemetry.Telemetry;
import dev.conveyor.sdk.Contact;
import dev.conveyor.sdk.NotificationRequest;
import dev.conveyor.sdk.Subject;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's notification service. A handler's {@link dev.conveyor.sdk.HandlerContext#notify} is
 * {@link #record}ed in its transaction: the contact is kept as the tenant's contact record, the notification stored,
 * and one delivery row written per channel the tenant's settings pick for its kind. After the commit the
 * {@link NotificationDispatcher} delivers each row once (see there). The rest is what the API shows and changes:
 * deliveries per subject and per recipient, the tenant's settings and templates with a rendered preview, and the
 * recipients' opt-outs, which the signed unsubscribe links also set.
 */
public final class Notifications implements AutoCloseable {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String ANY = "*";

    private final Database database;
    private final JsonMapper json;
    private final Clock clock;
    private final NotificationTemplates templates = new NotificationTemplates();
    private final NotificationOptions options;
    private final NotificationDispatcher dispatcher;
    private final TenantProviders tenantProviders;

    public Notifications(Database database, JsonMapper json, Clock clock, EgressHttpClient egress, SecretCipher secrets,
            NotificationOptions options) {
        this(database, json, clock, egress, secrets, options, Telemetry.none());
    }

    /** @param telemetry where delivery outcomes are counted */
    public Notifications(Database database, JsonMapper json, Clock clock, EgressHttpClient egress, SecretCipher secrets,
            NotificationOptions options, Telemetry telemetry) {
        this.database = requireNonNull(database, "database is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.options = requireNonNull(options, "options is null");
        this.tenantProviders = new TenantProviders(database, json, clock, egress, secrets);
        List<ChannelProvider> providers = options.providers().stream().map(factory -> factory.apply(egress)).toList();
        this.dispatcher = new NotificationDispatcher(this, database, clock, providers, options, telemetry);
    }

    /** The providers tenants set for themselves, used instead of the platform's for their channel. */
    public TenantProviders tenantProviders() {
        return tenantProviders;
    }

    /** Starts delivering (on a thread of its own); until then, deliveries wait in their table. */
    public void start() {
        dispatcher.start();
    }

    @Override
    public void close() {
        dispatcher.close();
    }

    // ---- recording, in a handler's transaction -----------------------------------------------------------------

    /**
     * Records {@code request} in the transaction of {@code entityManager}, acting for {@code tenantId}, and returns the
     * notification's id. The dispatcher is woken when the transaction commits.
     */
    public UUID record(EntityManager entityManager, String tenantId, String correlationId, NotificationRequest request) {
        requireNonNull(request, "request is null");
        Instant now = clock.instant();
        Contact contact = request.recipient();
        Sql.update(entityManager, """
                insert into notification_contacts (tenant_id, recipient_id, name, email, phone, time_zone, locale, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, recipient_id) do update set name = excluded.name, email = excluded.email,
                    phone = excluded.phone, time_zone = excluded.time_zone, locale = excluded.locale,
                    updated_at = excluded.updated_at""",
                tenantId, contact.id(), contact.name(), contact.email(), contact.phone(),
                contact.timeZone() == null ? null : contact.timeZone().getId(),
                contact.locale() == null ? null : contact.locale().toLanguageTag(), now);
        UUID id = UUID.randomUUID();
        Sql.update(entityManager, """
                insert into notifications (id, tenant_id, kind, recipient_id, subject_kind, subject_key, data, critical,
                                           created_at, correlation_id, recipient)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, cast(? as jsonb))""",
                id, tenantId, request.kind(), contact.id(), request.subject().kind(), request.subject().key(),
                json.writeValueAsString(request.data()), request.critical(), now, correlationId,
                json.writeValueAsString(StoredContact.of(contact)));
        for (Channel channel : settings(entityManager, tenantId).channelsFor(request.kind())) {
            String address = channel == Channel.EMAIL ? contact.email() : contact.phone();
            boolean reachable = address != null;
            Sql.update(entityManager, """
                    insert into notification_deliveries (id, tenant_id, notification_id, channel, status, idempotency_key,
                                                         next_attempt_at, note, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    UUID.randomUUID(), tenantId, id, channel.name(),
                    (reachable ? DeliveryStatus.QUEUED : DeliveryStatus.SUPPRESSED).name(),
                    id + "-" + channel.name().toLowerCase(), now,
                    reachable ? null : "the recipient gave no " + (channel == Channel.EMAIL ? "e-mail address" : "phone number"),
                    now, now);
        }
        wakeAfterCommit(entityManager);
        return id;
    }

    private void wakeAfterCommit(EntityManager entityManager) {
        entityManager.unwrap(Session.class).getTransaction().registerSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatcher.wake();
                }
            }
        });
    }

    /** The contact as stored with a notification: what its deliveries are addressed to. */
    record StoredContact(String id, String name, String email, String phone, String timeZone, String locale) {

        static StoredContact of(Contact contact) {
            return new StoredContact(contact.id(), contact.name(), contact.email(), contact.phone(),
                    contact.timeZone() == null ? null : contact.timeZone().getId(),
                    contact.locale() == null ? null : contact.locale().toLanguageTag());
        }
    }

    /**
     * Deletes the notifications older than {@code retention} whose every delivery has ended (their delivery rows go
     * with them); the tenants' contacts and their recipients' opt-outs stay. Returns how many it deleted.
     */
    public int purge(java.time.Duration retention) {
        Instant before = clock.instant().minus(retention);
        return database.inPlatformTransaction(entityManager -> Sql.update(entityManager, """
                delete from notifications n
                where n.created_at < ? and not exists (
                    select 1 from notification_deliveries d
                    where d.notification_id = n.id and d.status in ('QUEUED', 'SENDING'))""", before));
    }

    // ---- deliveries ----------------------------------------------------------------------------------------------

    private static final String DELIVERY_COLUMNS = """
            select d.id, d.notification_id, n.kind, n.recipient_id, n.subject_kind, n.subject_key, n.critical, d.channel,
                   d.status, d.attempts, d.next_attempt_at, d.note, d.provider, d.provider_message_id,
                   d.last_error_category, d.last_error, d.created_at, d.updated_at, d.delivered_at
            from notification_deliveries d join notifications n on n.id = d.notification_id
            """;

    /** The deliveries of the notifications about one subject (an order, a shipment, an appointment), oldest first. */
    public List<Delivery> deliveriesOfSubject(String tenantId, String subjectKind, String subjectKey) {
        return database.inTenantTransaction(tenantId, entityManager -> Sql.query(entityManager, DELIVERY_COLUMNS + """
                where n.tenant_id = ? and n.subject_kind = ? and n.subject_key = ?
                order by n.created_at, d.channel limit 1000""", Notifications::delivery, tenantId, subjectKind, subjectKey));
    }

    /** The deliveries to one recipient, newest first. */
    public List<Delivery> deliveriesOfRecipient(String tenantId, String recipientId, int limit) {
        return database.inTenantTransaction(tenantId, entityManager -> Sql.query(entityManager, DELIVERY_COLUMNS + """
                where n.tenant_id = ? and n.recipient_id = ?
                order by n.created_at desc, d.channel limit ?""", Notifications::delivery, tenantId, recipientId, limit));
    }

    /** The tenant's most recent deliveries, newest first, of one channel and one status or all (null). */
    public List<Delivery> recentDeliveries(String tenantId, Channel channel, DeliveryStatus status, int limit) {
        return database.inTenantTransaction(tenantId, entityManager -> Sql.query(entityManager, DELIVERY_COLUMNS + """
                where d.tenant_id = ? and (cast(? as text) is null or d.channel = ?)
                  and (cast(? as text) is null or d.status = ?)
                order by d.created_at desc, d.id limit ?""", Notifications::delivery, tenantId,
                channel == null ? null : channel.name(), channel == null ? null : channel.name(),
                status == null ? null : status.name(), status == null ? null : status.name(), limit));
    }

    /** One delivery of the tenant. @throws NotFoundException when the tenant has no such delivery */
    public Delivery delivery(String tenantId, UUID deliveryId) {
        return database.inTenantTransaction(tenantId, entityManager -> Sql.query(entityManager, DELIVERY_COLUMNS + """
                where d.tenant_id = ? and d.id = ?""", Notifications::delivery, tenantId, deliveryId))
                .stream().findFirst()
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' has no notification delivery "
                        + deliveryId));
    }

    /** How many deliveries of one channel are in one status. */
    public record DeliveryCount(Channel channel, DeliveryStatus status, long count) {
    }

    /** How many of the tenant's deliveries (those not purged yet) each channel has in each status. */
    public List<DeliveryCount> deliveryCounts(String tenantId) {
        return database.inTenantTransaction(tenantId, entityManager -> Sql.query(entityManager, """
                select channel, status, count(*) as deliveries from notification_deliveries where tenant_id = ?
                group by channel, status order by channel, status""",
                row -> new DeliveryCount(Channel.valueOf(row.getString("channel")),
                        DeliveryStatus.valueOf(row.getString("status")), row.getLong("deliveries")), tenantId));
    }

    static Delivery delivery(ResultSet row) throws SQLException {
        return new Delivery(row.getObject("id", UUID.class), row.getObject("notification_id", UUID.class),
                row.getString("kind"), row.getString("recipient_id"), row.getString("subject_kind"),
                row.getString("subject_key"), row.getBoolean("critical"), Channel.valueOf(row.getString("channel")),
                DeliveryStatus.valueOf(row.getString("status")), row.getInt("attempts"),
                Sql.instant(row, "next_attempt_at"), row.getString("note"), row.getString("provider"),
                row.getString("provider_message_id"), row.getString("last_error_category"), row.getString("last_error"),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"), Sql.instant(row, "delivered_at"));
    }

    // ---- settings -----------------------------------------------------------------------------------------------

    public NotificationSettings settings(String tenantId) {
        return database.inTenantTransaction(tenantId, entityManager -> settings(entityManager, tenantId));
    }

    NotificationSettings settings(EntityManager entityManager, String tenantId) {
        return Sql.query(entityManager, "select settings from notification_settings where tenant_id = ?",
                        row -> json.readValue(row.getString("settings"), NotificationSettings.class), tenantId)
                .stream().findFirst().orElseGet(NotificationSettings::defaults);
    }

    /** Replaces the tenant's settings. @throws ValidationException listing every broken rule */
    public NotificationSettings updateSettings(String tenantId, NotificationSettings settings) {
        requireNonNull(settings, "settings is null");
        List<Violation> problems = settings.violations();
        if (!problems.isEmpty()) {
            throw new ValidationException("notification settings of tenant '" + tenantId + "'", problems);
        }
        database.inTenantTransaction(tenantId, entityManager -> Sql.update(entityManager, """
                insert into notification_settings (tenant_id, settings, updated_at) values (?, cast(? as jsonb), ?)
                on conflict (tenant_id) do update set settings = excluded.settings, updated_at = excluded.updated_at""",
                tenantId, json.writeValueAsString(settings), clock.instant()));
        return settings;
    }

    // ---- templates ----------------------------------------------------------------------------------------------

    /** A template as the API shows it: the tenant's own ({@code custom}) or the platform's default for the kind. */
    public record TemplateView(String kind, Channel channel, boolean custom, NotificationTemplates.Template template) {
    }

    public TemplateView template(String tenantId, String kind, Channel channel) {
        checkKind(kind);
        return database.inTenantTransaction(tenantId, entityManager -> storedTemplate(entityManager, tenantId, kind, channel))
                .map(template -> new TemplateView(kind, channel, true, template))
                .orElseGet(() -> new TemplateView(kind, channel, false, templates.defaultFor(kind, channel)));
    }

    java.util.Optional<NotificationTemplates.Template> storedTemplate(EntityManager entityManager, String tenantId, String kind,
            Channel channel) {
        return Sql.query(entityManager, """
                        select subject, html, text from notification_templates
                        where tenant_id = ? and kind = ? and channel = ?""",
                row -> new NotificationTemplates.Template(row.getString("subject"), row.getString("html"),
                        row.getString("text")), tenantId, kind, channel.name()).stream().findFirst();
    }

    /**
     * Stores the tenant's template for {@code kind} on {@code channel}.
     *
     * @throws ValidationException naming each part that is missing or does not compile, with its line
     */
    public TemplateView putTemplate(String tenantId, String kind, Channel channel, NotificationTemplates.Template template) {
        checkKind(kind);
        List<Violation> problems = templates.check(channel, template);
        if (!problems.isEmpty()) {
            throw new ValidationException("the " + channel.label() + " template for '" + kind + "'", problems);
        }
        database.inTenantTransaction(tenantId, entityManager -> Sql.update(entityManager, """
                insert into notification_templates (tenant_id, kind, channel, subject, html, text, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, kind, channel) do update set subject = excluded.subject, html = excluded.html,
                    text = excluded.text, updated_at = excluded.updated_at""",
                tenantId, kind, channel.name(), template.subject(), template.html(), template.text(), clock.instant()));
        return new TemplateView(kind, channel, true, template);
    }

    /** Goes back to the default template. @return whether the tenant had one of its own */
    public boolean deleteTemplate(String tenantId, String kind, Channel channel) {
        checkKind(kind);
        return database.inTenantTransaction(tenantId, entityManager -> Sql.update(entityManager,
                "delete from notification_templates where tenant_id = ? and kind = ? and channel = ?",
                tenantId, kind, channel.name())) > 0;
    }

    /**
     * Renders {@code template} (or, when null, the tenant's current one for the kind) over sample {@code data}, with the
     * tenant's branding, for a recipient called {@code recipientName}.
     *
     * @throws ValidationException when the template does not compile or render
     */
    public NotificationTemplates.Rendered preview(String tenantId, String kind, Channel channel,
            NotificationTemplates.Template template, Map<String, Object> data, String recipientName) {
        checkKind(kind);
        NotificationTemplates.Template chosen = template != null ? template : template(tenantId, kind, channel).template();
        List<Violation> problems = templates.check(channel, chosen);
        if (!problems.isEmpty()) {
            throw new ValidationException("the " + channel.label() + " template for '" + kind + "'", problems);
        }
        NotificationSettings settings = settings(tenantId);
        String unsubscribe = options.unsubscribe() == null || channel != Channel.EMAIL ? null
                : options.unsubscribe().link(new UnsubscribeLinks.OptOut(tenantId, "preview", channel, kind));
        Map<String, Object> context = context(tenantId, tenantName(tenantId), settings, recipientName, kind, "preview", "preview",
                data == null ? Map.of() : data, unsubscribe);
        try {
            return templates.render(chosen, context);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("the " + channel.label() + " template for '" + kind + "'",
                    List.of(new Violation("template", e.getMessage())));
        }
    }

    String tenantName(String tenantId) {
        return database.inPlatformTransaction(entityManager -> Sql.query(entityManager,
                "select display_name from tenant where id = ?", row -> row.getString("display_name"), tenantId))
                .stream().findFirst().orElse(tenantId);
    }

    /**
     * What a template sees. {@code trackingUrl} is a signed link to the subject's live page (status and timeline, no
     * personal data), minted per message so that each one opens for the configured time from when it was sent.
     */
    Map<String, Object> context(String tenantId, String tenantName, NotificationSettings settings, String recipientName,
            String kind, String subjectKind, String subjectKey, Map<String, Object> data, String unsubscribeUrl) {
        NotificationSettings.Branding branding = settings.branding();
        Map<String, Object> tenant = new LinkedHashMap<>();
        tenant.put("name", branding.name() != null ? branding.name() : tenantName);
        tenant.put("logoUrl", branding.logoUrl());
        tenant.put("primaryColour", branding.primaryColour());
        tenant.put("accentColour", branding.accentColour());
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("name", recipientName);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("tenant", tenant);
        context.put("recipient", recipient);
        context.put("kind", kind);
        context.put("subject", Map.of("kind", subjectKind, "key", subjectKey));
        context.put("data", data);
        context.put("unsubscribeUrl", unsubscribeUrl);
        NotificationOptions.Tracking tracking = options.tracking();
        context.put("trackingUrl", tracking == null ? null
                : tracking.links().mint(tenantId, Subject.of(subjectKind, subjectKey), tracking.linkTtl()).toString());
        return context;
    }

    Map<String, Object> data(String stored) {
        return json.readValue(stored, MAP);
    }

    NotificationTemplates templates() {
        return templates;
    }

    JsonMapper json() {
        return json;
    }

    private static void checkKind(String kind) {
        if (kind == null || !kind.matches("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+") || kind.length() > 100) {
            throw new ValidationException("notification kind", List.of(new Violation("kind", "'" + kind
                    + "' is not a kind: use dotted lower-case words such as 'order.shipped'")));
        }
    }

    // ---- preferences --------------------------------------------------------------------------------------------

    /** One opt-out: {@code channel} and {@code kind} are {@code *} for all. */
    public record OptOut(String channel, String kind, Instant since) {
    }

    public List<OptOut> optOuts(String tenantId, String recipientId) {
        return database.inTenantTransaction(tenantId, entityManager -> Sql.query(entityManager, """
                select channel, kind, created_at from notification_opt_outs where tenant_id = ? and recipient_id = ?
                order by channel, kind""", row -> new OptOut(row.getString("channel"), row.getString("kind"),
                Sql.instant(row, "created_at")), tenantId, recipientId));
    }

    /** Replaces the recipient's opt-outs. @throws ValidationException naming each bad channel or kind */
    public List<OptOut> replaceOptOuts(String tenantId, String recipientId, List<OptOut> optOuts) {
        List<Violation> problems = new ArrayList<>();
        for (int i = 0; i < optOuts.size(); i++) {
            OptOut optOut = optOuts.get(i);
            if (optOut.channel() == null || !optOut.channel().equals(ANY) && !isChannel(optOut.channel())) {
                problems.add(new Violation("optOuts[" + i + "].channel", "must be EMAIL, SMS or * (every channel)"));
            }
            if (optOut.kind() == null || !optOut.kind().equals(ANY)
                    && !optOut.kind().matches("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+")) {
                problems.add(new Violation("optOuts[" + i + "].kind", "must be a kind such as 'order.shipped', or * (every"
                        + " kind)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("opt-outs of recipient '" + recipientId + "'", problems);
        }
        Instant now = clock.instant();
        database.inTenantTransaction(tenantId, entityManager -> {
            Sql.update(entityManager, "delete from notification_opt_outs where tenant_id = ? and recipient_id = ?",
                    tenantId, recipientId);
            for (OptOut optOut : optOuts) {
                insertOptOut(entityManager, tenantId, recipientId, optOut.channel(), optOut.kind(), now);
            }
            return null;
        });
        return optOuts(tenantId, recipientId);
    }

    private static boolean isChannel(String channel) {
        for (Channel known : Channel.values()) {
            if (known.name().equals(channel)) {
                return true;
            }
        }
        return false;
    }

    private static void insertOptOut(EntityManager entityManager, String tenantId, String recipientId, String channel,
            String kind, Instant now) {
        Sql.update(entityManager, """
                insert into notification_opt_outs (tenant_id, recipient_id, channel, kind, created_at) values (?, ?, ?, ?, ?)
                on conflict do nothing""", tenantId, recipientId, channel, kind, now);
    }

    /** What an unsubscribe link opts out of. @throws IllegalArgumentException when the link is forged or broken */
    public UnsubscribeLinks.OptOut unsubscribeTarget(String token) {
        if (options.unsubscribe() == null) {
            throw new NotFoundException("this platform sends no unsubscribe links");
        }
        return options.unsubscribe().verify(token);
    }

    /** Opts the link's recipient out. @throws IllegalArgumentException when the link is forged or broken */
    public UnsubscribeLinks.OptOut unsubscribe(String token) {
        UnsubscribeLinks.OptOut optOut = unsubscribeTarget(token);
        database.inTenantTransaction(optOut.tenantId(), entityManager -> {
            insertOptOut(entityManager, optOut.tenantId(), optOut.recipientId(), optOut.channel().name(), optOut.kind(),
                    clock.instant());
            return null;
        });
        return optOut;
    }

    /** Whether the recipient opted out of {@code channel} for {@code kind}. */
    static boolean optedOut(EntityManager entityManager, String tenantId, String recipientId, Channel channel, String kind) {
        return !Sql.query(entityManager, """
                select 1 from notification_opt_outs where tenant_id = ? and recipient_id = ?
                  and channel in (?, '*') and kind in (?, '*') limit 1""", row -> true, tenantId, recipientId,
                channel.name(), kind).isEmpty();
    }

    UnsubscribeLinks unsubscribeLinks() {
        return options.unsubscribe();
    }
}
