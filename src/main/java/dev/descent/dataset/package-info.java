/**
 * Uploaded datasets: streaming CSV and LIBSVM readers, a compact binary file per dataset under
 * {@code descent.data-dir} (dense row-major doubles or CSR, labels, a JSON sidecar with the
 * metadata), loaded once and shared read-only by every job that names the dataset, and the kernel
 * thread pool those jobs' data passes use.
 */
package dev.descent.dataset;
