package bn.grader.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Gradescope's results.json (https://gradescope-autograders.readthedocs.io, "Output format"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"score", "execution_time", "output", "output_format", "visibility", "stdout_visibility", "extra_data", "tests"})
public record Results(
        double score,
        @JsonProperty("execution_time") double executionTime,
        String output,
        @JsonProperty("output_format") String outputFormat,
        String visibility,
        @JsonProperty("stdout_visibility") String stdoutVisibility,
        @JsonProperty("extra_data") Map<String, Object> extraData,
        List<Test> tests) {

    /** One graded test. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "number", "score", "max_score", "status", "output", "output_format", "tags", "visibility"})
    public record Test(
            String name,
            String number,
            double score,
            @JsonProperty("max_score") double maxScore,
            String status,
            String output,
            @JsonProperty("output_format") String outputFormat,
            List<String> tags,
            String visibility) {

        public boolean passed() {
            return "passed".equals(status);
        }
    }

    public double maxScore() {
        return tests.stream().mapToDouble(Test::maxScore).sum();
    }
}
