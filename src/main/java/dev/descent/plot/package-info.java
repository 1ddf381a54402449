/**
 * SVG pictures of runs: line charts of loss and gradient norm (linear or log axes with readable
 * ticks, several series with a legend) and contour maps of two-variable objectives with the
 * optimizer's path, written by a small SVG writer of our own.
 */
package dev.descent.plot;
