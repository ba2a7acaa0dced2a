package dev.tollgate.startup;

/**
 * Port: where validation hands off startup events. Implementations must return quickly and may
 * fail; the caller never lets either delay or change a verdict.
 */
public interface StartupEvents {

    void publish(StartupEvent event);
}
