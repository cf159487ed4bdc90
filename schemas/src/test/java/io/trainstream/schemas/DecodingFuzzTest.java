package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.trainstream.schemas.EventDecodingException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Feeds mutated and random bytes to the decoders: each input must decode or fail with
 * {@link EventDecodingException}, never with another exception or an error.
 */
class DecodingFuzzTest {

    private static final int INPUTS = 20_000;

    @Test
    void mutatedEventsDecodeOrFailWithEventDecodingExceptionOnly() {
        List<byte[]> seeds = new ArrayList<>();
        SampleEvents.all().values().forEach(e -> seeds.add(EventCodec.encode(e)));

        Map<Reason, Integer> failures = fuzz(seeds, EventCodec::decode, new Random(20240501L));

        assertThat(failures).containsKeys(Reason.NOT_SINGLE_OBJECT, Reason.UNKNOWN_SCHEMA, Reason.CORRUPT_BODY);
    }

    @Test
    void oneReusedReaderFailsCleanlyOnMutatedEventsAndStillDecodesAGoodOneAfterEach() {
        List<byte[]> seeds = new ArrayList<>();
        SampleEvents.all().values().forEach(e -> seeds.add(EventCodec.encode(e)));
        byte[] good = seeds.get(0);
        SingleObjectCodec.Reader<io.trainstream.schemas.avro.TrainerEvent> reader = EventCodec.newReader();

        Map<Reason, Integer> failures = fuzz(seeds, input -> {
            try {
                return reader.decode(input);
            } finally {
                assertThat(reader.decode(good)).isEqualTo(EventCodec.decode(good));
            }
        }, new Random(99L));

        assertThat(failures).containsKeys(Reason.NOT_SINGLE_OBJECT, Reason.UNKNOWN_SCHEMA, Reason.CORRUPT_BODY);
    }

    @Test
    void mutatedRunSummariesDecodeOrFailWithEventDecodingExceptionOnly() {
        List<byte[]> seeds = new ArrayList<>();
        SampleRunSummaries.all().values().forEach(s -> seeds.add(RunSummaryCodec.encode(s)));

        Map<Reason, Integer> failures = fuzz(seeds, RunSummaryCodec::decode, new Random(7L));

        assertThat(failures).containsKey(Reason.CORRUPT_BODY);
    }

    private static Map<Reason, Integer> fuzz(List<byte[]> seeds, Function<byte[], ?> decode, Random random) {
        Map<Reason, Integer> failures = new EnumMap<>(Reason.class);
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                decode.apply(input);
            } catch (EventDecodingException e) {
                failures.merge(e.reason(), 1, Integer::sum);
            } catch (Throwable t) {
                fail("input " + i + " (" + HexFormat.of().formatHex(input) + ") threw " + t, t);
            }
        }
        return failures;
    }

    static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes = seed.clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    bytes[10 + random.nextInt(bytes.length - 10)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2 -> {
                byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(16));
                for (int j = bytes.length; j < longer.length; j++) {
                    longer[j] = (byte) random.nextInt(256);
                }
                bytes = longer;
            }
            case 3 -> {
                int at = 10 + random.nextInt(bytes.length - 10);
                Arrays.fill(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(6)), (byte) 0xFF);
            }
            case 4 -> {
                byte[] randomBody = new byte[10 + random.nextInt(64)];
                random.nextBytes(randomBody);
                System.arraycopy(bytes, 0, randomBody, 0, 10);
                bytes = randomBody;
            }
            default -> {
                bytes = new byte[random.nextInt(80)];
                random.nextBytes(bytes);
                if (bytes.length > 2 && random.nextBoolean()) {
                    bytes[0] = (byte) 0xC3;
                    bytes[1] = 0x01;
                }
            }
        }
        return bytes;
    }
}
