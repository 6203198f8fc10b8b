package dev.passerelle.sovereign.config;

import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;

import java.nio.file.Path;
import java.util.List;

/** The keys the sovereign controls read: KEKs, residency rules, the audit trail and their per-bucket and per-backend switches. */
public final class SovereignKeys {
    /** The KEK new writes use. */
    public static final ConfigKey<String> KEYS_CURRENT = ConfigKey.string("passerelle.keys.current").defaultNote("the only KEK, when one is configured")
            .help("The id of the KEK new writes use; required when several KEKs are configured.");
    /** A KEK in a file. */
    public static final ConfigKey<Path> KEY_FILE = ConfigKey.path("passerelle.keys.<id>.file")
            .help("A file holding the KEK: 32 random bytes, raw or base64 (mode 0600). Set exactly one of `file`, `base64` or `keystore` per KEK; "
                    + "`<id>` matches `[a-z0-9][a-z0-9_-]*`.");
    /** A KEK as base64. */
    public static final ConfigKey<String> KEY_BASE64 = ConfigKey.string("passerelle.keys.<id>.base64").markSecretNoFile()
            .help("The KEK as the base64 of 32 bytes (e.g. from the environment).");
    /** A KEK in a PKCS#12 keystore. */
    public static final ConfigKey<Path> KEY_KEYSTORE = ConfigKey.path("passerelle.keys.<id>.keystore")
            .help("A PKCS#12 keystore holding the KEK as an AES secret-key entry.");
    /** The keystore entry. */
    public static final ConfigKey<String> KEY_ALIAS = ConfigKey.string("passerelle.keys.<id>.alias").help("With `keystore`: the entry's alias (required).");
    /** The keystore password. */
    public static final ConfigKey<String> KEY_PASSWORD = ConfigKey.string("passerelle.keys.<id>.password").markSecret()
            .help("With `keystore`: the keystore's password (required).");
    /** Residency rule: allowed jurisdictions. */
    public static final ConfigKey<List<String>> POLICY_JURISDICTIONS = ConfigKey.list("passerelle.policy.<classification>.allowed-jurisdictions")
            .help("ISO 3166 country codes or `EU` (its 27 member states) where buckets of this classification may live.");
    /** Residency rule: required certifications. */
    public static final ConfigKey<List<String>> POLICY_CERTIFICATIONS = ConfigKey.list("passerelle.policy.<classification>.required-certifications")
            .help("Certifications the backend must declare (e.g. `HDS`).");
    /** Residency rule: a foreign host if encrypted. */
    public static final ConfigKey<Boolean> POLICY_UNLESS_ENCRYPTED = ConfigKey.bool("passerelle.policy.<classification>.unless-encrypted").defaultValue("false")
            .help("`true`: a host outside the rule is allowed when the bucket is encrypted (`encryption=required`).");
    /** The audit MAC key. */
    public static final ConfigKey<Path> AUDIT_KEY_FILE = ConfigKey.path("passerelle.audit.key-file")
            .help("Turns the audit trail on: a file of at least 32 random bytes, raw or base64, the key of the MAC chain (mode 0600).");
    /** The audit file. */
    public static final ConfigKey<Path> AUDIT_FILE = ConfigKey.path("passerelle.audit.file").defaultNote("`<state-dir>/audit/audit-<instance>.jsonl`")
            .help("The audit file; one per process (it is locked), outside every backend's root.");
    /** The audit instance. */
    public static final ConfigKey<String> AUDIT_INSTANCE = ConfigKey.string("passerelle.audit.instance").defaultNote("the host name")
            .help("The instance name in the file's `chain-start` line (`[A-Za-z0-9._-]{1,200}`).");
    /** Per bucket: encryption. */
    public static final ConfigKey<String> BUCKET_ENCRYPTION = ConfigKey.choice("passerelle.buckets.<bucket>.encryption", "none", "required")
            .defaultValue("none").help("`required`: client-side envelope encryption under the current KEK; objects without a valid envelope are refused on read.");
    /** Per bucket: classification. */
    public static final ConfigKey<String> BUCKET_CLASSIFICATION = ConfigKey.string("passerelle.buckets.<bucket>.classification")
            .help("e.g. `health`; the bucket's route must satisfy `passerelle.policy.<classification>.*` (a classification without a rule is refused).");
    /** Per bucket: audit. */
    public static final ConfigKey<Boolean> BUCKET_AUDIT = ConfigKey.bool("passerelle.buckets.<bucket>.audit").defaultValue("true")
            .help("`false` keeps the bucket out of the audit trail.");
    /** Per backend: jurisdiction. */
    public static final ConfigKey<String> BACKEND_JURISDICTION = ConfigKey.string("passerelle.backends.<name>.jurisdiction").defaultValue("UNKNOWN")
            .help("Who can compel the host: ISO 3166 country code or `EU` (upper-cased). No residency rule allows `UNKNOWN`.");
    /** Per backend: certifications. */
    public static final ConfigKey<List<String>> BACKEND_CERTIFICATIONS = ConfigKey.list("passerelle.backends.<name>.certifications")
            .help("The host's certifications, e.g. `HDS,SecNumCloud` (upper-cased).");

    /** KEKs: the keys under {@code passerelle.keys.}. */
    public static final ConfigKeys KEYS = ConfigKeys.of("sovereign-keys", "", "", KEYS_CURRENT, KEY_FILE, KEY_BASE64, KEY_KEYSTORE, KEY_ALIAS, KEY_PASSWORD);
    /** Residency rules: the keys under {@code passerelle.policy.}. */
    public static final ConfigKeys POLICY = ConfigKeys.of("sovereign-policy", "", "", POLICY_JURISDICTIONS, POLICY_CERTIFICATIONS, POLICY_UNLESS_ENCRYPTED);

    /** Every key of the sovereign controls. */
    public static final ConfigKeys DECLARATION = ConfigKeys.of("sovereign", "Sovereign controls (encryption, residency policy, audit trail)",
            "Checked by `Passerelle.create` before any backend starts; a route that breaks the residency policy stops start-up.",
            KEYS_CURRENT, KEY_FILE, KEY_BASE64, KEY_KEYSTORE, KEY_ALIAS, KEY_PASSWORD,
            POLICY_JURISDICTIONS, POLICY_CERTIFICATIONS, POLICY_UNLESS_ENCRYPTED,
            AUDIT_KEY_FILE, AUDIT_FILE, AUDIT_INSTANCE,
            BUCKET_ENCRYPTION, BUCKET_CLASSIFICATION, BUCKET_AUDIT, BACKEND_JURISDICTION, BACKEND_CERTIFICATIONS);

    private SovereignKeys() {
    }
}
