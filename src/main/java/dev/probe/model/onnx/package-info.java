/**
 * Reading ONNX model files without protobuf-java, and importing a BERT encoder exported to ONNX as a Hugging Face model
 * folder ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json}, {@code import.json}).
 *
 * <p>{@link dev.probe.model.onnx.OnnxGraph#read} memory-maps the file and decodes the protobuf wire format with a small
 * reader of its own; {@link dev.probe.model.onnx.BertOnnxImporter} identifies each weight's role by following the
 * graph (which MatMul feeds the attention scores, which follows the Softmax, which precedes the GELU), not by its
 * exported name, and writes the tensors under their Hugging Face {@code BertModel} names with dense weights transposed
 * to Hugging Face's {@code [out, in]} layout.
 */
package dev.probe.model.onnx;
