/**
 * Who is calling and how much they may hold: API keys checked at the HTTP edge
 * ({@code descent.security.*}), the client a request acts for ({@link dev.descent.security.Client}),
 * rate limits per client and, for requests without a valid key, per remote address, per-client
 * quotas on queued and running jobs and on dataset storage ({@link dev.descent.security.ClientQuotas},
 * counted by the job and dataset stores), and the operator command that mints keys
 * ({@link dev.descent.security.MintKey}). See {@code docs/security.md}.
 */
package dev.descent.security;
