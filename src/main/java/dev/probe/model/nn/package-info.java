/**
 * Building blocks shared by the architectures: the per-batch NDManager scope ({@link dev.probe.model.nn.NdTransformer})
 * and pure tensor operations ({@link dev.probe.model.nn.Ops}) with PyTorch semantics.
 */
package dev.probe.model.nn;
