package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The same outage under {@code passerelle.health.ready-requires=all}: the gateway reports itself not
 * ready (503, DOWN, naming the dead backend), while the listing and the other buckets still serve.
 */
@QuarkusTest
@TestProfile(BackendOutageAllTest.AllRequired.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(OutageResource.class)
class BackendOutageAllTest {
    /** Every backend must answer. */
    public static class AllRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("passerelle.health.ready-requires", "all");
        }
    }

    @Test
    void oneDeadBackendMakesTheGatewayUnready() throws Exception {
        BackendOutageTest.createEverythingThenKillAzurite();
        BackendOutageTest.listingWithoutAzurite();
        BackendOutageTest.survivorsStillServe();
        RestAssured.get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'backends' }.data.'ready-requires'", equalTo("all"))
                .body("checks.find { it.name == 'backends' }.data.azure", startsWith("down: "))
                .body("checks.find { it.name == 'backends' }.data.cellar", equalTo("up"));
    }
}
