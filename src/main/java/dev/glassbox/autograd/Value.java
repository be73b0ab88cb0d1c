package dev.glassbox.autograd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One number that remembers how it was computed, so the chain rule can run backwards through it.
 *
 * <p>Each operation creates a new {@code Value} and a small {@code backwardStep} that knows the local
 * derivative of that one operation. {@link #backward()} orders the graph topologically and, from the
 * output back to the inputs, multiplies each local derivative by the gradient arriving from above
 * (the chain rule) and adds it into the inputs' {@code grad} (a value used twice gets both shares).
 *
 * <p>After micrograd's {@code engine.py}, in Java, with {@code double} so hand-derived derivatives
 * match to many digits.
 */
public final class Value {
    private double data;
    private double grad;
    private final Value[] parents;
    private final String op;
    private String label = "";
    private Runnable backwardStep = () -> {};

    public Value(double data) {
        this(data, new Value[0], "");
    }

    public Value(double data, String label) {
        this(data);
        this.label = label;
    }

    private Value(double data, Value[] parents, String op) {
        if (Double.isNaN(data)) {
            throw new ArithmeticException("operation '" + op + "' produced NaN from " + describe(parents));
        }
        this.data = data;
        this.parents = parents;
        this.op = op;
    }

    public double data() { return data; }

    /** dOutput/dThis after {@link #backward()} has run on the output. */
    public double grad() { return grad; }

    public String op() { return op; }

    public String label() { return label; }

    public Value label(String name) {
        this.label = name;
        return this;
    }

    /** The values this one was computed from (empty for an input). */
    public List<Value> parents() { return List.of(parents); }

    /** Changes an input's number, e.g. to nudge it for a finite difference. */
    public void setData(double data) { this.data = data; }

    public Value add(Value other) {
        Value out = new Value(data + other.data, new Value[]{this, other}, "+");
        out.backwardStep = () -> {           // d(a+b)/da = 1, d(a+b)/db = 1
            this.grad += out.grad;
            other.grad += out.grad;
        };
        return out;
    }

    public Value add(double other) { return add(new Value(other)); }

    public Value mul(Value other) {
        Value out = new Value(data * other.data, new Value[]{this, other}, "*");
        out.backwardStep = () -> {           // d(ab)/da = b, d(ab)/db = a
            this.grad += other.data * out.grad;
            other.grad += this.data * out.grad;
        };
        return out;
    }

    public Value mul(double other) { return mul(new Value(other)); }

    /** this^exponent for a constant exponent. */
    public Value pow(double exponent) {
        if (data == 0 && exponent < 0) {
            throw new ArithmeticException("0 raised to the negative power " + exponent + " is undefined");
        }
        Value out = new Value(Math.pow(data, exponent), new Value[]{this}, "^" + fmt(exponent));
        out.backwardStep = () ->              // d(x^n)/dx = n x^(n-1)
                this.grad += exponent * Math.pow(data, exponent - 1) * out.grad;
        return out;
    }

    public Value neg() { return mul(-1); }

    public Value sub(Value other) { return add(other.neg()); }

    public Value sub(double other) { return add(-other); }

    public Value div(Value other) {
        if (other.data == 0) throw new ArithmeticException("division by zero: " + describe(new Value[]{this, other}));
        return mul(other.pow(-1));
    }

    public Value div(double other) { return div(new Value(other)); }

    public Value exp() {
        double e = Math.exp(data);
        if (Double.isInfinite(e)) throw new ArithmeticException("exp(" + data + ") overflows a double");
        Value out = new Value(e, new Value[]{this}, "exp");
        out.backwardStep = () -> this.grad += e * out.grad;          // d(e^x)/dx = e^x
        return out;
    }

    public Value log() {
        if (data <= 0) throw new ArithmeticException("log of " + data + " is undefined (needs a positive number)");
        Value out = new Value(Math.log(data), new Value[]{this}, "log");
        out.backwardStep = () -> this.grad += out.grad / data;       // d(ln x)/dx = 1/x
        return out;
    }

    public Value tanh() {
        double t = Math.tanh(data);
        Value out = new Value(t, new Value[]{this}, "tanh");
        out.backwardStep = () -> this.grad += (1 - t * t) * out.grad; // d(tanh x)/dx = 1 − tanh² x
        return out;
    }

    public Value relu() {
        Value out = new Value(Math.max(0, data), new Value[]{this}, "relu");
        out.backwardStep = () -> this.grad += (data > 0 ? 1 : 0) * out.grad;
        return out;
    }

    /**
     * Sets this value's gradient to 1 (dOut/dOut) and applies the chain rule to every value it was
     * computed from, each one after all the values that use it.
     */
    public void backward() {
        List<Value> order = topologicalOrder();
        for (Value v : order) v.grad = 0;
        grad = 1;
        for (int i = order.size() - 1; i >= 0; i--) order.get(i).backwardStep.run();
    }

    /** Every value in the graph, inputs first and this one last. */
    public List<Value> topologicalOrder() {
        List<Value> order = new ArrayList<>();
        Set<Value> seen = new HashSet<>();
        // iterative depth-first search, so deep graphs don't overflow the stack
        List<Value> stack = new ArrayList<>(List.of(this));
        List<Integer> next = new ArrayList<>(List.of(0));
        seen.add(this);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Value v = stack.get(top);
            int i = next.get(top);
            if (i < v.parents.length) {
                next.set(top, i + 1);
                Value p = v.parents[i];
                if (seen.add(p)) {
                    stack.add(p);
                    next.add(0);
                }
            } else {
                order.add(v);
                stack.remove(top);
                next.remove(top);
            }
        }
        return order;
    }

    @Override
    public String toString() {
        String name = label.isEmpty() ? "" : label + " ";
        return String.format(Locale.ROOT, "Value(%sdata=%s, grad=%s)", name, fmt(data), fmt(grad));
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e9 ? String.valueOf((long) x) : String.format(Locale.ROOT, "%.6g", x);
    }

    private static String describe(Value[] values) {
        StringBuilder s = new StringBuilder();
        for (Value v : values) s.append(s.length() == 0 ? "" : ", ").append(v.label.isEmpty() ? fmt(v.data) : v.label + "=" + fmt(v.data));
        return s.toString();
    }
}
