package dev.conveyor.engine.testplugin;

import dev.conveyor.sdk.TenantScoped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A note a job leaves; its tenant is filled by the platform when it is saved. */
@Entity
@Table(name = "engine_test_note")
public class JobNote extends TenantScoped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "job_id")
    private String jobId;

    protected JobNote() {
    }

    public JobNote(String jobId) {
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
