package dev.descent.api;

import java.util.List;

/** A page of jobs, newest first; {@code nextCursor} is null on the last page. */
record JobPage(List<JobView> items, String nextCursor) {}
