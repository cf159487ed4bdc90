package io.trainstream.trainer.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Saves and restores the state of a DJL optimizer: its per-parameter state arrays (Adam's moments, SGD's
 * momentum, ...), its per-parameter update counts and its global update count.
 *
 * <p>DJL keeps this state in private fields with no accessor, and a resumed run must continue with the
 * same moments to reproduce an uninterrupted one, so it is read by reflection: every field of type
 * {@code Map<String, Map<Device, NDArray>>} in the optimizer's class hierarchy, plus
 * {@code updateCounts} and {@code numUpdate} of {@link Optimizer}. This works for every optimizer DJL
 * ships; a custom optimizer that keeps state elsewhere is saved without it. DJL keys the state by
 * parameter id, a random UUID per parameter instance, so the file keys it by parameter name instead
 * and maps names back to the ids of the model it is loaded into.
 */
final class OptimizerStateIO {

    private static final int FORMAT = 1;

    private OptimizerStateIO() {}

    static void write(Optimizer optimizer, Block block, DataOutputStream out) throws IOException {
        ParameterIds ids = ParameterIds.of(block);
        out.writeInt(FORMAT);
        List<Field> stateFields = stateFields(optimizer.getClass());
        out.writeInt(stateFields.size());
        for (Field field : stateFields) {
            Map<String, Map<Device, NDArray>> state = read(field, optimizer);
            out.writeUTF(field.getDeclaringClass().getName() + "#" + field.getName());
            out.writeInt(state == null ? 0 : state.size());
            if (state == null) {
                continue;
            }
            for (Map.Entry<String, Map<Device, NDArray>> param : state.entrySet()) {
                out.writeUTF(ids.nameOf(param.getKey()));
                out.writeInt(param.getValue().size());
                for (Map.Entry<Device, NDArray> onDevice : param.getValue().entrySet()) {
                    out.writeUTF(onDevice.getKey().getDeviceType());
                    out.writeInt(onDevice.getKey().getDeviceId());
                    byte[] bytes = onDevice.getValue().encode();
                    out.writeInt(bytes.length);
                    out.write(bytes);
                }
            }
        }
        Map<String, Integer> counts = read(baseField("updateCounts"), optimizer);
        out.writeInt(counts.size());
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            out.writeUTF(ids.nameOf(count.getKey()));
            out.writeInt(count.getValue());
        }
        try {
            out.writeInt(baseField("numUpdate").getInt(optimizer));
        } catch (IllegalAccessException e) {
            throw new IOException("cannot read optimizer update count", e);
        }
    }

    /** Copies the state off the engine, keyed by field name and parameter name (see {@link OptimizerState}). */
    static OptimizerState snapshot(Optimizer optimizer, Block block) throws IOException {
        ParameterIds ids = ParameterIds.of(block);
        Map<String, Map<String, float[]>> byField = new java.util.TreeMap<>();
        for (Field field : stateFields(optimizer.getClass())) {
            Map<String, Map<Device, NDArray>> state = read(field, optimizer);
            Map<String, float[]> byParameter = new java.util.TreeMap<>();
            if (state != null) {
                for (Map.Entry<String, Map<Device, NDArray>> param : state.entrySet()) {
                    // one process, one device: the first copy is the state
                    NDArray array = param.getValue().values().iterator().next();
                    byParameter.put(ids.nameOf(param.getKey()), array.toFloatArray());
                }
            }
            byField.put(field.getName(), byParameter);
        }
        Map<String, Integer> counts = new java.util.TreeMap<>();
        Map<String, Integer> raw = read(baseField("updateCounts"), optimizer);
        for (Map.Entry<String, Integer> count : raw.entrySet()) {
            counts.put(ids.nameOf(count.getKey()), count.getValue());
        }
        try {
            return new OptimizerState(baseField("numUpdate").getInt(optimizer), counts, byField);
        } catch (IllegalAccessException e) {
            throw new IOException("cannot read optimizer update count", e);
        }
    }

    static void read(Optimizer optimizer, Block block, DataInputStream in, NDManager manager) throws IOException {
        ParameterIds ids = ParameterIds.of(block);
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("unknown optimizer state format " + format);
        }
        int fields = in.readInt();
        for (int f = 0; f < fields; f++) {
            String fieldId = in.readUTF();
            Field field = fieldById(optimizer.getClass(), fieldId);
            Map<String, Map<Device, NDArray>> state = new ConcurrentHashMap<>();
            int params = in.readInt();
            for (int p = 0; p < params; p++) {
                String paramId = ids.idOf(in.readUTF());
                Map<Device, NDArray> perDevice = new ConcurrentHashMap<>();
                int devices = in.readInt();
                for (int d = 0; d < devices; d++) {
                    Device device = Device.of(in.readUTF(), in.readInt());
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    NDArray array = manager.decode(bytes);
                    perDevice.put(device, array.toDevice(device, false));
                }
                state.put(paramId, perDevice);
            }
            write(field, optimizer, state);
        }
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        int countEntries = in.readInt();
        for (int i = 0; i < countEntries; i++) {
            counts.put(ids.idOf(in.readUTF()), in.readInt());
        }
        write(baseField("updateCounts"), optimizer, counts);
        try {
            baseField("numUpdate").setInt(optimizer, in.readInt());
        } catch (IllegalAccessException e) {
            throw new IOException("cannot restore optimizer update count", e);
        }
    }

    private static List<Field> stateFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && isStateMap(field.getGenericType())) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static boolean isStateMap(Type type) {
        if (!(type instanceof ParameterizedType outer) || outer.getRawType() != Map.class) {
            return false;
        }
        Type[] args = outer.getActualTypeArguments();
        return args[0] == String.class && args[1] instanceof ParameterizedType inner && inner.getRawType() == Map.class
                && inner.getActualTypeArguments()[0] == Device.class && inner.getActualTypeArguments()[1] == NDArray.class;
    }

    private static Field fieldById(Class<?> type, String id) throws IOException {
        for (Field field : stateFields(type)) {
            if ((field.getDeclaringClass().getName() + "#" + field.getName()).equals(id)) {
                return field;
            }
        }
        throw new IOException("optimizer " + type.getName() + " has no state field " + id
                + "; the checkpoint was saved with another optimizer");
    }

    private static Field baseField(String name) {
        try {
            Field field = Optimizer.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this DJL version's Optimizer has no field " + name, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T read(Field field, Object target) throws IOException {
        try {
            return (T) field.get(target);
        } catch (IllegalAccessException e) {
            throw new IOException("cannot read optimizer field " + field.getName(), e);
        }
    }

    private static void write(Field field, Object target, Object value) throws IOException {
        try {
            if (Modifier.isFinal(field.getModifiers())) {
                @SuppressWarnings("unchecked")
                Map<Object, Object> existing = (Map<Object, Object>) field.get(target);
                existing.clear();
                existing.putAll((Map<?, ?>) value);
            } else {
                field.set(target, value);
            }
        } catch (IllegalAccessException e) {
            throw new IOException("cannot restore optimizer field " + field.getName(), e);
        }
    }
}
