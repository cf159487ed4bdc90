package io.trainstream.trainer.callback.builtin;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.util.Pair;
import io.trainstream.trainer.EvalConfig;
import io.trainstream.trainer.Trainer;
import io.trainstream.trainer.callback.builtin.TrainingFixtures.EventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.trainstream.trainer.callback.builtin.TrainingFixtures.blobs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.epochs;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.mlp;
import static io.trainstream.trainer.callback.builtin.TrainingFixtures.trainer;
import static org.assertj.core.api.Assertions.assertThat;

class MoveModulesToDeviceCallbackTest {

    private final MoveModulesToDeviceCallback testSubject = new MoveModulesToDeviceCallback();
    private Model model;
    private NDManager manager;
    private ArrayDataset data;

    @BeforeEach
    void createModelAndData() {
        model = mlp("move-modules");
        manager = NDManager.newBaseManager();
        data = blobs(manager, 64, 1);
    }

    @AfterEach
    void close() {
        manager.close();
        model.close();
    }

    private List<Device> parameterDevices() {
        List<Device> devices = new ArrayList<>();
        for (Pair<String, Parameter> pair : model.getBlock().getParameters()) {
            devices.add(pair.getValue().getArray().getDevice());
        }
        return devices;
    }

    @Test
    void everyParameterIsOnTheTrainersDeviceAfterATrainingRunStarts() {
        List<Device> devicesAtRunStart = new ArrayList<>();
        List<Device> trainerDevice = new ArrayList<>();
        EventLog after = new EventLog().on("trainingRunStart", t -> {
            devicesAtRunStart.addAll(parameterDevices());
            trainerDevice.add(t.device());
        });
        try (Trainer trainer = trainer(model, testSubject, after)) {
            trainer.train(data, epochs(1).build());

            assertThat(devicesAtRunStart).isNotEmpty().containsOnly(trainerDevice.get(0));
            assertThat(trainerDevice.get(0)).isEqualTo(Device.cpu());
        }
    }

    @Test
    void everyParameterIsOnTheTrainersDeviceAfterAnEvaluationRunStarts() {
        List<Device> devicesAtRunStart = new ArrayList<>();
        EventLog after = new EventLog().on("evaluationRunStart", t -> devicesAtRunStart.addAll(parameterDevices()));
        try (Trainer trainer = trainer(model, testSubject, after)) {
            trainer.evaluate(data, EvalConfig.withBatchSize(32));

            assertThat(devicesAtRunStart).isNotEmpty().containsOnly(trainer.device());
        }
    }
}
