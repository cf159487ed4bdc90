package io.trainstream.trainer.data;

/** What a model learns from the label column. */
public enum Task {

    /** The label names a class; the model outputs one score per class (softmax cross-entropy). */
    CLASSIFICATION,

    /** The label is a number; the model outputs it (mean squared error). */
    REGRESSION
}
