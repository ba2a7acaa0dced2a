package dev.tollgate.wiring;

import dev.tollgate.credentials.CredentialOpener;
import dev.tollgate.credentials.CredentialSealer;
import dev.tollgate.credentials.CredentialStore;
import dev.tollgate.credentials.ManageCredentials;
import dev.tollgate.credentials.OpenCredentials;
import dev.tollgate.keys.DataKeyUnwrapper;
import dev.tollgate.keys.DataKeyWrapper;
import dev.tollgate.tenant.TenantStore;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Integration credentials, sealing and opening switched on apart: staff store secrets and can never
 * read them back; only the function that calls Zendesk and the model provider opens them.
 */
@Singleton
public class CredentialWiring {

    @Produces
    @Singleton
    @IfBuildProperty(name = "tollgate.wiring.credential-sealing", stringValue = "true")
    ManageCredentials manageCredentials(TenantStore tenants, CredentialStore store, DataKeyWrapper dataKeys, Clock clock) {
        return new ManageCredentials(tenants, store, new CredentialSealer(dataKeys), clock);
    }

    @Produces
    @Singleton
    @IfBuildProperty(name = "tollgate.wiring.credential-opening", stringValue = "true")
    OpenCredentials openCredentials(CredentialStore store, DataKeyUnwrapper dataKeys) {
        return new OpenCredentials(store, new CredentialOpener(dataKeys));
    }
}
