package dev.tollgate.adapters.rest;

import java.io.Closeable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * REST clients kept per base URL for the container's life, at most {@code max} of them (the least
 * recently used is closed): a client owns connection pools, and building one per call costs more
 * than the rest of Tollgate's work on a request. A client holds no credentials; those go per call.
 */
public final class RestClients<A> {

    private final int max;
    private final Map<Object, A> clients;

    public RestClients(int max) {
        this.max = max;
        this.clients = new LinkedHashMap<>(16, 0.75f, true);
    }

    public synchronized A get(Object baseUrl, Supplier<A> build) {
        A client = clients.get(baseUrl);
        if (client == null) {
            client = build.get();
            clients.put(baseUrl, client);
            if (clients.size() > max) {
                Map.Entry<Object, A> eldest = clients.entrySet().iterator().next();
                clients.remove(eldest.getKey());
                close(eldest.getValue());
            }
        }
        return client;
    }

    private static void close(Object client) {
        if (client instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException ignored) {
                // nothing to keep
            }
        }
    }
}
