package dev.conveyor.engine.testplugin;

import org.springframework.data.repository.Repository;

/** The notes, through Spring Data: the platform creates it for each transaction's entity manager. */
public interface JobNotes extends Repository<JobNote, Long> {

    JobNote save(JobNote note);

    long countByJobId(String jobId);
}
