package org.oaiconformance.contract.summary;

import org.oaiconformance.contract.outcome.Markup;
import org.oaiconformance.contract.wire.ModelIds;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/** What a target, a recording or a summary controls is inert wherever the suite prints or renders it. */
public class MarkupTest {

    @Test
    public void consoleLinesCannotStartALineMoveTheCursorOrReorderText() {
        assertEquals(Markup.console("m\n::error title=x::y\r\u001b]0;title\u0007\u202eevil\u2028z"), "m?::error title=x::y??]0;title??evil?z");
        assertEquals(Markup.console("openai/gpt-4o-mini · ok"), "openai/gpt-4o-mini · ok");
    }

    @Test
    public void markdownKeepsNoControlCharacter() {
        String md = Markup.markdown("id\u001b[31m\u0007<img src=x>");
        assertFalse(md.contains("\u001b") || md.contains("\u0007") || md.contains("<img"), md);
    }

    @Test
    public void theModelIdRuleTakesEveryPublishedShapeAndNothingElse() {
        for (String id : new String[] {"gpt-4o-mini", "openai/gpt-4o:free", "accounts/fireworks/models/llama-v3p1-8b-instruct",
                "@cf/meta/llama-3.1-8b-instruct", "meta-llama/Llama-3.1-8B-Instruct", "reference-small", "qwen2.5:7b"}) {
            assertTrue(ModelIds.isSafe(id), id);
        }
        for (String id : new String[] {"x://\"><img src=x onerror=alert(1)>", "m\n::error", "a b", "", "../keys", "a/../keys", "a/.",
                "javascript://x", "-leading-dash", "a".repeat(129), "id\u001b]0;t\u0007"}) {
            assertFalse(ModelIds.isSafe(id), id);
        }
    }

    /** The summary's schema constrains model ids with the same rule the suite judges by. */
    @Test
    public void theSummarySchemaHoldsTheSameRule() throws Exception {
        String schema = Files.readString(Path.of("src/main/resources/schemas/conformance-summary.json"));
        String pattern = "\"pattern\": \"" + ModelIds.RULE.replace("\\", "\\\\") + "\"";
        assertEquals(schema.split(Pattern.quote(pattern), -1).length - 1, 2, "models[] and models[].model: " + pattern);
    }
}
