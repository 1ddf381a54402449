/**
 * Request configuration support shared by problems, optimizers, schedules and stopping rules:
 * collected field violations with their paths, the service limits, descriptions that feed the
 * catalogues, and the catalogue built from the spec records themselves.
 */
package dev.descent.spec;
