/**
 * Interventions: chosen neurons are changed inside the model's forward pass (zeroed, set to their training mean, or
 * translated toward another class's mean) and what follows is measured against as many random neurons of the same
 * layers: the accuracy of probes trained on unmodified activations, the model's own output, and its language-modelling
 * head where the checkpoint has one. Reads a ranking and its stores, writes {@code intervention.json}.
 */
package dev.probe.intervene;
