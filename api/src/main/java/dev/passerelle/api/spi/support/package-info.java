/**
 * Provider-neutral helpers that several backends need in the same form: opaque continuation
 * tokens, a stream that delivers exactly the announced length, and the ASCII header encoding of
 * user metadata and Passerelle's checksums. JDK only, like the rest of {@code api}; backends use
 * these instead of keeping copies, so that what one backend writes another reads.
 */
package dev.passerelle.api.spi.support;
