package dev.probe.probe;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A probe's scores on one split: {@link ClassificationMetrics} or {@link RegressionMetrics}. In JSON the kind is told
 * by the fields present, as written.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(ClassificationMetrics.class), @JsonSubTypes.Type(RegressionMetrics.class)})
public sealed interface Metrics permits ClassificationMetrics, RegressionMetrics {
    /** Rows scored. */
    int size();
}
