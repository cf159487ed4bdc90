package io.trainstream.examples;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.trainstream.trainer.StepOutput;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.TrainerCallback;

/**
 * A trainer with an extra array of its own, per-class loss weights, used by its train loss. Like the
 * reference's trainer attributes that are modules, such an array must live on the trainer's device;
 * {@link MoveToDeviceExample.MoveClassWeightsCallback} moves it there when a run starts.
 */
public class ClassWeightedTrainer extends Trainer {
    private NDArray classWeights;

    /**
     * @param model the model (block set)
     * @param classWeights one weight per class
     * @param callbacks the callbacks, in order
     */
    public ClassWeightedTrainer(Model model, NDArray classWeights, Iterable<? extends TrainerCallback> callbacks) {
        super(model, Loss.softmaxCrossEntropyLoss(), Optimizer.adam().build(), callbacks);
        this.classWeights = classWeights;
    }

    /** @return the per-class weights */
    public NDArray classWeights() {
        return classWeights;
    }

    /** @param weights replaces the per-class weights (e.g. a copy on another device) */
    public void setClassWeights(NDArray weights) {
        classWeights = weights;
    }

    /** Softmax cross-entropy with each sample weighted by its class's weight. */
    @Override
    protected StepOutput calculateTrainBatchLoss(Batch batch) {
        NDList outputs = session().forward(batch.getData());
        NDArray labels = batch.getLabels().head();
        NDArray oneHot = labels.toType(DataType.INT32, false).oneHot((int) classWeights.size());
        NDArray perSample = outputs.head().logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
        NDArray weights = oneHot.mul(classWeights).sum(new int[] {1});
        return new StepOutput(perSample.mul(weights).mean(), outputs, (int) labels.size());
    }
}
