package org.oaiconformance.compat;

import org.oaiconformance.compat.chat.ChatCompletionChecks;
import org.oaiconformance.compat.chat.CurrentChatChecks;
import org.oaiconformance.compat.errors.ProvokedErrorChecks;
import org.oaiconformance.compat.models.ModelsListChecks;
import org.oaiconformance.compat.responses.ResponsesChecks;
import org.oaiconformance.compat.stream.StreamingChecks;
import org.oaiconformance.contract.outcome.CheckOutcome;
import org.oaiconformance.contract.outcome.Status;
import org.oaiconformance.contract.settings.Profile;
import org.oaiconformance.proof.ProofRun;
import org.oaiconformance.reference.ReferenceTarget;
import org.oaiconformance.reference.Switch;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * Several models judged in one run: the per-model checks run once per model and name it; the checks judged once per
 * target run once; a model made to deviate fails exactly what its switches declare, for itself only; a model the target
 * does not serve is skipped as not served.
 */
public class ModelMatrixProofTest {
    private static final Class<?>[] CHECKS = {ChatCompletionChecks.class, CurrentChatChecks.class, StreamingChecks.class, ResponsesChecks.class,
            ModelsListChecks.class, ProvokedErrorChecks.class};
    private static final Set<Switch> LARGE_DEVIATES = Set.of(Switch.USAGE_TOTAL_WRONG, Switch.RESPONSES_CREATED_AT_MS);

    @Test
    public void aModelMadeToDeviateFailsExactlyItsRequirementsAndTheOthersPass() {
        try (ReferenceTarget target = ReferenceTarget.start(Set.of()).withModelSwitches("reference-large", LARGE_DEVIATES)) {
            ProofRun run = ProofRun.againstModels(target, Profile.load("reference"), ReferenceTarget.MODELS, CHECKS);
            Map<String, Map<String, Status>> byModel = byModel(run.outcomes());
            assertEquals(byModel.keySet(), Set.copyOf(ReferenceTarget.MODELS), run.outcomes().toString());
            Set<String> declared = new TreeSet<>();
            LARGE_DEVIATES.forEach(s -> declared.addAll(s.breaks()));
            byModel.forEach((model, statuses) -> statuses.forEach((id, status) -> {
                boolean fails = model.equals("reference-large") && declared.contains(id);
                assertEquals(status, fails ? Status.FAILED : Status.PASSED, model + " " + id + ": " + run.outcomes());
            }));
            assertEquals(byModel.get("reference-large").keySet(), byModel.get("reference-small").keySet(), "every model judged alike");
            List<CheckOutcome> once = run.outcomes().stream().filter(o -> o.model() == null).toList();
            assertTrue(once.stream().anyMatch(o -> o.requirements().contains("CHAT-007")) && once.stream().noneMatch(o -> o.requirements().contains("CHAT-001")),
                    "the models list and error checks once per target, the chat checks per model: " + once);
            assertTrue(once.stream().allMatch(o -> o.status() == Status.PASSED), once.toString());
            long chat001 = run.outcomes().stream().filter(o -> o.check().endsWith("required_chat001_plainCompletionConformsToTheSchema")).count();
            assertEquals(chat001, ReferenceTarget.MODELS.size(), "one invocation per model");
        }
    }

    @Test
    public void aModelTheTargetDoesNotServeIsSkippedAsNotServed() {
        try (ReferenceTarget target = ReferenceTarget.start(Set.of())) {
            ProofRun run = ProofRun.againstModels(target, Profile.load("reference"), List.of("reference-small", "reference-huge"),
                    ChatCompletionChecks.class);
            List<CheckOutcome> huge = run.outcomes().stream().filter(o -> "reference-huge".equals(o.model())).toList();
            assertTrue(!huge.isEmpty() && huge.stream().allMatch(o -> o.status() == Status.SKIPPED && o.message().contains("does not serve reference-huge")),
                    huge.toString());
            assertTrue(run.outcomes().stream().filter(o -> "reference-small".equals(o.model())).allMatch(o -> o.status() == Status.PASSED),
                    run.outcomes().toString());
        }
    }

    /** Model → requirement → status, over the outcomes that name a model. */
    private static Map<String, Map<String, Status>> byModel(List<CheckOutcome> outcomes) {
        Map<String, Map<String, Status>> byModel = new TreeMap<>();
        for (CheckOutcome o : outcomes) {
            if (o.model() != null) {
                for (String id : o.requirements()) {
                    byModel.computeIfAbsent(o.model(), k -> new TreeMap<>()).merge(id, o.status(), (a, b) -> Status.combine(List.of(a, b)));
                }
            }
        }
        return byModel;
    }
}
