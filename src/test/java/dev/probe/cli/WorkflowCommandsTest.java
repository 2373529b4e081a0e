package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.probe.ProbeException;
import dev.probe.report.Expectation;
import dev.probe.testing.WorkflowCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CI recipe runs as written, as far as it can without the network: every {@code probe} command line of
 * {@code .github/workflows/probe-compare.example.yml} parses with the real command line (without running), its
 * expectations parse, its configuration exists, every {@code run:} block is valid bash, and the Makefile target runs
 * the same pipeline and gate. (scripts/check-workflow lints the YAML itself with actionlint and action-validator.)
 */
class WorkflowCommandsTest {
    static final Path WORKFLOW = Path.of(".github/workflows/probe-compare.example.yml");

    /** Every probe command of the workflow, as argument lists. */
    static List<List<String>> workflowCommands() throws IOException {
        List<List<String>> all = new ArrayList<>();
        for (WorkflowCommands.RunBlock block : WorkflowCommands.runBlocks(WORKFLOW)) {
            all.addAll(WorkflowCommands.probeCommands(block.script(), block.env()));
        }
        return all;
    }

    /** The {@code --expect} values of the workflow's {@code probe compare}. */
    static List<String> workflowExpectations() throws IOException {
        return expectations(workflowCommands());
    }

    private static List<String> expectations(List<List<String>> commands) {
        List<String> expect = new ArrayList<>();
        for (List<String> args : commands) {
            CommandLine.ParseResult parsed = ProbeCommand.newCommandLine().parseArgs(args.toArray(String[]::new));
            if (parsed.subcommand().commandSpec().name().equals("compare")) {
                expect.addAll(parsed.subcommand().matchedOptionValue("--expect", List.<String>of()));
            }
        }
        return expect;
    }

    @Test
    void everyProbeCommandOfTheWorkflowParsesAndItsExpectationsToo() throws Exception {
        List<List<String>> commands = workflowCommands();
        assertThat(commands).extracting(c -> c.get(0)).containsExactly("run", "compare");
        for (List<String> args : commands) {
            // throws a ParameterException naming the option for an unknown option or a bad value
            ProbeCommand.newCommandLine().parseArgs(args.toArray(String[]::new));
        }
        assertThat(commands.get(0)).containsExactly("run", "--config", "configs/bert-vs-xlnet.yaml");
        assertThat(Path.of(commands.get(0).get(2))).isRegularFile();
        List<String> expect = workflowExpectations();
        assertThat(expect).hasSizeGreaterThanOrEqualTo(3).contains("count(problems) == 0");
        for (String e : expect) {
            Expectation.parse(e);
        }
    }

    @Test
    void aCommandLineTheToolWouldRefuseIsCaught() {
        List<List<String>> bad = WorkflowCommands.probeCommands(
                "scripts/probe compare \"$RUN_DIR/runs\" \\\n  --expectt 'count(rows) == 4' | tee x\n", Map.of());
        assertThat(bad).containsExactly(List.of("compare", "RUN_DIR/runs", "--expectt", "count(rows) == 4"));
        assertThatThrownBy(() -> ProbeCommand.newCommandLine().parseArgs(bad.get(0).toArray(String[]::new)))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--expectt");
        assertThatThrownBy(() -> Expectation.parse("rows[task=xpos].oracle_dev => 0.9"))
                .isInstanceOf(ProbeException.class);
    }

    @Test
    void shellWordsAndVariables() {
        List<List<String>> c = WorkflowCommands.probeCommands(
                "echo no\nscripts/probe run --config \"$CONFIG\" --json > out.json\nprobe compare ${RUN_DIR}/runs"
                        + " --expect 'a >= 1' # a comment\n", Map.of("CONFIG", "configs/x.yaml", "RUN_DIR", "runs/x"));
        assertThat(c).containsExactly(List.of("run", "--config", "configs/x.yaml", "--json"),
                List.of("compare", "runs/x/runs", "--expect", "a >= 1"));
    }

    @Test
    void everyRunBlockIsValidBash(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash");
        List<WorkflowCommands.RunBlock> blocks = WorkflowCommands.runBlocks(WORKFLOW);
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(5);
        for (WorkflowCommands.RunBlock block : blocks) {
            // Actions replaces ${{ … }} before bash sees the script
            Path script = Files.writeString(tmp.resolve("step.sh"),
                    block.script().replaceAll("\\$\\{\\{[^}]*}}", "x"), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("/bin/bash", "-n", script.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(block.name() + ": " + out).isZero();
        }
    }

    @Test
    void theMakefileTargetRunsTheSamePipelineAndGate() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/make")), "make");
        Process p = new ProcessBuilder("/usr/bin/make", "-n", "-f", "scripts/Makefile.example", "bert-vs-xlnet")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<List<String>> commands = WorkflowCommands.probeCommands(out, Map.of());
        assertThat(commands).extracting(c -> c.get(0)).containsExactly("run", "compare");
        assertThat(commands.get(0)).isEqualTo(workflowCommands().get(0));
        // the run folder read from the configuration's run_dir, relative to its folder
        assertThat(Path.of(commands.get(1).get(1)).normalize()).isEqualTo(Path.of("runs/bert-vs-xlnet/runs"));
        assertThat(expectations(commands)).containsExactlyElementsOf(workflowExpectations());
    }
}
