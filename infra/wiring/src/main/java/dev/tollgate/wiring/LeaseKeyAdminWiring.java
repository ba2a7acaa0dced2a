package dev.tollgate.wiring;

import dev.tollgate.keys.LeaseKeyWrapper;
import dev.tollgate.keys.LeaseKeys;
import dev.tollgate.keys.RetireLeaseKey;
import dev.tollgate.keys.RotateLeaseKey;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Staff rotating and retiring lease signing keys. Needs the lease keys table and a wrapper that can wrap. */
@Singleton
@IfBuildProperty(name = "tollgate.wiring.lease-keys", stringValue = "true")
public class LeaseKeyAdminWiring {

    @Produces
    @Singleton
    RotateLeaseKey rotateLeaseKey(LeaseKeys keys, LeaseKeyWrapper wrapper, Clock clock) {
        return new RotateLeaseKey(keys, wrapper, clock);
    }

    @Produces
    @Singleton
    RetireLeaseKey retireLeaseKey(LeaseKeys keys, TollgateConfig config, Clock clock) {
        return new RetireLeaseKey(keys, clock, config.lease().keys().propagationDelay());
    }
}
