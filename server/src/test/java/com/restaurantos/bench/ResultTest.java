package com.restaurantos.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTest {
    private static Result sample() {
        Result r = new Result("fanout").put("label", "ours").put("deflate", true).put("connects_per_s", 1234.5678)
                .put("p99_ms", 12.34567).put("nothing", Double.NaN).put("failures", Map.of("timeout", 2L));
        r.step().put("step", "warmup").put("delivered_msg_s", 9999.96).put("p99_ms", 3.0);
        r.step().put("step", "1").put("delivered_msg_s", 20000.0).put("p99_ms", 45.0004);
        return r;
    }

    @Test
    void isOneLineOfJsonWithTheFieldsInOrderThenTheSteps() {
        String json = sample().json();
        assertThat(json).doesNotContain("\n");
        assertThat(json).startsWith("{\"scenario\":\"fanout\",\"label\":\"ours\",\"deflate\":true,");
        assertThat(json).contains("\"connects_per_s\":1234.6", "\"p99_ms\":12.346", "\"nothing\":null",
                "\"failures\":{\"timeout\":2}");
        assertThat(json).endsWith("\"steps\":[{\"step\":\"warmup\",\"delivered_msg_s\":10000.0,\"p99_ms\":3.0},"
                + "{\"step\":\"1\",\"delivered_msg_s\":20000.0,\"p99_ms\":45.0}]}");
    }

    @Test
    void readsBackWhatItWrote() {
        Result back = Result.parse(sample().json());
        assertThat(back.scenario()).isEqualTo("fanout");
        assertThat(back.get("deflate")).isEqualTo(true);
        assertThat(back.number("connects_per_s")).isEqualTo(1234.6);
        assertThat(back.number("label")).isNaN();
        assertThat(back.steps()).hasSize(2);
        assertThat(back.steps().get(1)).containsEntry("step", "1").containsEntry("p99_ms", 45.0);
        assertThat(back.json()).isEqualTo(sample().json());
    }

    @Test
    void aResultWithoutStepsHasNoStepsKey() {
        assertThat(new Result("storm").put("ready", 10).json()).isEqualTo("{\"scenario\":\"storm\",\"ready\":10}");
    }

    @Test
    void theTableHasAValueALineAndTheStepsAsAlignedColumns() {
        String table = sample().table();
        assertThat(table).contains("  scenario        fanout\n", "  connects_per_s  1234.6\n", "  nothing         -\n");
        String[] lines = table.split("\n");
        String header = lines[lines.length - 3];
        assertThat(header).contains("step", "delivered_msg_s", "p99_ms");
        assertThat(lines[lines.length - 2]).endsWith("3").contains("warmup", "10000");
        assertThat(lines[lines.length - 1]).hasSize(header.length()).endsWith("45");
    }

    @Test
    void comparesTwoResultsWithRatiosAndGoals() {
        Result ours = new Result("storm").put("deflate", false).put("connects_per_s", 900.0).put("failed", 0)
                .put("ready", 100).put("warm_connects_per_s", 500.0).put("warm_failed", 2);
        Result node = new Result("storm").put("deflate", false).put("connects_per_s", 300.0).put("failed", 0)
                .put("ready", 100).put("warm_connects_per_s", 400.0).put("warm_failed", 0);
        String report = CompareReport.report(Map.of(CompareReport.key(ours), ours),
                Map.of(CompareReport.key(node), node));
        assertThat(report).contains("### storm (no deflate)",
                "| first burst, just after start: connections/s | 900 | 300 | 3.00 | ≥ 2× Node's: met |",
                "| first burst, just after start: failed | 0 | 0 | - | 0: met |",
                "| second burst, server warm: connections/s | 500 | 400 | 1.25 | ≥ 2× Node's: **not met** |",
                "| second burst, server warm: failed | 2 | 0 | - | 0: **not met** |");
    }
}
