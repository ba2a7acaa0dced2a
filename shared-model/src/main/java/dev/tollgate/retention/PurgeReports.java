package dev.tollgate.retention;

import java.util.Optional;

/** Port: the purge-reports table: each run's report (kept a year) and where each category resumes. */
public interface PurgeReports {

    void save(PurgeReport report);

    /** Where the category's next run starts; empty before its first run. */
    Optional<String> checkpoint(PurgeCategory category);

    void checkpoint(PurgeCategory category, String position);
}
