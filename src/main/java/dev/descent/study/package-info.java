/**
 * Studies: one problem run with several optimizer configurations, listed or swept over one
 * parameter, each run an ordinary job; the study compares their outcomes and names the best.
 */
package dev.descent.study;
