package dev.conveyor.plugin.healthcare;

import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.Appointments;
import dev.conveyor.plugin.healthcare.notification.NotificationKind;
import dev.conveyor.plugin.healthcare.notification.PatientNotification;
import dev.conveyor.plugin.healthcare.notification.PatientNotifications;
import dev.conveyor.plugin.healthcare.scheduling.ClinicSlotId;
import dev.conveyor.plugin.healthcare.scheduling.ClinicSlots;
import dev.conveyor.plugin.healthcare.settings.NotificationChannel;
import dev.conveyor.plugin.healthcare.sync.SyncStatus;
import dev.conveyor.plugin.healthcare.sync.SyncStatusId;
import dev.conveyor.plugin.healthcare.sync.SyncStatuses;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.TenantScoped;
import dev.conveyor.testkit.unit.TestHandlerContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin's repositories over lists and maps, one tenant's worth, with the semantics of their queries (the seat
 * count's conditional updates among them), so that handlers are tested without a database. Row locks are no-ops.
 */
public final class InMemoryRepositories {

    public static final String TENANT = "test-tenant";

    public final InMemoryAppointments appointments = new InMemoryAppointments();
    public final InMemoryClinicSlots slots = new InMemoryClinicSlots();
    public final InMemorySyncStatuses syncStatuses = new InMemorySyncStatuses();
    public final InMemoryNotifications notifications = new InMemoryNotifications();

    /** A context for a handler of {@code stage} of tenant {@link #TENANT}, with these repositories. */
    public TestHandlerContext context(Stage<?> stage) {
        return TestHandlerContext.forStage(stage).tenant(TENANT)
                .withRepository(Appointments.class, appointments)
                .withRepository(ClinicSlots.class, slots)
                .withRepository(SyncStatuses.class, syncStatuses)
                .withRepository(PatientNotifications.class, notifications);
    }

    private static <E extends TenantScoped> E persisted(E entity) {
        entity.assignTenant(TENANT);
        return entity;
    }

    public static final class InMemoryAppointments implements Appointments {
        private final List<Appointment> rows = new ArrayList<>();

        @Override
        public Optional<Appointment> findByAppointmentId(String appointmentId) {
            return rows.stream().filter(row -> row.appointmentId().equals(appointmentId)).findFirst();
        }

        @Override
        public Optional<Appointment> findForUpdateByAppointmentId(String appointmentId) {
            return findByAppointmentId(appointmentId);
        }

        @Override
        public Optional<Appointment> findForShareByAppointmentId(String appointmentId) {
            return findByAppointmentId(appointmentId);
        }

        @Override
        public Optional<Appointment> findByRequestId(String requestId) {
            return rows.stream().filter(row -> row.requestId().equals(requestId)).findFirst();
        }

        @Override
        public Appointment save(Appointment appointment) {
            if (!rows.contains(appointment)) {
                rows.add(persisted(appointment));
            }
            return appointment;
        }

        public List<Appointment> all() {
            return List.copyOf(rows);
        }

        public Appointment only() {
            if (rows.size() != 1) {
                throw new AssertionError("expected one appointment, found " + rows.size());
            }
            return rows.get(0);
        }
    }

    public static final class InMemoryClinicSlots implements ClinicSlots {
        private record Seats(int booked, int capacity) {
        }

        private final Map<ClinicSlotId, Seats> rows = new LinkedHashMap<>();

        @Override
        public int insertIfAbsent(String tenantId, String clinicId, OffsetDateTime startsAt, int capacity) {
            return rows.putIfAbsent(new ClinicSlotId(clinicId, startsAt.toInstant()), new Seats(0, capacity)) == null ? 1 : 0;
        }

        @Override
        public int takeSeat(String clinicId, Instant startsAt, int capacity) {
            Seats seats = rows.get(new ClinicSlotId(clinicId, startsAt));
            if (seats == null || seats.booked() >= capacity) {
                return 0;
            }
            rows.put(new ClinicSlotId(clinicId, startsAt), new Seats(seats.booked() + 1, capacity));
            return 1;
        }

        @Override
        public int giveBackSeat(String clinicId, Instant startsAt) {
            Seats seats = rows.get(new ClinicSlotId(clinicId, startsAt));
            if (seats == null || seats.booked() == 0) {
                return 0;
            }
            rows.put(new ClinicSlotId(clinicId, startsAt), new Seats(seats.booked() - 1, seats.capacity()));
            return 1;
        }

        @Override
        public List<Instant> fullSlots(String clinicId, Instant from, Instant to, int capacity) {
            return rows.entrySet().stream()
                    .filter(row -> row.getKey().clinicId().equals(clinicId) && !row.getKey().startsAt().isBefore(from)
                            && !row.getKey().startsAt().isAfter(to) && row.getValue().booked() >= capacity)
                    .map(row -> row.getKey().startsAt())
                    .toList();
        }

        /** Seats taken at the slot, 0 when it has no row. */
        public int booked(String clinicId, Instant startsAt) {
            Seats seats = rows.get(new ClinicSlotId(clinicId, startsAt));
            return seats == null ? 0 : seats.booked();
        }
    }

    public static final class InMemorySyncStatuses implements SyncStatuses {
        private final Map<SyncStatusId, SyncStatus> rows = new LinkedHashMap<>();

        @Override
        public Optional<SyncStatus> findById(SyncStatusId id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public List<SyncStatus> ofAppointment(String appointmentId) {
            return rows.values().stream().filter(row -> row.id().appointmentId().equals(appointmentId))
                    .sorted(Comparator.comparing((SyncStatus row) -> row.id().version()).thenComparing(row -> row.id().systemName()))
                    .toList();
        }

        @Override
        public SyncStatus save(SyncStatus status) {
            rows.put(status.id(), persisted(status));
            return status;
        }

        public SyncStatus get(String appointmentId, int version, String systemName) {
            return findById(new SyncStatusId(appointmentId, version, systemName))
                    .orElseThrow(() -> new AssertionError("no sync status " + appointmentId + "-v" + version + "/" + systemName));
        }

        public List<SyncStatus> all() {
            return List.copyOf(rows.values());
        }
    }

    public static final class InMemoryNotifications implements PatientNotifications {
        private final List<PatientNotification> rows = new ArrayList<>();

        @Override
        public boolean existsByAppointmentIdAndVersionAndChannelAndKind(String appointmentId, int version,
                NotificationChannel channel, NotificationKind kind) {
            return rows.stream().anyMatch(row -> row.appointmentId().equals(appointmentId) && row.version() == version
                    && row.channel() == channel && row.kind() == kind);
        }

        @Override
        public List<PatientNotification> findByAppointmentIdOrderByCreatedAtAscIdAsc(String appointmentId) {
            return rows.stream().filter(row -> row.appointmentId().equals(appointmentId))
                    .sorted(Comparator.comparing(PatientNotification::createdAt)).toList();
        }

        @Override
        public PatientNotification save(PatientNotification notification) {
            rows.add(persisted(notification));
            return notification;
        }

        public List<PatientNotification> all() {
            return List.copyOf(rows);
        }
    }
}
