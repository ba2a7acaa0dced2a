package dev.tollgate.function.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.http.core.JsonBodies;
import dev.tollgate.keys.InMemoryLeaseSigner;
import dev.tollgate.keys.KeyDigester;
import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.license.KeyDigest;
import dev.tollgate.license.License;
import dev.tollgate.license.LicenseKey;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseStatus;
import dev.tollgate.license.LicenseStore;
import dev.tollgate.license.Product;
import dev.tollgate.license.Verdict;
import dev.tollgate.license.VerdictCode;
import dev.tollgate.tenant.TenantId;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots the function, walk the path a validation takes (the
 * strict JSON body, the digest, one DynamoDB read, a lease signed, the answer serialised), so the
 * classes, the JIT's first work and the SDK's client are in the snapshot instead of on the first
 * caller's clock. It writes nothing and touches no real licence: the key is freshly generated and
 * never stored, the read finds nothing, the lease is thrown away, and no startup is handed off.
 */
@Singleton
public class ValidationPriming implements Resource {

    private final LicenseKeyFormat format;
    private final KeyDigester digester;
    private final LicenseStore licenses;
    private final LeaseIssuer leases;
    private final ObjectMapper json;
    private final Clock clock;
    private final AtomicInteger runs = new AtomicInteger();

    public ValidationPriming(LicenseKeyFormat format, KeyDigester digester, LicenseStore licenses, LeaseIssuer leases,
                             ObjectMapper json, Clock clock) {
        this.format = format;
        this.digester = digester;
        this.licenses = licenses;
        this.leases = leases;
        this.json = json;
        this.clock = clock;
    }

    /** Registered with the CRaC context Lambda's runtime provides; elsewhere the context never checkpoints. */
    void register(@Observes StartupEvent started) {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: the SDK re-opens connections the snapshot froze, on first use.
    }

    /** One walk of the validation path; returns how many walks there have been (tests count them). */
    int prime() {
        Product product = format.products().iterator().next();
        LicenseKey key = format.generate(product);
        ValidateRequest request = JsonBodies.read(("{\"licenseKey\":\"" + key.display() + "\",\"product\":\"" + product.id()
                + "\"}").getBytes(StandardCharsets.UTF_8), ValidateRequest.class);
        KeyDigest digest = digester.digest((LicenseKey) format.parse(request.licenseKey()));
        licenses.find(digest); // a key never issued: nothing to find, nothing written
        Instant now = clock.instant();
        License throwaway = new License(digest, key.suffix(), new TenantId("t_0000000000000000"), "priming", product,
                LicenseStatus.ACTIVE, LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusYears(1), now, now);
        Optional<dev.tollgate.lease.Lease> lease;
        try {
            lease = Optional.of(leases.issue(throwaway, now));
        } catch (InMemoryLeaseSigner.NoSigningKey e) {
            lease = Optional.empty(); // no lease key rotated yet: the signing path warms on first use instead
        }
        Verdict verdict = new Verdict(VerdictCode.VALID, Optional.of(LicenseStatus.ACTIVE),
                Optional.of(throwaway.expiresOn()), lease, Optional.empty());
        try {
            json.writeValueAsBytes(ValidationResponse.of(verdict));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the validation answer did not serialise", e);
        }
        return runs.incrementAndGet();
    }
}
