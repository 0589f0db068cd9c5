package dev.conveyor.deploy;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;

/**
 * HealthCare Solutions: patients ask for appointments in the next two weeks at preferred clinics and times; most
 * are booked, some ask for a weekend at a clinic that is closed then and are declined. Every assignment fans out
 * to data sync and patient notification.
 */
final class HealthcareScenario implements DemoScenario {

    private static final String CLINICS = """
            [{"id": "downtown", "name": "Downtown Clinic", "address": "1 Main St, Springfield", "timeZone": "America/New_York",
              "opens": "08:00", "closes": "17:00", "days": ["MON", "TUE", "WED", "THU", "FRI"], "slotMinutes": 30, "capacity": 2,
              "whatToBring": "Your insurance card and a list of the medicines you take"},
             {"id": "riverside", "name": "Riverside Health", "address": "40 River Rd, Springfield", "timeZone": "America/New_York",
              "opens": "09:00", "closes": "19:00", "days": ["MON", "TUE", "WED", "THU", "FRI", "SAT"], "slotMinutes": 20, "capacity": 3},
             {"id": "westside", "name": "Westside Family Practice", "address": "7 Sunset Blvd, Shelbyville",
              "timeZone": "America/Los_Angeles", "opens": "08:00", "closes": "16:00", "days": ["MON", "WED", "FRI"],
              "slotMinutes": 30, "capacity": 2}]""";
    private static final String[] CLINIC_IDS = {"downtown", "riverside", "westside"};
    private static final String[] REASONS = {"Annual check-up", "Follow-up visit", "Vaccination", "Blood test", "Consultation"};

    private final RandomGenerator random;
    private final String runId;

    HealthcareScenario(RandomGenerator random, String runId) {
        this.random = random;
        this.runId = runId;
    }

    @Override
    public String tenant() {
        return "healthcare";
    }

    @Override
    public String plugin() {
        return "healthcare";
    }

    @Override
    public String displayName() {
        return "HealthCare Solutions";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("clinics", CLINICS, "reminderLeadTime", "24h", "notificationChannels", "EMAIL,SMS");
    }

    @Override
    public String latencyLabel() {
        return "request accepted -> patient notified";
    }

    @Override
    public Request request(int n) {
        String requestId = "REQ-" + runId + "-" + String.format("%05d", n);
        LocalDate date = LocalDate.now(ZoneOffset.UTC).plusDays(1 + random.nextInt(14));
        int hour = 8 + random.nextInt(8);
        String name = DemoPeople.name(random);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("requestId", requestId);
        request.put("patient", Map.of("patientId", "P-" + (10000 + random.nextInt(90000)), "name", name,
                "email", DemoPeople.email(name), "phone", "+1 555 0100", "dateOfBirth", "19" + (50 + random.nextInt(50)) + "-0"
                        + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)));
        request.put("preferences", List.of(Map.of("date", date.toString(), "from", "%02d:00".formatted(hour),
                "to", "%02d:00".formatted(hour + 2))));
        request.put("clinicPreferences", List.of(CLINIC_IDS[random.nextInt(CLINIC_IDS.length)]));
        request.put("reason", REASONS[random.nextInt(REASONS.length)]);
        return new Request("appointments", requestId, JSON.writeValueAsString(request));
    }

    @Override
    public Optional<Outcome> outcome(DemoApi api, String requestId) throws IOException, InterruptedException {
        Optional<JsonNode> request = DemoScenario.get(api, "/api/v1/tenants/healthcare/requests/" + requestId);
        if (request.isEmpty() || request.get().path("appointmentId").isMissingNode() || request.get().path("appointmentId").isNull()) {
            return Optional.empty();
        }
        Optional<JsonNode> appointment = DemoScenario.get(api, "/api/v1/tenants/healthcare/appointments/"
                + request.get().path("appointmentId").asString());
        if (appointment.isEmpty() || appointment.get().path("notifications").isEmpty()) {
            return Optional.empty();
        }
        JsonNode view = appointment.get();
        boolean declined = "DECLINED".equals(view.path("status").asString());
        JsonNode first = view.path("notifications").get(0);
        Long latency = null;
        if (!declined && first != null && first.has("recordedAt") && view.has("receivedAt")) {
            latency = java.time.Duration.between(java.time.Instant.parse(view.path("receivedAt").asString()),
                    java.time.Instant.parse(first.path("recordedAt").asString())).toMillis();
        }
        return Optional.of(new Outcome(!declined, declined ? view.path("declineReason").asString() : null, latency));
    }
}
