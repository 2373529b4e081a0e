package dev.probe.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Arrays;

/**
 * The JSON rule for missing numbers: NaN and ±Infinity are written as {@code null} (never as the string
 * {@code "NaN"}), so a field is always a number or null; {@code null} reads back into a {@code double} or
 * {@code float} (and into their arrays) as NaN.
 */
final class NonFiniteAsNull {
    private NonFiniteAsNull() {
    }

    /** The module for {@link Json}'s mapper. */
    static SimpleModule module() {
        SimpleModule m = new SimpleModule("non-finite-as-null");
        DoubleSerializer doubles = new DoubleSerializer();
        m.addSerializer(Double.class, doubles);
        m.addSerializer(double.class, doubles);
        FloatSerializer floats = new FloatSerializer();
        m.addSerializer(Float.class, floats);
        m.addSerializer(float.class, floats);
        m.addSerializer(double[].class, new DoubleArraySerializer());
        m.addSerializer(float[].class, new FloatArraySerializer());
        m.addDeserializer(double.class, new DoubleDeserializer());
        m.addDeserializer(double[].class, new DoubleArrayDeserializer());
        return m;
    }

    private static void write(double v, JsonGenerator gen) throws IOException {
        if (Double.isFinite(v)) {
            gen.writeNumber(v);
        } else {
            gen.writeNull();
        }
    }

    private static final class DoubleSerializer extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        DoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            write(value, gen);
        }
    }

    private static final class FloatSerializer extends StdSerializer<Float> {
        private static final long serialVersionUID = 1L;

        FloatSerializer() {
            super(Float.class);
        }

        @Override
        public void serialize(Float value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Float.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class DoubleArraySerializer extends StdSerializer<double[]> {
        private static final long serialVersionUID = 1L;

        DoubleArraySerializer() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray(values, values.length);
            for (double v : values) {
                write(v, gen);
            }
            gen.writeEndArray();
        }
    }

    private static final class FloatArraySerializer extends StdSerializer<float[]> {
        private static final long serialVersionUID = 1L;

        FloatArraySerializer() {
            super(float[].class);
        }

        @Override
        public void serialize(float[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray(values, values.length);
            for (float v : values) {
                if (Float.isFinite(v)) {
                    gen.writeNumber(v);
                } else {
                    gen.writeNull();
                }
            }
            gen.writeEndArray();
        }
    }

    private static final class DoubleDeserializer extends StdDeserializer<Double> {
        private static final long serialVersionUID = 1L;

        DoubleDeserializer() {
            super(double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return value(p, ctxt);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }

    private static double value(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) { // files written before this rule held "NaN"
            String text = p.getText().strip();
            if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
                return Double.parseDouble(text);
            }
        }
        return (Double) ctxt.handleUnexpectedToken(double.class, p);
    }

    private static final class DoubleArrayDeserializer extends StdDeserializer<double[]> {
        private static final long serialVersionUID = 1L;

        DoubleArrayDeserializer() {
            super(double[].class);
        }

        @Override
        public double[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartArrayToken()) {
                return (double[]) ctxt.handleUnexpectedToken(double[].class, p);
            }
            double[] out = new double[8];
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, 2 * n);
                }
                out[n++] = value(p, ctxt);
            }
            return Arrays.copyOf(out, n);
        }
    }
}
