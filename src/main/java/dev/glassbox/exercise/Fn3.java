package dev.glassbox.exercise;

/** A function of three arguments, for function exercises whose method takes three parameters. */
@FunctionalInterface
public interface Fn3<A, B, C, R> {
    R apply(A a, B b, C c);
}
