package dev.conveyor.plugin.healthcare.appointment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/** Who the appointment is for; {@code email} and {@code phone} are each optional, but one of them is required. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Patient(String patientId, String name, String email, String phone, LocalDate dateOfBirth) {

    /** Without the personal data, so that logging the record cannot leak it. */
    @Override
    public String toString() {
        return "Patient[patientId=" + patientId + "]";
    }
}
