/**
 * Linear probes over activation stores: the elastic-net logistic regression of Durrani et al. (2020) and NeuroX
 * (cross-entropy + λ1·Σ|W| + λ2·‖W‖_F), trained on the PyTorch engine from minibatches read out of the memory-mapped
 * matrix; linear regression probes for numeric labels; metrics; control tasks (Hewitt and Liang, 2019); the probe
 * artifact on disk.
 */
package dev.probe.probe;
