package dev.probe.model;

import java.util.Objects;

/**
 * Edits to apply inside every forward pass of a model, and their provenance record.
 *
 * @param intervention the edits
 * @param record what they are, for the store's manifest (its checkpoint digest is filled in when the model loads)
 */
public record ModelEdits(Intervention intervention, InterventionRecord record) {
    public ModelEdits {
        Objects.requireNonNull(intervention, "intervention");
        Objects.requireNonNull(record, "record");
        if (!intervention.sha256().equals(record.editsSha256())) {
            throw new IllegalArgumentException("the record's edits digest is not that of the edits");
        }
    }
}
