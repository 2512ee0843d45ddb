package org.oaiconformance.contract.catalogue;

import org.testng.annotations.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class RequirementCatalogueTest {

    @Test
    public void everyFamilyOfTheContractIsDeclared() {
        assertEquals(RequirementCatalogue.load().families().keySet(), Set.of("AUTH", "KEY", "ERR", "CHAT", "STREAM", "SDK", "SEC", "TOOL", "FMT", "PARAM", "OAUTH", "EMB", "RESP"));
    }

    @Test
    public void entriesHaveStableIdsLevelsTitlesAndSources() {
        for (Requirement r : RequirementCatalogue.load().all()) {
            assertTrue(r.id().matches("[A-Z]+-\\d{3}") && r.id().startsWith(r.family() + "-"), r.id());
            assertTrue(!r.title().isBlank() && !r.source().isBlank(), r.id());
        }
        Set<String> ids = RequirementCatalogue.load().all().stream().map(Requirement::id).collect(Collectors.toSet());
        assertEquals(ids.size(), RequirementCatalogue.load().all().size());
    }
}
