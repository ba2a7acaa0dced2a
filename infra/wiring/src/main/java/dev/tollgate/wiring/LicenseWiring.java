package dev.tollgate.wiring;

import dev.tollgate.keys.KeyDigester;
import dev.tollgate.license.LicenseLookup;
import dev.tollgate.license.LicenseStore;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The licence read every licence decision starts from. Needs a digester and the licences table. */
@Singleton
@IfBuildProperty(name = "tollgate.wiring.licenses", stringValue = "true")
public class LicenseWiring {

    @Produces
    @Singleton
    LicenseLookup licenseLookup(KeyDigester digester, LicenseStore store) {
        return new LicenseLookup(digester, store);
    }
}
