// The Java API, as a JShell script: extract one store per corpus file, rank two columns of it.
// Run it with scripts/api-example (CI does); see docs/api.md.
import dev.probe.activations.ExtractionRequest;
import dev.probe.model.ModelRepository;
import dev.probe.pipeline.LocalStages;
import dev.probe.rank.RankRequest;
import dev.probe.rank.RankingResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

boolean ok = false;
var stages = new LocalStages(ModelRepository.atDefaultHome(), new PrintWriter(System.err, true));
Path work = Files.createTempDirectory("probe-api");
Path data = Path.of("data-samples/ud-ewt");
for (String split : List.of("dev", "test")) {
    stages.extract(ExtractionRequest.of(data.resolve("en_ewt-ud-" + split + ".sample.conllu"), work.resolve(split))
            .withLayers(List.of(0, 6)));
}
RankRequest base = RankRequest.of(work.resolve("dev"), work.resolve("test"), null, work.resolve("xpos"));
RankingResult xpos = stages.rank(base.with(base.settings().withLabel("xpos")));
RankingResult deprel = stages.rank(new RankRequest(base.train(), base.dev(), null, null,
        base.settings().withLabel("deprel"), work.resolve("deprel"), false));
System.out.printf("xpos: oracle dev %.3f, minimal set %d of %d neurons%n", xpos.oracle().dev(),
        xpos.minimalSet().size(), xpos.ordering().length);
System.out.printf("deprel: oracle dev %.3f, minimal set %d of %d neurons%n", deprel.oracle().dev(),
        deprel.minimalSet().size(), deprel.ordering().length);
ok = xpos.ordering().length == 768 && xpos.oracle().dev() > 0.5 && deprel.oracle().dev() > 0.3 &&
        Files.exists(work.resolve("xpos/report.html")) && Files.exists(work.resolve("deprel/ranking.json"));
/exit ok ? 0 : 1
