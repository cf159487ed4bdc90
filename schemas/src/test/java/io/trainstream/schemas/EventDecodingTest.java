package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trainstream.schemas.EventDecodingException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventDecodingTest {

    private final byte[] valid = EventCodec.encode(SampleEvents.all().get("run-start"));

    @Test
    void bytesWithoutTheSingleObjectMagicAreReportedAsNotSingleObjectEncoded() {
        byte[] json = "{\"run_id\":\"r\",\"seq\":0}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        EventDecodingException e = catchThrowableOfType(EventDecodingException.class, () -> EventCodec.decode(json));

        assertThat(e.reason()).isEqualTo(Reason.NOT_SINGLE_OBJECT);
        assertThat(e.getMessage()).contains("not an Avro single-object encoded TrainerEvent", "7B 22", "C3 01");
        assertThat(e.fingerprint()).isEmpty();
    }

    @Test
    void inputShorterThanTheHeaderIsReportedAsNotSingleObjectEncoded() {
        EventDecodingException e = catchThrowableOfType(EventDecodingException.class,
                () -> EventCodec.decode(new byte[] {(byte) 0xC3, 0x01, 0x12}));

        assertThat(e.reason()).isEqualTo(Reason.NOT_SINGLE_OBJECT);
        assertThat(e.getMessage()).contains("3 bytes");
    }

    @Test
    void anUnknownFingerprintIsReportedAsLikelyNewerWithTheFingerprintInHex() {
        byte[] bytes = valid.clone();
        long fingerprint = 0x0123456789abcdefL;
        for (int i = 0; i < 8; i++) {
            bytes[2 + i] = (byte) (fingerprint >>> (8 * i));
        }

        EventDecodingException e = catchThrowableOfType(EventDecodingException.class, () -> EventCodec.decode(bytes));

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA);
        assertThat(e.fingerprint()).hasValue(fingerprint);
        assertThat(e.getMessage()).contains("0123456789abcdef", "newer", "v1 ");
    }

    @Test
    void aTruncatedBodyIsReportedAsCorrupt() {
        byte[] truncated = Arrays.copyOf(valid, valid.length - 5);

        EventDecodingException e = catchThrowableOfType(EventDecodingException.class,
                () -> EventCodec.decode(truncated));

        assertThat(e.reason()).isEqualTo(Reason.CORRUPT_BODY);
        assertThat(e.getMessage()).contains("corrupt TrainerEvent body", "writer schema v2");
    }

    @Test
    void bytesAfterTheRecordAreReportedAsCorrupt() {
        byte[] longer = Arrays.copyOf(valid, valid.length + 2);

        EventDecodingException e = catchThrowableOfType(EventDecodingException.class, () -> EventCodec.decode(longer));

        assertThat(e.reason()).isEqualTo(Reason.CORRUPT_BODY);
        assertThat(e.getMessage()).contains("2 bytes after the record");
    }

    @Test
    void aHugeLengthFieldFailsFastInsteadOfAllocating() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(valid, 0, 10);
        long claimed = 2_000_000_000L;
        long zigzag = claimed << 1;
        while ((zigzag & ~0x7FL) != 0) {
            bytes.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        bytes.write((int) zigzag);
        bytes.write(new byte[20], 0, 20);

        EventDecodingException e = catchThrowableOfType(EventDecodingException.class,
                () -> EventCodec.decode(bytes.toByteArray()));

        assertThat(e.reason()).isEqualTo(Reason.CORRUPT_BODY);
    }
}
