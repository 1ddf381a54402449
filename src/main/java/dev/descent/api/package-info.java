/**
 * The HTTP edge: controllers, the job and catalogue views, JSON strictness (unknown fields,
 * non-finite and coerced numbers, parser limits), the request-size cap and the problem+json
 * error answers.
 */
package dev.descent.api;
