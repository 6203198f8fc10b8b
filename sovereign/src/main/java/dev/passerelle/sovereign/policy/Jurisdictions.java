package dev.passerelle.sovereign.policy;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Jurisdiction codes: an ISO 3166-1 alpha-2 country ({@code FR}, {@code DE}, {@code US}), {@code EU},
 * or {@link #UNKNOWN} when a backend declares none, which no rule allows.
 */
public final class Jurisdictions {
    /** The jurisdiction of a backend that declares none. */
    public static final String UNKNOWN = "UNKNOWN";
    /** The European Union as a whole. */
    public static final String EU = "EU";
    /** The member states of the European Union (ISO 3166-1 alpha-2), which a rule allowing {@code EU} accepts. */
    public static final Set<String> EU_MEMBERS = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
            "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");
    private static final Pattern CODE = Pattern.compile("[A-Z]{2}");

    private Jurisdictions() {
    }

    /**
     * @param value a configured code, any case; null or blank for none
     * @return the normalised code, {@link #UNKNOWN} for none, or null when the value is not a valid code
     */
    public static String normalize(String value) {
        if (value == null || value.isBlank()) {
            return UNKNOWN;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        return v.equals(UNKNOWN) || CODE.matcher(v).matches() ? v : null;
    }

    /**
     * @param jurisdiction a backend's jurisdiction
     * @param allowed the jurisdictions a rule allows
     * @return whether the backend is inside one of them ({@code EU} covers its member states); UNKNOWN never is
     */
    public static boolean isWithin(String jurisdiction, Set<String> allowed) {
        if (UNKNOWN.equals(jurisdiction)) {
            return false;
        }
        return allowed.contains(jurisdiction) || (allowed.contains(EU) && EU_MEMBERS.contains(jurisdiction));
    }
}
