/**
 * Who is calling: API keys checked at the HTTP edge ({@code descent.security.*}), the client a
 * request acts for ({@link dev.descent.security.Client}), per-client rate limits, and the operator
 * command that mints keys ({@link dev.descent.security.MintKey}). See {@code docs/security.md}.
 */
package dev.descent.security;
