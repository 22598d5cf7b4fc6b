package org.careid.fuzz;

import java.util.Map;

import org.careid.identity.DeviceViews;
import org.careid.identity.StaffViews;
import org.careid.web.StrictJson;
import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Request bodies through the server's JSON reading: Quarkus's defaults (unknown properties ignored,
 * java.time) with {@link StrictJson}. Anything unreadable must be a JsonProcessingException, which
 * the problem mappers answer with 400 malformed-request.
 */
class JsonBodyFuzzTest {
    private static final FuzzInputs INPUTS = new FuzzInputs("JSON request bodies (server ObjectMapper with StrictJson)");
    private static final ObjectMapper JSON = serverMapper();

    static ObjectMapper serverMapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new StrictJson().customize(mapper);
        return mapper;
    }

    @FuzzTest(maxExecutions = FuzzBudget.EXECUTIONS, maxDuration = FuzzBudget.DURATION)
    void read(byte[] body) {
        INPUTS.run(() -> {
            for (Class<?> type : new Class<?>[] {StaffViews.StaffRequest.class, StaffViews.StaffUpdate.class, DeviceViews.ProvisionRequest.class, Map.class}) {
                try {
                    JSON.readValue(body, type);
                } catch (JsonProcessingException | java.io.CharConversionException refused) {
                    // 400 malformed-request (an undecodable byte sequence: ProblemMappers.undecodableBody)
                } catch (java.io.IOException e) {
                    throw new AssertionError("reading a byte array cannot fail with plain I/O", e);
                }
            }
        });
    }

    @AfterAll
    static void report() {
        INPUTS.report();
    }
}
