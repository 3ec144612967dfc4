package dev.paddock.gateway.openai.embeddings;

import dev.paddock.gateway.openai.RequestChecks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** How vectors are written: JSON floats, or base64 of little-endian float32 bytes (smaller, exact). */
enum EmbeddingEncoding {
    FLOAT,
    BASE64;

    static EmbeddingEncoding of(String format) {
        if (format == null || format.equals("float")) {
            return FLOAT;
        }
        RequestChecks.require(format.equals("base64"), "encoding_format",
                "'encoding_format' must be float or base64; got '" + format + "'.");
        return BASE64;
    }

    /** The vector as the response carries it: a float array or a base64 string. */
    Object encode(float[] vector) {
        if (this == FLOAT) {
            return vector;
        }
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
