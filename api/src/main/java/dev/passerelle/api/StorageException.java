package dev.passerelle.api;

import java.util.Objects;

/**
 * The one error type of the contract. Unchecked. Carries an {@link ErrorKind}, a stable code
 * (the kind's code unless a more specific one is given, e.g. {@code invalid_key}), whether a retry
 * may succeed, and where it happened (backend, container, key) when known.
 *
 * <p>The context fields are filled in by whoever knows them: a backend's error mapper sets what it
 * knows, and the registry's wrappers add the backend name. Each may only be set once.
 *
 * <p>An error the call layer retried until its attempts were spent is marked {@linkplain #exhausted
 * exhausted}: from then on it is persistent ({@link #retryable()} is false), so no outer layer (a
 * copy restart, a caller's own loop) retries it again. Its kind, code and HTTP status do not change.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String code;
    private final boolean retryable;
    private volatile int attempts;
    private String backend;
    private String container;
    private String key;

    /**
     * @param kind what went wrong; never null
     * @param detail a human-readable sentence, no secrets
     */
    public StorageException(ErrorKind kind, String detail) {
        this(kind, null, detail, kind.retryableByDefault(), null);
    }

    /**
     * @param kind what went wrong; never null
     * @param detail a human-readable sentence, no secrets
     * @param cause the underlying failure, may be null
     */
    public StorageException(ErrorKind kind, String detail, Throwable cause) {
        this(kind, null, detail, kind.retryableByDefault(), cause);
    }

    /**
     * @param kind what went wrong; never null
     * @param code a specific stable code, or null for the kind's code
     * @param detail a human-readable sentence, no secrets
     * @param retryable whether a retry may succeed
     * @param cause the underlying failure, may be null
     */
    public StorageException(ErrorKind kind, String code, String detail, boolean retryable, Throwable cause) {
        super(detail, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = code == null ? kind.code() : code;
        this.retryable = retryable;
    }

    /** Shortcut for an {@link ErrorKind#INVALID_ARGUMENT} with a specific code such as {@code invalid_key}. */
    public static StorageException invalid(String code, String detail) {
        return new StorageException(ErrorKind.INVALID_ARGUMENT, code, detail, false, null);
    }

    /** @return the kind; never null */
    public ErrorKind kind() {
        return kind;
    }

    /** @return the stable machine code; never null */
    public String code() {
        return code;
    }

    /**
     * @return whether a retry of the same call may succeed: the host's answer was temporary and no
     *         layer has spent its attempts on it yet ({@link #exhausted})
     */
    public boolean retryable() {
        return retryable && attempts == 0;
    }

    /**
     * Marks this error as the last of a call's attempts, all spent: it is persistent from now on (not
     * {@link #retryable()}), whatever the host said. Marked once; a later mark is ignored.
     *
     * @param attempts how many attempts the call made, at least 1
     * @return this
     */
    public StorageException exhausted(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1");
        }
        if (this.attempts == 0) {
            this.attempts = attempts;
        }
        return this;
    }

    /** @return how many attempts the call layer made before it gave up with this error, or 0 when it did not mark it */
    public int attempts() {
        return attempts;
    }

    /** @return the human-readable detail, without the context suffix */
    public String detail() {
        return super.getMessage();
    }

    /** @return the backend name, or null if unknown */
    public String backend() {
        return backend;
    }

    /** @return the container, or null if unknown or not relevant */
    public String container() {
        return container;
    }

    /** @return the object key, or null if unknown or not relevant */
    public String key() {
        return key;
    }

    /** Sets the backend name if not already set. @return this */
    public StorageException withBackend(String backend) {
        if (this.backend == null) {
            this.backend = backend;
        }
        return this;
    }

    /** Sets container and key if not already set (either may be null). @return this */
    public StorageException withLocation(String container, String key) {
        if (this.container == null) {
            this.container = container;
        }
        if (this.key == null) {
            this.key = key;
        }
        return this;
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(kind.name()).append(": ").append(super.getMessage());
        if (backend != null || container != null || key != null) {
            sb.append(" [");
            String sep = "";
            if (backend != null) {
                sb.append("backend=").append(backend);
                sep = ", ";
            }
            if (container != null) {
                sb.append(sep).append("container=").append(container);
                sep = ", ";
            }
            if (key != null) {
                sb.append(sep).append("key=").append(key);
            }
            sb.append(']');
        }
        if (attempts > 1) {
            sb.append(" (after ").append(attempts).append(" attempts)");
        }
        return sb.toString();
    }
}
