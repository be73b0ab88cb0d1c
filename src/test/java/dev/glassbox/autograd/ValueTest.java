package dev.glassbox.autograd;

import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

class ValueTest {

    /** micrograd's README example, derivatives worked by hand below. */
    @Test
    void productAndSumByHand() {
        // L = (a*b + c) * f with a=2, b=-3, c=10, f=-2: e=a*b=-6, d=e+c=4, L=d*f=-8
        Value a = new Value(2, "a"), b = new Value(-3, "b"), c = new Value(10, "c"), f = new Value(-2, "f");
        Value loss = a.mul(b).add(c).mul(f);
        loss.backward();
        assertEquals(-8, loss.data());
        assertEquals(4, f.grad());          // dL/df = d = 4
        assertEquals(-2, c.grad());         // dL/dc = f = -2
        assertEquals(6, a.grad());          // dL/da = f * b = 6
        assertEquals(-4, b.grad());         // dL/db = f * a = -4
    }

    @Test
    void valueUsedTwiceGetsBothShares() {
        Value x = new Value(3);
        Value y = x.mul(x).add(x);          // y = x² + x, dy/dx = 2x + 1 = 7
        y.backward();
        assertEquals(12, y.data());
        assertEquals(7, x.grad());
    }

    @Test
    void eachUnaryOperatorMatchesItsDerivative() {
        double x0 = 0.7;
        check(Value::exp, Math::exp, x0, Math.exp(x0));
        check(Value::log, Math::log, x0, 1 / x0);
        check(Value::tanh, Math::tanh, x0, 1 - Math.tanh(x0) * Math.tanh(x0));
        check(Value::relu, x -> Math.max(0, x), x0, 1);
        check(Value::relu, x -> Math.max(0, x), -x0, 0);
        check(v -> v.pow(3), x -> x * x * x, x0, 3 * x0 * x0);
        check(v -> v.pow(-1), x -> 1 / x, x0, -1 / (x0 * x0));
        check(v -> new Value(1).div(v), x -> 1 / x, x0, -1 / (x0 * x0));
        check(v -> v.sub(5).neg(), x -> 5 - x, x0, -1);
    }

    private static void check(Function<Value, Value> op, DoubleUnaryOperator f, double x0, double derivative) {
        Value x = new Value(x0);
        Value y = op.apply(x);
        y.backward();
        assertEquals(f.applyAsDouble(x0), y.data(), 1e-12);
        assertEquals(derivative, x.grad(), 1e-12, y.op());
    }

    /** A neuron: tanh(w1 x1 + w2 x2 + b), checked against the nudge method. */
    @Test
    void neuronAgreesWithFiniteDifferences() {
        Value x1 = new Value(2), x2 = new Value(0), w1 = new Value(-3), w2 = new Value(1), b = new Value(6.8813735870195432);
        Value out = x1.mul(w1).add(x2.mul(w2)).add(b).tanh();
        out.backward();
        // by hand: n = 0.8814, tanh(n) = 0.7071, d tanh = 1 - 0.5 = 0.5; dw1 = x1 * 0.5 = 1, dx1 = w1 * 0.5 = -1.5
        assertEquals(0.7071, out.data(), 1e-4);
        assertEquals(1.0, w1.grad(), 1e-4);
        assertEquals(-1.5, x1.grad(), 1e-4);
        assertEquals(0.5, x2.grad(), 1e-4);
        assertEquals(0.0, w2.grad(), 1e-12);
        for (Value v : new Value[]{x1, x2, w1, w2, b}) {
            double h = 1e-6, original = v.data();
            v.setData(original + h);
            double plus = x1.mul(w1).add(x2.mul(w2)).add(b).tanh().data();
            v.setData(original - h);
            double minus = x1.mul(w1).add(x2.mul(w2)).add(b).tanh().data();
            v.setData(original);
            assertEquals((plus - minus) / (2 * h), v.grad(), 1e-8);
        }
    }

    @Test
    void backwardTwiceGivesTheSameGradients() {
        Value x = new Value(1.5);
        Value y = x.mul(x).exp();
        y.backward();
        double first = x.grad();
        y.backward();
        assertEquals(first, x.grad());
        assertEquals(2 * 1.5 * Math.exp(2.25), first, 1e-9);
    }

    @Test
    void topologicalOrderPutsInputsBeforeOutputs() {
        Value a = new Value(1), b = new Value(2);
        Value c = a.add(b), d = c.mul(a);
        var order = d.topologicalOrder();
        assertEquals(4, order.size());
        assertTrue(order.indexOf(a) < order.indexOf(c));
        assertTrue(order.indexOf(c) < order.indexOf(d));
        assertEquals(d, order.get(3));
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        Value x = new Value(1);
        Value y = x;
        for (int i = 0; i < 100_000; i++) y = y.add(1);
        y.backward();
        assertEquals(1, x.grad());
    }

    @Test
    void undefinedOperationsSayWhy() {
        var e = assertThrows(ArithmeticException.class, () -> new Value(-1, "x").log());
        assertTrue(e.getMessage().contains("log of -1"), e.getMessage());
        var d = assertThrows(ArithmeticException.class, () -> new Value(1).div(new Value(0, "z")));
        assertTrue(d.getMessage().contains("z=0"), d.getMessage());
    }
}
