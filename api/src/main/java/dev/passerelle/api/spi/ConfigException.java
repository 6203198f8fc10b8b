package dev.passerelle.api.spi;

/**
 * A configuration problem found at start-up. Its message is ONE line naming the full key and the
 * problem, e.g. {@code passerelle.backends.cellar.endpoint: missing setting}.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the full configuration key at fault
     * @param problem what is wrong with it, no secret values
     */
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /**
     * @param key the full configuration key at fault
     * @param problem what is wrong with it, no secret values
     * @param cause the underlying failure
     */
    public ConfigException(String key, String problem, Throwable cause) {
        super(key + ": " + problem, cause);
        this.key = key;
    }

    /** @return the full configuration key at fault */
    public String key() {
        return key;
    }
}
