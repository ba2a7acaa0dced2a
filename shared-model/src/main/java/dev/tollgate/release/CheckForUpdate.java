package dev.tollgate.release;

import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;

/** Whether a newer release the licence entitles exists on the channel, and which is newest. */
public final class CheckForUpdate {

    private final UpdateEntitlement entitlement;
    private final ReleaseCatalog catalog;
    private final Clock clock;

    public CheckForUpdate(UpdateEntitlement entitlement, ReleaseCatalog catalog, Clock clock) {
        this.entitlement = entitlement;
        this.catalog = catalog;
        this.clock = clock;
    }

    public record Request(String licenseKey, String currentVersion, Optional<String> channel) {
    }

    public record Answer(SemVer current, Optional<Release> newest) {
    }

    public Answer check(Request request) {
        SemVer current = IssueDownloadUrl.version(request.currentVersion());
        String channel = IssueDownloadUrl.channel(request.channel());
        UpdateEntitlement.Entitled entitled = entitlement.check(request.licenseKey(), clock.instant());
        Optional<Release> newest = catalog.list(entitled.product()).stream()
                .filter(r -> !r.yanked() && r.offeredOn(channel) && entitled.covers(r))
                .filter(r -> r.version().compareTo(current) > 0)
                .max(Comparator.comparing(Release::version));
        return new Answer(current, newest);
    }
}
