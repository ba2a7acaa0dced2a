package dev.tollgate.wiring;

import dev.tollgate.keys.LeaseSigner;
import dev.tollgate.lease.LeaseIssuer;
import dev.tollgate.lease.LeasePolicy;
import dev.tollgate.license.LicenseKeyFormat;
import dev.tollgate.license.LicenseLookup;
import dev.tollgate.license.UnknownKeyThrottle;
import dev.tollgate.license.ValidateLicense;
import dev.tollgate.startup.AnswerTail;
import dev.tollgate.startup.StartupEvents;
import dev.tollgate.startup.StartupHandOff;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/** Validation at startup: the verdict, the signed lease, the startup hand-off. Needs a lease signer and a startup queue. */
@Singleton
@IfBuildProperty(name = "tollgate.wiring.validation", stringValue = "true")
public class ValidationWiring {

    @Produces
    @Singleton
    LeaseIssuer leaseIssuer(LeaseSigner signer, LeasePolicy policy, TollgateConfig config) {
        return new LeaseIssuer(signer, policy, config.lease().reuseWindow());
    }

    @Produces
    @Singleton
    StartupHandOff startupHandOff(StartupEvents events, TollgateConfig config, Instance<AnswerTail> tails) {
        TollgateConfig.StartupLogConfig log = config.startupLog();
        if (log.finish() == TollgateConfig.StartupLogConfig.SendsFinish.BEFORE_ANSWER) {
            return new StartupHandOff(events, log.maxWait());
        }
        if (!tails.isResolvable()) {
            throw new Settings.Refused("tollgate.startup-log.finish=after-answer needs a runtime that finishes work after"
                    + " an answer (AWS Lambda, infra/adapters/lambda); this one has none: use before-answer ("
                    + Settings.envName("tollgate.startup-log.finish") + ")");
        }
        return new StartupHandOff(events, log.maxWait(), Optional.of(tails.get()));
    }

    @Produces
    @Singleton
    UnknownKeyThrottle unknownKeyThrottle(TollgateConfig config) {
        TollgateConfig.UnknownKeysConfig limit = config.unknownKeys();
        return new UnknownKeyThrottle(limit.burst(), limit.perMinute(), limit.maxClients(), System::nanoTime);
    }

    @Produces
    @Singleton
    ValidateLicense validateLicense(LicenseKeyFormat format, LicenseLookup lookup, LeaseIssuer leases,
                                    StartupHandOff startups, Clock clock) {
        return new ValidateLicense(format, lookup, leases, startups, clock);
    }
}
