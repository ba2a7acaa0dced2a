package dev.tollgate.credentials;

import dev.tollgate.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Port: the sealed credential records beside each tenant in the tenants table. */
public interface CredentialStore {

    /** Stores the credential, replacing one of the same kind. */
    void put(StoredCredential credential);

    Optional<StoredCredential> find(TenantId tenant, CredentialKind kind);

    List<StoredCredential> list(TenantId tenant);

    /** @return whether there was one to delete */
    boolean delete(TenantId tenant, CredentialKind kind);
}
