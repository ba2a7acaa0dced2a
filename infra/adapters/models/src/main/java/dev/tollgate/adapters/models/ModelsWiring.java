package dev.tollgate.adapters.models;

import dev.tollgate.ticket.Backoff;
import dev.tollgate.ticket.LanguageModel;
import dev.tollgate.wiring.TollgateConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;

/** The model providers behind {@link LanguageModel}; their base URLs are operator settings (tests point them at stand-ins). */
@Singleton
public class ModelsWiring {

    @Produces
    @Singleton
    LanguageModel languageModel(TollgateConfig config, Clock clock) {
        TollgateConfig.ModelsConfig models = config.models();
        return new ProviderModels(URI.create(models.anthropicBaseUrl()), URI.create(models.openaiBaseUrl()),
                new Backoff(models.maxAttempts(), models.backoffBase(), models.backoffCap()),
                config.tickets().deadline(), clock);
    }
}
