package dev.tollgate.function.purge;

import dev.tollgate.retention.PurgeReport;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** A purge report as JSON: the handler's answer, its log line, and the local runtime's admin route answer. */
@RegisterForReflection
public record PurgeReportView(String id, String startedAt, String endedAt, boolean dryRun, boolean complete,
                              List<Category> categories) {

    @RegisterForReflection
    public record Category(String category, String cutoff, long found, long deleted, long skippedForHold, long gone,
                           long failed, boolean finished) {
    }

    public static PurgeReportView of(PurgeReport r) {
        return new PurgeReportView(r.id(), r.startedAt().toString(), r.endedAt().toString(), r.dryRun(), r.complete(),
                r.categories().stream().map(c -> new Category(c.category().wire(), c.cutoff().toString(), c.found(),
                        c.deleted(), c.skippedForHold(), c.gone(), c.failed(), c.finished())).toList());
    }
}
