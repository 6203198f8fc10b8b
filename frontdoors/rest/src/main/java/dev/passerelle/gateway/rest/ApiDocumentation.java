package dev.passerelle.gateway.rest;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.gateway.http.Problem;
import dev.passerelle.gateway.http.Problems;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Completes the OpenAPI document generated from the resources (served at {@code /q/openapi}) with
 * what annotations would make the resource classes unreadable: the bearer security scheme and where
 * it applies, the statuses each operation really answers (errors as problem+json with their codes,
 * taken from the {@link ErrorKind} table), and the headers the object operations read and send.
 * Runs at build time: the served document is the generated one plus these changes.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiDocumentation implements OASFilter {
    static final String BEARER = "bearer";
    private static final String OBJECT = "/api/v1/buckets/{bucket}/objects/{key}";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    /** Codes more specific than their kind's, by status (the kind's own code is always listed too). */
    private static final Map<Integer, List<String>> SPECIFIC_CODES = Map.of(
            400, List.of("invalid_key", "invalid_bucket_name", "invalid_metadata", "invalid_content_md5", "invalid_checksum",
                    "invalid_content_length", "length_mismatch", "incomplete_body", "invalid_limit", "invalid_cursor", "invalid_json"),
            403, List.of("read_only", "policy_violation", "bucket_reserved"),
            404, List.of("not_found"),
            405, List.of("method_not_allowed"),
            500, List.of("audit_unavailable"),
            501, List.of("unsupported_transfer_coding"),
            503, List.of("upload_budget_exhausted", "too_many_connections"));
    /** Request headers of the object operations, each documented once. */
    private static final Map<String, String> REQUEST_HEADERS = requestHeaders();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A token of passerelle.auth.tokens.*, or the generated admin token in <state-dir>/admin-token: "
                        + "'Authorization: Bearer <token>'. Buckets listed in passerelle.auth.anonymous-read-buckets also accept "
                        + "anonymous reads."));
        components.addSchema("Problem", problemSchema());
        components.addSchema("PutResponse", object("The stored object.", Map.of(
                "key", string("the key"), "size", integer("the bytes stored"), "etag", string("the ETag, unquoted"),
                "sha256", string("the SHA-256 Passerelle computed while streaming (hex)"))));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/v1/")) {
                item.getOperations().forEach((method, op) -> describe(path, method, op));
            }
        });
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation op) {
        String key = method + " " + path;
        boolean anonymousRead = switch (key) {
            case "GET " + OBJECT, "HEAD " + OBJECT, "GET /api/v1/buckets/{bucket}/objects" -> true;
            default -> false;
        };
        op.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
        if (anonymousRead) {
            op.addSecurityRequirement(OASFactory.createSecurityRequirement());
        }
        if (op.getParameters() != null) {
            op.getParameters().stream().filter(p -> "key".equals(p.getName())).forEach(p -> p.description(
                    "the object key, percent-encoded (UTF-8); '/' separates segments; '.' and '..' segments are refused (400 invalid_key)"));
        }
        APIResponses generated = op.getResponses();
        APIResponse generatedOk = generated == null ? null : generated.getAPIResponse("200");
        APIResponses r = OASFactory.createAPIResponses();
        op.setResponses(r);
        switch (key) {
            case "PUT " + OBJECT -> {
                params(op, "Content-Type", "Content-MD5", "X-Checksum-SHA256", "If-None-Match", "If-Match", "If-Unmodified-Since");
                op.description("Streams the body to the bucket's backend. User metadata: X-Meta-<name> request headers (names "
                        + "lowercase a-z0-9-, values percent-encoded UTF-8, 2 KiB in total). A body whose checksums do not match "
                        + "Content-MD5 / X-Checksum-SHA256 stores nothing (400 checksum_mismatch).");
                r.addAPIResponse("201", stored("Created: no object existed under the key"));
                r.addAPIResponse("200", stored("Replaced an existing object"));
                errors(r, 400, 401, 403, 404, 412, 413, 501, 507);
            }
            case "GET " + OBJECT -> {
                params(op, "Range", "If-Range", "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since");
                r.addAPIResponse("200", body("The whole object"));
                r.addAPIResponse("206", body("The requested range").addHeader("Content-Range", header("bytes first-last/size")));
                r.addAPIResponse("304", notModified());
                errors(r, 400, 401, 403, 404, 412);
                r.addAPIResponse("416", problem(416).addHeader("Content-Range", header("bytes */size: the object's size")));
            }
            case "HEAD " + OBJECT -> {
                params(op, "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since");
                r.addAPIResponse("200", objectHeaders(OASFactory.createAPIResponse().description("The object's headers, no body")));
                r.addAPIResponse("304", notModified());
                errors(r, 401, 403, 404, 412);
            }
            case "DELETE " + OBJECT -> {
                r.addAPIResponse("204", OASFactory.createAPIResponse().description("Deleted"));
                errors(r, 400, 401, 403, 404);
            }
            case "PUT /api/v1/buckets/{bucket}" -> {
                r.addAPIResponse("201", ok(generatedOk, "Created on the backend the configuration routes it to"));
                errors(r, 400, 401, 403, 409);
            }
            case "DELETE /api/v1/buckets/{bucket}" -> {
                r.addAPIResponse("204", OASFactory.createAPIResponse().description("Deleted"));
                errors(r, 400, 401, 403, 404, 409);
            }
            case "GET /api/v1/buckets/{bucket}/objects" -> {
                r.addAPIResponse("200", ok(generatedOk, "One page; pass nextCursor as cursor for the next"));
                errors(r, 400, 401, 403, 404);
            }
            default -> {
                r.addAPIResponse("200", ok(generatedOk, "OK"));
                errors(r, 400, 401, 403);
            }
        }
        errors(r, 500, 502, 503, 504);
    }

    private static void params(Operation op, String... names) {
        for (String name : names) {
            op.addParameter(OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(false)
                    .description(REQUEST_HEADERS.get(name)).schema(string(null)));
        }
    }

    private static Map<String, String> requestHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "stored with the object and sent back on reads (default application/octet-stream)");
        h.put("Content-MD5", "base64 of the body's MD5: a mismatch stores nothing (400 checksum_mismatch)");
        h.put("X-Checksum-SHA256", "hex SHA-256 of the body: a mismatch stores nothing (400 checksum_mismatch)");
        h.put("If-None-Match", "on PUT only '*': create only (412 if the key exists); on reads: 304 when an ETag matches");
        h.put("If-Match", "proceed only if the object's ETag matches (412 otherwise)");
        h.put("If-Modified-Since", "HTTP date: 304 unless modified since");
        h.put("If-Unmodified-Since", "HTTP date: 412 if modified since");
        h.put("Range", "one byte range, 'bytes=first-last', 'bytes=first-' or 'bytes=-suffix': 206, or 416 when it does not overlap");
        h.put("If-Range", "an ETag or an HTTP date: the Range applies only while it matches, else the whole object (200)");
        return h;
    }

    private static APIResponse stored(String description) {
        return OASFactory.createAPIResponse().description(description)
                .addHeader("ETag", header("the stored object's ETag, quoted"))
                .content(json(OASFactory.createSchema().ref("#/components/schemas/PutResponse")));
    }

    private static APIResponse body(String description) {
        Content any = OASFactory.createContent().addMediaType("*/*", OASFactory.createMediaType()
                .schema(OASFactory.createSchema().addType(SchemaType.STRING).format("binary")));
        return objectHeaders(OASFactory.createAPIResponse().description(description + "; the Content-Type is the object's").content(any));
    }

    private static APIResponse objectHeaders(APIResponse r) {
        return r.addHeader("ETag", header("the object's ETag, quoted"))
                .addHeader("Last-Modified", header("HTTP date"))
                .addHeader("Content-Length", header("the body's length (the range's for a 206)"))
                .addHeader("Accept-Ranges", header("bytes"))
                .addHeader("X-Checksum-SHA256", header("the SHA-256 Passerelle computed when the object was stored (hex); a whole-object "
                        + "download is verified against it and aborted on a mismatch"))
                .addHeader("X-Meta-*", header("one header per user-metadata entry, X-Meta-<name>: the value percent-encoded UTF-8"));
    }

    private static APIResponse notModified() {
        return OASFactory.createAPIResponse().description("Not modified: the client's copy is current (If-None-Match / If-Modified-Since)")
                .addHeader("ETag", header("the object's ETag, quoted")).addHeader("Last-Modified", header("HTTP date"));
    }

    private static APIResponse ok(APIResponse generated, String description) {
        APIResponse r = OASFactory.createAPIResponse().description(description);
        if (generated == null) {
            return r;
        }
        // the content and the headers the resource declares (e.g. the bucket listing's X-Listing-Partial)
        return r.content(generated.getContent()).headers(generated.getHeaders());
    }

    private static void errors(APIResponses responses, int... statuses) {
        for (int status : statuses) {
            responses.addAPIResponse(Integer.toString(status), problem(status));
        }
    }

    /** @return a problem+json response whose description lists the codes answered with that status */
    static APIResponse problem(int status) {
        List<String> codes = Arrays.stream(ErrorKind.values()).filter(k -> k.httpStatus() == status).map(ErrorKind::code)
                .collect(Collectors.toList());
        codes.addAll(SPECIFIC_CODES.getOrDefault(status, List.of()));
        if (codes.isEmpty()) {
            codes.add(Problems.codeForStatus(status));
        }
        APIResponse r = OASFactory.createAPIResponse()
                .description("problem+json; code: " + String.join(", ", codes))
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
        if (status == 401) {
            r.addHeader("WWW-Authenticate", header("Bearer realm=\"passerelle\""));
        }
        if (status == 503) {
            r.addHeader("Retry-After", header("seconds before a retry may succeed"));
        }
        return r;
    }

    private static Schema problemSchema() {
        Schema code = string("the stable machine code to act on, e.g. "
                + Arrays.stream(ErrorKind.values()).map(ErrorKind::code).collect(Collectors.joining(", ")) + ", or a more specific one ("
                + SPECIFIC_CODES.values().stream().flatMap(List::stream).sorted().collect(Collectors.joining(", ")) + ")");
        Schema s = object("An RFC 9457 problem: every error of the API, with a stable code.", Map.of(
                "type", string("always about:blank"), "title", string("the HTTP reason phrase"), "status", integer("the HTTP status"),
                "code", code, "detail", string("one human-readable sentence"), "requestId", string("the request's X-Request-Id")));
        return s.required(List.of("type", "title", "status", "code"));
    }

    private static Schema object(String description, Map<String, Schema> properties) {
        Schema s = OASFactory.createSchema().addType(SchemaType.OBJECT).description(description);
        properties.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> s.addProperty(e.getKey(), e.getValue()));
        return s;
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }

    private static Schema integer(String description) {
        return OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64").description(description);
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description).schema(string(null));
    }

    private static Content json(Schema schema) {
        MediaType m = OASFactory.createMediaType().schema(schema);
        return OASFactory.createContent().addMediaType("application/json", m);
    }
}
