package dev.conveyor.engine.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class QueueNamesTest {

    private static final String VALID_AZURE_NAME = "[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]";

    @Test
    void namesAreTenantThenQueueInKebabCase() {
        assertThat(QueueNames.physical("acme", "OrderQueue", null)).isEqualTo("acme-order-queue");
        assertThat(QueueNames.physical("healthcare", "AssignmentQueue", "data-sync"))
                .isEqualTo("healthcare-assignment-queue-data-sync");
        assertThat(QueueNames.poison("acme-order-queue")).isEqualTo("acme-order-queue-poison");
    }

    @Test
    void aNameTooLongForThePoisonSuffixIsShortenedWithAHashAndStaysUnique() {
        String tenant = "a-very-long-tenant-name-for-testing";
        String first = QueueNames.physical(tenant, "AppointmentAssignmentQueue", "patient-notifications");
        String second = QueueNames.physical(tenant, "AppointmentAssignmentQueue", "patient-notification");

        assertThat(first).hasSizeLessThanOrEqualTo(56).matches(VALID_AZURE_NAME);
        assertThat(QueueNames.poison(first)).hasSizeLessThanOrEqualTo(63).matches(VALID_AZURE_NAME);
        assertThat(first).isNotEqualTo(second);
        assertThat(QueueNames.physical(tenant, "AppointmentAssignmentQueue", "patient-notifications")).isEqualTo(first);
    }

    @Test
    void separatorsNeverDoubleOrDangle() {
        assertThat(QueueNames.physical("ab-", "__Orders__", "x_y")).isEqualTo("ab-orders-x-y").matches(VALID_AZURE_NAME);
    }

    @Test
    void aNameShorterThanAzuresMinimumIsRefused() {
        assertThatThrownBy(() -> QueueNames.physical("-", "-", null)).hasMessageContaining("minimum of 3");
    }
}
