package dev.tollgate.adapters.models;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/**
 * OpenAI's Chat Completions, relative to a base URL that ends in {@code /v1}: OpenAI's own, or an
 * OpenAI-compatible server's (vLLM, Ollama, LM Studio, a gateway), which is the tenant's.
 */
@Path("/chat/completions")
public interface OpenAiApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    CompletionStage<Response> chatCompletions(@HeaderParam("Authorization") String authorization, String body);
}
