package dev.glassbox.io;

import java.util.Optional;

/**
 * The element types a safetensors header may name, with their size in bytes. All are accepted in a
 * header (so a file's layout can be checked and listed); only the floating-point ones F32, F16
 * and BF16 can be loaded into a {@code float[]}.
 */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), F8_E4M3(1), F8_E5M2(1),
    I64(8), I32(4), I16(2), I8(1), U64(8), U32(4), U16(2), U8(1), BOOL(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** True if {@link Safetensors} can load it as floats. */
    public boolean loadable() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** The dtype with this exact header name ("F32"), if any. */
    public static Optional<DType> byName(String name) {
        for (DType d : values()) if (d.name().equals(name)) return Optional.of(d);
        return Optional.empty();
    }

    /**
     * IEEE 754 half precision (1 sign, 5 exponent, 10 mantissa bits) to float; exact, since every
     * half is a float. Written out because {@code Float.float16ToFloat} needs Java 20.
     */
    static float halfToFloat(int half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13)); // inf, NaN
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f; // 0.mantissa * 2^-14
            return sign == 0 ? subnormal : -subnormal;
        }
        // rebias the exponent from 15 to 127 and widen the mantissa from 10 to 23 bits
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** bfloat16 is the upper half of a float's bits: shift it back into place. */
    static float bfloat16ToFloat(int bf16) {
        return Float.intBitsToFloat((bf16 & 0xffff) << 16);
    }
}
