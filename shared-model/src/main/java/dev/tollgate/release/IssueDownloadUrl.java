package dev.tollgate.release;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * The update script's request: a short-lived download URL for a version its licence entitles it
 * to. "latest" is the newest non-yanked release offered on the channel (stable by default).
 */
public final class IssueDownloadUrl {

    public static final String LATEST = "latest";

    private final UpdateEntitlement entitlement;
    private final ReleaseCatalog catalog;
    private final ArtifactStore artifacts;
    private final Duration urlTtl;
    private final Clock clock;

    public IssueDownloadUrl(UpdateEntitlement entitlement, ReleaseCatalog catalog, ArtifactStore artifacts,
                            Duration urlTtl, Clock clock) {
        this.entitlement = entitlement;
        this.catalog = catalog;
        this.artifacts = artifacts;
        this.urlTtl = urlTtl;
        this.clock = clock;
    }

    public record Request(String licenseKey, String version, Optional<String> channel) {
    }

    public record Answer(Release release, ArtifactStore.DownloadUrl download) {
    }

    public Answer issue(Request request) {
        // The request's own shape is checked before anything is read.
        Optional<SemVer> wanted = LATEST.equals(request.version()) ? Optional.empty() : Optional.of(version(request.version()));
        String channel = channel(request.channel());
        Instant now = clock.instant();
        UpdateEntitlement.Entitled entitled = entitlement.check(request.licenseKey(), now);
        Release release = wanted.isPresent()
                ? exactly(entitled, wanted.get(), request.channel())
                : newest(entitled, channel);
        return new Answer(release, artifacts.downloadUrl(release.objectKey(), release.fileName(), urlTtl));
    }

    private Release exactly(UpdateEntitlement.Entitled entitled, SemVer version, Optional<String> channel) {
        Release release = catalog.find(entitled.product(), version)
                .filter(r -> !r.yanked())
                .filter(r -> channel.map(r::offeredOn).orElse(true))
                .orElseThrow(() -> new UpdateRefused(UpdateRefused.Reason.VERSION_NOT_FOUND,
                        "version " + version + " is not available" + channel.map(c -> " on channel " + c).orElse("")));
        if (!entitled.covers(release)) {
            throw new UpdateRefused(UpdateRefused.Reason.EXPIRED,
                    "version " + version + " was published after the licence expired");
        }
        return release;
    }

    private Release newest(UpdateEntitlement.Entitled entitled, String channel) {
        return catalog.list(entitled.product()).stream()
                .filter(r -> !r.yanked() && r.offeredOn(channel) && entitled.covers(r))
                .max(Comparator.comparing(Release::version))
                .orElseThrow(() -> new UpdateRefused(UpdateRefused.Reason.VERSION_NOT_FOUND,
                        "no release on channel " + channel + " is available to this licence"));
    }

    static SemVer version(String text) {
        try {
            return SemVer.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UpdateRefused(UpdateRefused.Reason.MALFORMED_VERSION, e.getMessage());
        }
    }

    static String channel(Optional<String> channel) {
        String followed = channel.orElse(Release.STABLE);
        if (!Release.isValidChannel(followed)) {
            throw new UpdateRefused(UpdateRefused.Reason.MALFORMED_CHANNEL,
                    "a channel is 1 to 20 characters of a-z, 0-9 and '-', starting with a letter");
        }
        return followed;
    }
}
