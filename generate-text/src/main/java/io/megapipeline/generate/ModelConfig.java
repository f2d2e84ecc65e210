package io.megapipeline.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the decoder loop needs from a Hugging Face {@code config.json}: the context length, the
 * special tokens and the shape of the key/value cache. Llama-style and GPT-2-style key names are read.
 */
record ModelConfig(String modelType, int contextLength, Set<Long> endTokens, int kvHeads, int headDim) {

    static ModelConfig read(Path file) throws IOException {
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        int heads = integer(json, "num_attention_heads", "n_head");
        int hidden = integer(json, "hidden_size", "n_embd");
        int kvHeads = json.has("num_key_value_heads") ? json.get("num_key_value_heads").asInt() : heads;
        int headDim = json.has("head_dim") ? json.get("head_dim").asInt() : hidden / heads;
        return new ModelConfig(json.path("model_type").asText("unknown"),
                integer(json, "max_position_embeddings", "n_positions"),
                endTokens(json), kvHeads, headDim);
    }

    private static int integer(JsonNode json, String name, String gpt2Name) throws IOException {
        JsonNode value = json.has(name) ? json.get(name) : json.get(gpt2Name);
        if (value == null || !value.canConvertToInt()) {
            throw new IOException("config.json has no " + name + " (or " + gpt2Name + ")");
        }
        return value.asInt();
    }

    /**
     * The tokens that end a text: eos_token_id (one id or a list), and bos_token_id too, because models
     * trained the llama2.c way separate texts with the start token and never write the end token.
     */
    private static Set<Long> endTokens(JsonNode json) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String name : new String[] { "eos_token_id", "bos_token_id" }) {
            JsonNode value = json.get(name);
            if (value != null && value.isArray()) {
                value.forEach(id -> ids.add(id.asLong()));
            } else if (value != null && value.canConvertToLong()) {
                ids.add(value.asLong());
            }
        }
        return ids;
    }
}
