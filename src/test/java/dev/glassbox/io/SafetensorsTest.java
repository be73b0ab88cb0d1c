package dev.glassbox.io;

import static org.junit.jupiter.api.Assertions.*;

import dev.glassbox.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir Path dir;

    @Test
    void writesTheBytesTheFormatPrescribes() throws IOException {
        Path file = dir.resolve("a.safetensors");
        Safetensors.write(file, Map.of("a", Tensor.vector(1f, -2f)));
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}"; // 54 bytes
        ByteBuffer expected = ByteBuffer.allocate(8 + 56 + 8).order(ByteOrder.LITTLE_ENDIAN);
        expected.putLong(56);                                   // header length, padded to a multiple of 8
        expected.put((json + "  ").getBytes(StandardCharsets.US_ASCII));
        expected.put(new byte[] {0, 0, (byte) 0x80, 0x3f});     // 1.0f  = 0x3f800000, little-endian
        expected.put(new byte[] {0, 0, 0, (byte) 0xc0});        // -2.0f = 0xc0000000
        assertArrayEquals(expected.array(), Files.readAllBytes(file));
    }

    @Test
    void roundTripIsBitExactAndKeepsOrderAndMetadata() throws IOException {
        var random = new SplittableRandom(5);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("wte.weight", Tensor.randn(random, 0.02f, 7, 4));
        tensors.put("h.0.ln_1.bias", Tensor.vector(-0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY));
        tensors.put("big", Tensor.randn(random, 1f, 3, 100_000)); // 1.2 MB: crosses the 1 MB read/write chunk
        tensors.put("a", Tensor.randn(random, 1f, 2, 1, 3));
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, tensors, Map.of("step", "12", "note", "ünïcode ✓"));

        var read = Safetensors.read(file);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()), "file order = write order");
        assertEquals(Map.of("step", "12", "note", "ünïcode ✓"), read.metadata());
        for (var e : tensors.entrySet()) {
            Tensor back = read.tensors().get(e.getKey());
            assertArrayEquals(e.getValue().shape(), back.shape(), e.getKey());
            float[] a = e.getValue().data(), b = back.data();
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), e.getKey() + "[" + i + "]");
            }
        }
        assertEquals(0, Safetensors.readHeader(file).dataStart() % 8, "data starts 8-byte aligned");
    }

    @Test
    void headerListsTensorsWithoutLoadingThem() throws IOException {
        Path file = dir.resolve("h.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("x", Tensor.zeros(2, 3));
        tensors.put("y", Tensor.zeros(5));
        Safetensors.write(file, tensors);
        var header = Safetensors.readHeader(file);
        assertEquals(List.of(new Safetensors.Entry("x", DType.F32, new int[] {2, 3}, 0, 24),
                new Safetensors.Entry("y", DType.F32, new int[] {5}, 24, 44)), header.entries());
        assertEquals(Files.size(file) - 44, header.dataStart());
    }

    /** reference.safetensors was written by Hugging Face's own Python implementation (make_reference.py). */
    @Test
    void readsAFileWrittenByTheReferenceImplementation() throws IOException {
        Path file = dir.resolve("reference.safetensors");
        try (InputStream in = getClass().getResourceAsStream("reference.safetensors")) {
            Files.copy(in, file);
        }
        var header = Safetensors.readHeader(file);
        assertEquals(Map.of("format", "np", "made_by", "safetensors (python)"), header.metadata());
        assertEquals(List.of("i64", "f32", "f16"), header.entries().stream().map(Safetensors.Entry::name).toList());
        assertEquals(DType.I64, header.entry("i64").orElseThrow().dtype());

        var e = assertThrows(CheckpointException.class, () -> Safetensors.read(file));
        assertEquals("i64", e.tensor());
        assertTrue(e.getMessage().contains("dtype I64 cannot be loaded"), e.getMessage());

        var read = Safetensors.read(file, name -> !name.equals("i64"));
        assertEquals(List.of("f32", "f16"), List.copyOf(read.tensors().keySet()));
        assertArrayEquals(new int[] {2, 3}, read.tensors().get("f32").shape());
        assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f}, read.tensors().get("f32").data());
        // float16 values: 1/3 rounds to 0x3555 = 1365/4096 = 0.333251953125
        float[] f16 = read.tensors().get("f16").data();
        assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f, 0.333251953125f, Float.POSITIVE_INFINITY, -0f}, f16);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f16[6]), "sign of -0 kept");
    }

    @Test
    void halfToFloatMatchesTheDefinitionForAll65536Values() {
        for (int h = 0; h < 1 << 16; h++) {
            int sign = h >>> 15, exponent = (h >>> 10) & 0x1f, mantissa = h & 0x3ff;
            float actual = DType.halfToFloat(h);
            if (exponent == 31) {
                assertEquals(mantissa == 0, Float.isInfinite(actual), Integer.toHexString(h));
                assertEquals(mantissa != 0, Float.isNaN(actual), Integer.toHexString(h));
                continue;
            }
            // (-1)^s * 2^(e-15) * (1 + m/1024), or 2^-14 * m/1024 when e = 0 (subnormal)
            double magnitude = exponent == 0 ? Math.pow(2, -14) * mantissa / 1024.0
                    : Math.pow(2, exponent - 15) * (1 + mantissa / 1024.0);
            double expected = sign == 1 ? -magnitude : magnitude;
            assertEquals(expected, actual, 0.0, Integer.toHexString(h));
            assertEquals(sign == 1, (Float.floatToRawIntBits(actual) >>> 31) == 1, "sign of " + Integer.toHexString(h));
        }
    }

    @Test
    void bfloat16IsTheTopHalfOfAFloat() {
        assertEquals(1f, DType.bfloat16ToFloat(0x3f80));
        assertEquals(-2f, DType.bfloat16ToFloat(0xc000));
        assertEquals(3.140625f, DType.bfloat16ToFloat(0x4049)); // pi rounded to 8 significant bits
        assertEquals(Float.POSITIVE_INFINITY, DType.bfloat16ToFloat(0x7f80));
    }

    @Test
    void readsBf16AndSkipsScalarsAndEmptyTensorsOnlyWhenAskedTo() throws IOException {
        String json = "{\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[2,0],\"data_offsets\":[4,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]}}";
        byte[] data = {0, 0, (byte) 0x80, 0x3f, (byte) 0x80, 0x3f, 0x49, 0x40};
        Path file = SafetensorsCorruptionTest.craft(dir.resolve("odd.safetensors"), json, data);
        var header = Safetensors.readHeader(file);
        assertEquals(1, header.entry("s").orElseThrow().elementCount());
        assertEquals(0, header.entry("e").orElseThrow().elementCount());
        var scalar = assertThrows(CheckpointException.class, () -> Safetensors.read(file));
        assertTrue(scalar.getMessage().contains("'s'") && scalar.getMessage().contains("scalar"), scalar.getMessage());
        var empty = assertThrows(CheckpointException.class, () -> Safetensors.read(file, n -> !n.equals("s")));
        assertTrue(empty.getMessage().contains("'e'") && empty.getMessage().contains("no elements"), empty.getMessage());
        var read = Safetensors.read(file, n -> n.equals("b"));
        assertArrayEquals(new float[] {1f, 3.140625f}, read.tensors().get("b").data());
    }

    @Test
    void writeRefusesBadNames() {
        Path file = dir.resolve("x.safetensors");
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(file, Map.of("", Tensor.zeros(1))));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(file, Map.of("__metadata__", Tensor.zeros(1))));
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("k", null);
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(file, Map.of("a", Tensor.zeros(1)), nullValue));
        assertFalse(Files.exists(file), "nothing written when the arguments are wrong");
    }
}
