package dev.passerelle.api;

import java.time.Instant;

/**
 * A container (bucket) at a host.
 *
 * @param name the container name
 * @param created when it was created, or null when the host does not say
 */
public record ContainerInfo(String name, Instant created) {
}
