package dev.tollgate.privacy;

import dev.tollgate.tenant.TenantId;
import java.util.List;

/** Port: erasure receipts, kept beside the purge reports for as long (a year). */
public interface ErasureReceipts {

    void save(ErasureReceipt receipt);

    /** The tenant's receipts within retention, oldest first. */
    List<ErasureReceipt> of(TenantId tenant);
}
