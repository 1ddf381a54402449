package dev.descent.dataset;

/** Whether a queued or running job uses a dataset; a dataset in use cannot be deleted. */
public interface DatasetUsage {
    boolean inUse(String datasetId);
}
