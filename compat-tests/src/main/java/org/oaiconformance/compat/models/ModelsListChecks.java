package org.oaiconformance.compat.models;

import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.check.ConformanceChecks;
import org.oaiconformance.contract.check.Expect;
import org.oaiconformance.contract.http.Exchange;
import org.oaiconformance.contract.schema.ContractSchema;
import org.testng.annotations.Test;

/** GET models, the list SDKs and UIs read to offer models. No inference. */
public class ModelsListChecks extends ConformanceChecks {

    /** Verifies: CHAT-007 (OpenAI API reference, list models). If this fails, answer {"data": [{"id": ...}]}. */
    @Test
    @Verifies("CHAT-007")
    public void recommended_chat007_modelsListConformsToTheSchema() {
        Exchange exchange = target().get("/models", target().validKey());
        Expect.status(exchange, 200);
        Expect.conformsTo(exchange, exchange.body(), ContractSchema.MODELS, path -> true, "the models list");
    }
}
