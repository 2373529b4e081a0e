/**
 * The random-weight control ({@code probe extract --random-init SEED}): a model's weights re-initialised the way its
 * architecture's Hugging Face initializer does ({@link dev.probe.model.init.InitScheme}), with numbers drawn from a
 * deterministic generator keyed by the seed and each parameter's name ({@link dev.probe.model.init.SeededNormal}), and
 * the provenance a store records about it ({@link dev.probe.model.init.RandomInit}).
 */
package dev.probe.model.init;
