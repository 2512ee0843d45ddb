package org.oaiconformance.contract.schema;

import org.hamcrest.Description;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.List;

/** Hamcrest's face of {@link ContractSchema}: {@code assertThat(body, conformsTo(ContractSchema.CHAT_COMPLETION))}. */
public final class SchemaMatcher extends TypeSafeDiagnosingMatcher<String> {
    private final ContractSchema schema;

    private SchemaMatcher(ContractSchema schema) {
        this.schema = schema;
    }

    public static SchemaMatcher conformsTo(ContractSchema schema) {
        return new SchemaMatcher(schema);
    }

    @Override
    protected boolean matchesSafely(String json, Description mismatch) {
        List<SchemaViolation> violations = schema.violations(json);
        violations.forEach(v -> mismatch.appendText("\n  ").appendText(v.toString()));
        return violations.isEmpty();
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("JSON conforming to " + schema.file());
    }
}
