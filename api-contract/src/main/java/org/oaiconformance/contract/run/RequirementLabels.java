package org.oaiconformance.contract.run;

import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import org.oaiconformance.contract.catalogue.Level;
import org.oaiconformance.contract.catalogue.Requirement;
import org.oaiconformance.contract.catalogue.RequirementCatalogue;
import org.oaiconformance.contract.catalogue.Verifies;
import org.oaiconformance.contract.secrets.SecretMasker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Allure hook (service loader): gives every result its requirement's level, family and title from the catalogue,
 * so the report groups by family and shows what each check is for; and masks what Allure is about to write.
 */
public final class RequirementLabels implements TestLifecycleListener {

    @Override
    public void beforeTestStop(TestResult result) {
        suitesByModule(result);
        RequirementCatalogue catalogue = RequirementCatalogue.load();
        List<Requirement> requirements = result.getLabels().stream()
                .filter(l -> Verifies.LABEL.equals(l.getName()))
                .map(l -> catalogue.find(l.getValue()).orElse(null))
                .filter(Objects::nonNull)
                .toList();
        if (requirements.isEmpty()) {
            return;
        }
        List<Label> labels = new ArrayList<>(result.getLabels());
        for (Requirement r : requirements) {
            labels.add(label("level", r.level().name()));
            labels.add(label("family", r.family()));
            labels.add(label("epic", r.family() + " - " + catalogue.familyName(r.family())));
            labels.add(label("feature", r.id() + " (" + r.level() + ")"));
            labels.add(label("story", r.title()));
        }
        Level strictest = requirements.stream().map(Requirement::level).min(Comparator.naturalOrder()).orElseThrow();
        labels.removeIf(l -> "severity".equals(l.getName()));
        labels.add(label("severity", strictest.allureSeverity()));
        result.setLabels(labels);
        String ids = String.join(", ", requirements.stream().map(Requirement::id).toList());
        result.setDescription(requirements.stream().map(r -> r.id() + " " + r.level() + ": " + r.title() + " Source: " + r.source())
                .reduce((a, b) -> a + "\n\n" + b).orElse("") + "\n\nVerifies: " + ids);
    }

    @Override
    public void beforeTestWrite(TestResult result) {
        result.setName(SecretMasker.mask(result.getName()));
        StatusDetails details = result.getStatusDetails();
        if (details != null) {
            details.setMessage(SecretMasker.mask(details.getMessage()));
            details.setTrace(SecretMasker.mask(details.getTrace()));
        }
        for (Parameter parameter : result.getParameters()) {
            parameter.setValue(SecretMasker.mask(parameter.getValue()));
        }
        maskNames(result.getAttachments(), result.getSteps());
    }

    /** Attachment and step names can hold a URL or a message; they are masked like everything else. */
    private static void maskNames(List<Attachment> attachments, List<StepResult> steps) {
        attachments.forEach(a -> a.setName(SecretMasker.mask(a.getName())));
        for (StepResult step : steps) {
            step.setName(SecretMasker.mask(step.getName()));
            maskNames(step.getAttachments(), step.getSteps());
        }
    }

    /**
     * Suites tab: the module the check's source lives in (its package says: org.oaiconformance.auth → auth-tests), then
     * the check class (instead of TestNG's "Surefire suite" / "Surefire test"). One JVM runs both modules' checks.
     */
    private static void suitesByModule(TestResult result) {
        List<Label> labels = new ArrayList<>(result.getLabels());
        String testClass = labels.stream().filter(l -> "testClass".equals(l.getName())).map(Label::getValue).findFirst().orElse("");
        labels.removeIf(l -> List.of("parentSuite", "suite", "subSuite").contains(l.getName()));
        labels.add(label("parentSuite", moduleOf(testClass)));
        labels.add(label("suite", testClass.substring(testClass.lastIndexOf('.') + 1)));
        result.setLabels(labels);
    }

    private static String moduleOf(String testClass) {
        String[] parts = testClass.split("\\.");
        return parts.length > 2 && parts[0].equals("org") && parts[1].equals("oaiconformance") ? parts[2] + "-tests"
                : System.getProperty(ConformanceListener.MODULE_PROPERTY, "checks");
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }
}
