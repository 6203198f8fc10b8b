package dev.passerelle.gateway.auth;

import java.util.Locale;

/** What a token may do; each level includes the ones before it. */
public enum Access {
    /** Read objects and list. */
    READ,
    /** Also write and delete objects. */
    WRITE,
    /** Also create and delete buckets. */
    ADMIN;

    /** @return whether this level includes {@code needed} */
    public boolean allows(Access needed) {
        return ordinal() >= needed.ordinal();
    }

    /** @return the level named {@code read}, {@code write} or {@code admin}, or null for anything else */
    public static Access parse(String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "read" -> READ;
            case "write" -> WRITE;
            case "admin" -> ADMIN;
            default -> null;
        };
    }
}
