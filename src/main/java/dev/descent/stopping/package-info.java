/** When a run ends: the stopping criteria of a request, their evaluation, and the reasons reported. */
package dev.descent.stopping;
