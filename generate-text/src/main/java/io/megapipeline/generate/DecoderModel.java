package io.megapipeline.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * A decoder-only language model in the Hugging Face Optimum ONNX layout (model.onnx or
 * decoder_model_merged.onnx + tokenizer.json + config.json), run by DJL's ONNX Runtime engine.
 *
 * <p>
 * It decodes a batch of prompts together: left-padded, with attention_mask 0 on the padding and
 * position_ids counted from each prompt's first real token, so every row gives the tokens it would
 * give alone. With the key/value cache each step feeds one new token per row and the previous step's
 * {@code present.*} as {@code past_key_values.*}; models without past inputs re-run the whole sequence.
 * The engine matches inputs by name and has no array maths: logits are read into Java and sampled there.
 */
final class DecoderModel implements AutoCloseable {

    static {
        // Before any DJL engine exists: never download an engine, a native library or a model.
        System.setProperty("ai.djl.offline", "true");
    }

    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String POSITION_IDS = "position_ids";
    private static final String USE_CACHE_BRANCH = "use_cache_branch";
    private static final String PAST = "past_key_values";
    private static final String PRESENT = "present";

    /** What one prompt got: the new tokens (without the end token) and whether the model ended the text. */
    record Continuation(long[] tokens, boolean ended) {
    }

    private final String name;
    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final ModelConfig config;
    private final Set<String> inputs;
    private final List<String> pastInputs;
    private final long fillerToken;

    private DecoderModel(String name, Model model, HuggingFaceTokenizer tokenizer, ModelConfig config) {
        this.name = name;
        this.model = model;
        this.tokenizer = tokenizer;
        this.config = config;
        this.inputs = Set.copyOf(model.describeInput().keys());
        this.pastInputs = model.describeInput().keys().stream().filter(n -> n.startsWith(PAST + ".")).toList();
        List<String> unknown = inputs.stream().filter(n -> !n.startsWith(PAST + ".")
                && !Set.of(INPUT_IDS, ATTENTION_MASK, POSITION_IDS, USE_CACHE_BRANCH).contains(n)).toList();
        if (!inputs.contains(INPUT_IDS) || !unknown.isEmpty()) {
            throw new IllegalStateException(name + " is not a decoder this engine can run: its inputs are " + inputs);
        }
        // Rows that have ended keep being fed a token (the batch moves together); their output is not used.
        this.fillerToken = config.endTokens().stream().findFirst().orElse(0L);
    }

    /** Loads the model directory; {@code threads} bounds ONNX Runtime's intra-op threads. */
    static DecoderModel load(Path dir, int threads) throws IOException {
        ModelConfig config = ModelConfig.read(dir.resolve("config.json"));
        Path file = ModelDirectory.modelFile(dir);
        String fileName = file.getFileName().toString();
        Model model = Model.newInstance(dir.getFileName().toString(), Device.cpu(), "OnnxRuntime");
        try {
            model.load(dir, fileName.substring(0, fileName.length() - ".onnx".length()),
                    Map.of("intraOpNumThreads", String.valueOf(threads), "interOpNumThreads", "1"));
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(dir.resolve("tokenizer.json"))
                    .optAddSpecialTokens(true)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
            return new DecoderModel(dir.getFileName() + "/" + fileName, model, tokenizer, config);
        } catch (MalformedModelException | RuntimeException | IOException e) {
            model.close();
            throw new IOException("cannot load the language model in " + dir + ": " + e.getMessage(), e);
        }
    }

    String describe() {
        return "onnxruntime " + name + " (" + config.modelType() + ", context " + config.contextLength()
                + (hasKvCache() ? ", kv cache)" : ", no kv cache)");
    }

    /** Positions the model knows: a prompt and its continuation fit in this many tokens. */
    int contextLength() {
        return config.contextLength();
    }

    boolean hasKvCache() {
        return !pastInputs.isEmpty();
    }

    /** Token ids of a text, with the special tokens the tokenizer adds (e.g. a start token). */
    long[] encode(String text) {
        return tokenizer.encode(text, true, false).getIds();
    }

    String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    /**
     * Continues each prompt with its own sampling, all rows in one batch. {@code useCache} false forces
     * full re-computation at every step (what models without past inputs always get).
     */
    List<Continuation> generate(List<long[]> prompts, List<Sampling> samplings, boolean useCache) {
        int rows = prompts.size();
        int promptWidth = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
        int steps = samplings.stream().mapToInt(Sampling::maxNewTokens).max().orElse(0);
        long[][] fed = new long[rows][steps]; // generated tokens, then fillers once a row has ended
        int[] produced = new int[rows];
        boolean[] ended = new boolean[rows];
        boolean[] done = new boolean[rows];
        Sampler[] samplers = samplings.stream().map(Sampler::new).toArray(Sampler[]::new);
        boolean incremental = useCache && hasKvCache();

        try (NDManager generation = model.getNDManager().newSubManager()) {
            NDManager previous = null;
            NDList past = null;
            for (int step = 0; step < steps && !allTrue(done); step++) {
                NDManager current = generation.newSubManager();
                int width = promptWidth + step;
                int seq = incremental && step > 0 ? 1 : width;
                NDList out = forward(current, prompts, fed, promptWidth, width, seq, incremental ? past : null);
                NDArray logitsArray = out.get("logits");
                int vocab = (int) logitsArray.getShape().get(2);
                float[] logits = logitsArray.toFloatArray();
                for (int r = 0; r < rows; r++) {
                    long token = fillerToken;
                    if (!done[r]) {
                        token = samplers[r].next(logits, (r * seq + seq - 1) * vocab, vocab);
                        if (config.endTokens().contains(token)) {
                            ended[r] = true;
                            done[r] = true;
                            token = fillerToken;
                        } else {
                            produced[r]++;
                            done[r] = produced[r] >= samplings.get(r).maxNewTokens();
                        }
                    }
                    fed[r][step] = token;
                }
                past = presentsAsPast(out);
                if (previous != null) {
                    previous.close(); // the previous step's inputs, logits and cache are no longer needed
                }
                previous = current;
            }
        }
        List<Continuation> result = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            result.add(new Continuation(java.util.Arrays.copyOf(fed[r], produced[r]), ended[r]));
        }
        return result;
    }

    /** One forward pass over the last {@code seq} of {@code width} positions (all of them without a cache). */
    private NDList forward(NDManager manager, List<long[]> prompts, long[][] fed, int promptWidth, int width, int seq,
            NDList past) {
        int rows = prompts.size();
        long[] ids = new long[rows * seq];
        long[] positions = new long[rows * seq];
        long[] mask = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            long[] prompt = prompts.get(r);
            int padding = promptWidth - prompt.length;
            for (int col = 0; col < width; col++) {
                mask[r * width + col] = col < padding ? 0 : 1;
            }
            for (int s = 0; s < seq; s++) {
                int col = width - seq + s;
                ids[r * seq + s] = col < padding ? fillerToken
                        : col < promptWidth ? prompt[col - padding] : fed[r][col - promptWidth];
                // cumsum(mask) - 1; padding gets 0, and the fillers of an ended row stay inside the context.
                positions[r * seq + s] = Math.min(Math.max(col - padding, 0), config.contextLength() - 1);
            }
        }
        NDList inputs = new NDList();
        inputs.add(named(manager.create(ids, new Shape(rows, seq)), INPUT_IDS));
        if (this.inputs.contains(ATTENTION_MASK)) {
            inputs.add(named(manager.create(mask, new Shape(rows, width)), ATTENTION_MASK));
        }
        if (this.inputs.contains(POSITION_IDS)) {
            inputs.add(named(manager.create(positions, new Shape(rows, seq)), POSITION_IDS));
        }
        if (this.inputs.contains(USE_CACHE_BRANCH)) {
            inputs.add(named(manager.create(new boolean[] { past != null }), USE_CACHE_BRANCH));
        }
        for (String name : pastInputs) {
            // No cache yet (or none wanted): an empty past, [rows, kv heads, 0, head size].
            inputs.add(past != null ? past.get(name)
                    : named(manager.create(new float[0], new Shape(rows, config.kvHeads(), 0, config.headDim())), name));
        }
        return model.getBlock().forward(new ParameterStore(manager, false), inputs, false);
    }

    /** The outputs {@code present.N.key/value}, renamed to the inputs they feed next: {@code past_key_values.N...}. */
    private static NDList presentsAsPast(NDList outputs) {
        NDList past = new NDList();
        for (NDArray output : outputs) {
            if (output.getName() != null && output.getName().startsWith(PRESENT + ".")) {
                output.setName(PAST + output.getName().substring(PRESENT.length()));
                past.add(output);
            }
        }
        return past;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean flag : flags) {
            if (!flag) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
    }
}
