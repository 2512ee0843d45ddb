package org.oaiconformance.contract.schema;

import org.oaiconformance.contract.http.ChatRequests;
import org.testng.annotations.Test;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;
import static org.oaiconformance.contract.schema.SchemaMatcher.conformsTo;
import static org.testng.Assert.assertEquals;

public class ContractSchemaTest {

    @Test
    public void everyRequestTheSuiteSendsConformsToTheRequestSchema() {
        for (String body : List.of(ChatRequests.minimal("m"), ChatRequests.streaming("m"), ChatRequests.streamingWithUsage("m"),
                ChatRequests.cutShort("m", 5), ChatRequests.withExtra("m", "api_key", "x"))) {
            assertThat(body, conformsTo(ContractSchema.CHAT_COMPLETION_REQUEST));
        }
    }

    @Test
    public void extraMembersAreAllowedAndViolationsCarryTheirPaths() {
        String completion = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"provider\":\"x\","
                + "\"choices\":[{\"index\":0,\"native_finish_reason\":\"end_turn\",\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                + "\"finish_reason\":\"stop\"}]}";
        assertThat(completion, conformsTo(ContractSchema.CHAT_COMPLETION));
        List<SchemaViolation> violations = ContractSchema.CHAT_COMPLETION.violations(completion.replace("\"model\":\"m\",", ""));
        assertEquals(violations.size(), 1);
        assertEquals(violations.get(0).path(), "/model");
        assertThat("{\"error\":\"Unauthorized\"}", not(conformsTo(ContractSchema.ERROR)));
        assertEquals(ContractSchema.toPointer("$.choices[0].finish_reason"), "/choices/0/finish_reason");
    }
}
