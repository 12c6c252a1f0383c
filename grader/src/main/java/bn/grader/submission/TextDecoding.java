package bn.grader.submission;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns a student file's bytes into text: UTF-8, with or without a byte-order mark; bytes that are not UTF-8 are read
 * as Latin-1 (ISO-8859-1, which every byte sequence is), with a note saying so, since the accents in comments or
 * strings may then show wrongly.
 */
final class TextDecoding {
    private TextDecoding() {
    }

    static String decode(byte[] bytes, String path, List<String> notes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
                ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            notes.add("Warning: " + path + " is not UTF-8; it was read as Latin-1 (ISO-8859-1). Save your files as UTF-8.");
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
