package dev.tollgate.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small validator agrees with a full JSON Schema implementation (networknt, tests only) on a corpus. */
class TriageSchemaTest {

    static final String GOOD = "{\"intent\":{\"value\":\"bug_report\",\"confidence\":0.9},"
            + "\"sentiment\":{\"value\":\"very_negative\",\"confidence\":1},"
            + "\"language\":{\"value\":\"de\",\"confidence\":0.5},\"suggestedPriority\":\"urgent\",\"suggestedTags\":[\"a\"]}";

    static final TriageSchema OURS = TriageSchema.load();
    static final Schema THEIRS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(OURS.schema().toString(), InputFormat.JSON);

    @ParameterizedTest
    @ValueSource(strings = {
            GOOD,
            "{\"intent\":{\"value\":\"x\",\"confidence\":0},\"sentiment\":{\"value\":\"neutral\",\"confidence\":0.2},"
                    + "\"language\":{\"value\":\"pt-BR\",\"confidence\":0.7},\"suggestedPriority\":\"low\",\"suggestedTags\":[]}",
            "{}",
            "[]",
            "{\"intent\":{\"value\":\"bug\",\"confidence\":1.5},\"sentiment\":{\"value\":\"angry\",\"confidence\":0.2},"
                    + "\"language\":{\"value\":\"d\",\"confidence\":-1},\"suggestedPriority\":\"p1\",\"suggestedTags\":[1]}",
            "{\"intent\":{\"value\":\"bug\",\"confidence\":\"high\"},\"sentiment\":{\"value\":\"neutral\",\"confidence\":0.2},"
                    + "\"language\":{\"value\":\"en\",\"confidence\":0.7},\"suggestedPriority\":\"low\",\"suggestedTags\":[],\"extra\":1}",
            "{\"intent\":{\"value\":\"\",\"confidence\":0.1,\"why\":\"x\"},\"sentiment\":{\"value\":\"neutral\"},"
                    + "\"language\":{\"value\":\"en\",\"confidence\":0.7},\"suggestedPriority\":\"low\","
                    + "\"suggestedTags\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}"})
    void agreesWithAFullValidator(String instance) throws Exception {
        JsonNode json = new ObjectMapper().readTree(instance);
        List<String> ours = OURS.violations(json);
        boolean theirsValid = THEIRS.validate(instance, InputFormat.JSON).isEmpty();
        assertEquals(theirsValid, ours.isEmpty(), instance + " -> " + ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {GOOD})
    void aGoodTriageParses(String instance) {
        TriageTicket.Result result = (TriageTicket.Result) new TriageTicket(OURS).parse("Here you go:\n```json\n" + instance + "\n```");
        assertEquals("very_negative", result.sentiment().value());
        assertEquals(0.5, result.language().confidence());
        assertTrue(result.suggestedTags().contains("a"));
    }
}
