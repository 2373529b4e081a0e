package dev.probe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.ProbeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code compare --expect} language on a literal comparison.json: known answers and malformed inputs. */
class ExpectationTest {
    private static final String JSON = """
            {"rows": [
               {"model": "bert", "task": "xpos", "oracle_dev": 0.93, "selectivity": 0.12, "minimal_size": 40},
               {"model": "bert", "task": "deprel", "oracle_dev": 0.81, "selectivity": null, "minimal_size": 90},
               {"model": "models/xlnet.v2", "task": "xpos", "oracle_dev": 0.95, "selectivity": 0.2,
                "minimal_size": 35}],
             "models": [{"model": "bert", "minimal_sets": [{"task_a": "deprel", "task_b": "xpos", "jaccard": 0.25}]}],
             "rankings": {"a/ranking.json": "abc"},
             "problems": []}
            """;

    private static JsonNode tree() throws Exception {
        return new ObjectMapper().readTree(JSON);
    }

    private static Expectation.Outcome eval(String text) throws Exception {
        return Expectation.parse(text).evaluate(tree());
    }

    @Test
    void parsesPathOperatorAndNumber() throws ProbeException {
        Expectation e = Expectation.parse("  rows[model=bert,task=xpos].oracle_dev>=0.9 ");
        assertThat(e.count()).isFalse();
        assertThat(e.op()).isEqualTo(Expectation.Op.GE);
        assertThat(e.number()).isEqualTo(0.9);
        assertThat(e.path()).containsExactly(new Expectation.Segment("rows", List.of("model=bert,task=xpos")),
                new Expectation.Segment("oracle_dev", List.of()));
        assertThat(e.text()).isEqualTo("rows[model=bert,task=xpos].oracle_dev>=0.9");
        assertThat(Expectation.parse("count(rows) == 3").count()).isTrue();
        assertThat(Expectation.parse("rows[0].minimal_size < -1.5e2").number()).isEqualTo(-150.0);
    }

    @Test
    void everyOperatorOnOneValue() throws Exception {
        // bert/xpos oracle_dev is 0.93
        String p = "rows[model=bert,task=xpos].oracle_dev ";
        assertThat(eval(p + "> 0.9").met()).isTrue();
        assertThat(eval(p + "> 0.93").met()).isFalse();
        assertThat(eval(p + ">= 0.93").met()).isTrue();
        assertThat(eval(p + "< 0.93").met()).isFalse();
        assertThat(eval(p + "<= 0.93").met()).isTrue();
        assertThat(eval(p + "== 0.93").met()).isTrue();
        assertThat(eval(p + "!= 0.93").met()).isFalse();
        assertThat(eval(p + "!= 1").met()).isTrue();
    }

    @Test
    void wildcardsAndFiltersNeedEverySelectedValueToHold() throws Exception {
        Expectation.Outcome all = eval("rows[*].oracle_dev >= 0.85");
        assertThat(all.met()).isFalse();
        // the failing value first, named by its model and task
        assertThat(all.detail()).startsWith("rows[model=bert,task=deprel].oracle_dev = 0.81")
                .contains("rows[model=bert,task=xpos].oracle_dev = 0.93");
        assertThat(eval("rows[task=xpos].oracle_dev >= 0.93").met()).isTrue();
        assertThat(eval("rows[*].minimal_size <= 90").met()).isTrue();
        // a selector value may hold dots and slashes
        assertThat(eval("rows[model=models/xlnet.v2].minimal_size == 35").met()).isTrue();
        assertThat(eval("rows[2].oracle_dev == 0.95").met()).isTrue();
        assertThat(eval("models[model=bert].minimal_sets[task_a=deprel,task_b=xpos].jaccard < 0.3").met()).isTrue();
    }

    @Test
    void countCountsSelectedValuesOrAListsElements() throws Exception {
        assertThat(eval("count(rows) == 3").met()).isTrue();
        assertThat(eval("count(rows[model=bert]) == 2").met()).isTrue();
        assertThat(eval("count(problems) == 0").met()).isTrue();
        assertThat(eval("count(rows[task=upos]) == 0").met()).isTrue();
        assertThat(eval("count(rows) > 3").detail()).isEqualTo("count = 3");
    }

    @Test
    void aNullValueIsNotMeasuredAndFails() throws Exception {
        Expectation.Outcome o = eval("rows[model=bert].selectivity > 0.1");
        assertThat(o.met()).isFalse();
        assertThat(o.detail()).startsWith("rows[model=bert,task=deprel].selectivity = null (not measured)");
        // NaN-like null fails even != (nothing was measured to differ)
        assertThat(eval("rows[task=deprel].selectivity != 5").met()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "rows[0].oracle_dev", "rows[0].oracle_dev >= ", ">= 0.9", "rows[0].oracle_dev => 0.9",
        "rows[0].oracle_dev = 0.9", "rows[0].oracle_dev >= 0.9x", "rows[0].oracle_dev >= NaN",
        "rows[0].oracle_dev >= Infinity", "rows[0]..oracle_dev > 1", "rows[].oracle_dev > 1",
        "rows[model].oracle_dev > 1", "rows[model=].oracle_dev > 1", "1rows > 1", "rows[0].oracle_dev > 1 > 2",
        "System.exit(1) == 0", "count(rows > 1", "rows[-1].oracle_dev > 0", "rows[99999999999].oracle_dev > 0"})
    void malformedExpectationsNameTheOption(String text) {
        assertThatThrownBy(() -> Expectation.parse(text)).isInstanceOf(ProbeException.class)
                .hasMessageStartingWith("--expect '" + text + "': ");
    }

    @Test
    void unknownFieldsAndNonNumbersAreErrorsNotFailures() {
        assertThatThrownBy(() -> eval("rows[0].oracle_devv > 0.5")).isInstanceOf(ProbeException.class)
                .hasMessageContaining("unknown field 'rows[model=bert,task=xpos].oracle_devv'")
                .hasMessageContaining("known fields there: model, task, oracle_dev, selectivity, minimal_size");
        assertThatThrownBy(() -> eval("row[0].oracle_dev > 0.5")).hasMessageContaining("unknown field 'row'");
        assertThatThrownBy(() -> eval("rows[modell=bert].oracle_dev > 0.5"))
                .hasMessageContaining("unknown field 'modell' in the elements of rows");
        assertThatThrownBy(() -> eval("rows[7].oracle_dev > 0.5")).hasMessageContaining("the list has 3 elements");
        assertThatThrownBy(() -> eval("rows.oracle_dev > 0.5")).hasMessageContaining("rows is a list");
        assertThatThrownBy(() -> eval("rows[0].model > 0.5")).hasMessageContaining("is 'bert', not a number");
        assertThatThrownBy(() -> eval("rows[0] > 0.5")).hasMessageContaining("is a record, not a number");
        assertThatThrownBy(() -> eval("rows[0].oracle_dev[0] > 0.5")).hasMessageContaining("is not a list");
        assertThatThrownBy(() -> eval("rows[task=upos].oracle_dev > 0.5"))
                .hasMessageContaining("the path selects no value");
    }

    /** Seeded mutations of valid expectations: each parses and evaluates, or fails with a clean ProbeException. */
    @Test
    void mutatedExpectationsNeverFailUncleanly() throws Exception {
        String[] seeds = {"rows[model=bert,task=xpos].oracle_dev >= 0.9", "count(rows[*]) == 3",
            "models[model=bert].minimal_sets[task_a=deprel,task_b=xpos].jaccard < 0.3", "rows[2].minimal_size != 1e3"};
        String alphabet = "[]().,=<>!*_ -+e0123456789abcrowsmdlt\"'\\";
        JsonNode root = tree();
        SplittableRandom random = new SplittableRandom(15);
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                int at = random.nextInt(b.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> b.deleteCharAt(Math.min(at, b.length() - 1));
                    default -> b.setCharAt(Math.min(at, b.length() - 1), alphabet.charAt(random.nextInt(
                            alphabet.length())));
                }
                if (b.length() == 0) {
                    b.append('x');
                }
            }
            String text = new String(b.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            try {
                Expectation.parse(text).evaluate(root);
                parsed++;
            } catch (ProbeException e) {
                assertThat(e.getMessage()).startsWith("--expect '");
            }
        }
        // the mutations reach the evaluator, not only the parser's refusals
        assertThat(parsed).isGreaterThan(200);
    }
}
