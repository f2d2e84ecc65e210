package io.megapipeline.core.stage;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text payloads are UTF-8; bytes that are not valid UTF-8 are refused, never patched over. */
public final class Texts {

    private Texts() {
    }

    public static String decode(byte[] bytes) throws RejectedInputException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RejectedInputException(RejectedInputException.Kind.UNSUPPORTED_FORMAT, "text is not valid UTF-8");
        }
    }

    public static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
