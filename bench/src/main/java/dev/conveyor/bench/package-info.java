/**
 * End-to-end benchmarks of Conveyor against the queue service's own ceiling and a hand-written consumer, measured
 * in one process tree and one run, reported as ratios (bench/README.md).
 */
package dev.conveyor.bench;
