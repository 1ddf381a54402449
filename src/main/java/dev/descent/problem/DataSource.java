package dev.descent.problem;

import java.util.Optional;

/** Where problems find uploaded datasets by id (the dataset service implements it). */
public interface DataSource {

    /** The dataset, in whatever state it is, or empty when there is none with that id. */
    Optional<DataTable> find(String id);
}
