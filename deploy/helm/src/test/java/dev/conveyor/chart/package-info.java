/** Tests of the Helm chart: rendered by Helm (helm-java), parsed as Kubernetes objects (fabric8), asserted. */
package dev.conveyor.chart;
