package io.trainstream.trainer.checkpoint;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Maps a block's parameter ids (random per instance) to their stable names and back. */
final class ParameterIds {

    private final Map<String, String> idToName = new HashMap<>();
    private final Map<String, String> nameToId = new HashMap<>();

    private ParameterIds() {}

    static ParameterIds of(Block block) {
        ParameterIds ids = new ParameterIds();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            ids.idToName.put(pair.getValue().getId(), pair.getKey());
            ids.nameToId.put(pair.getKey(), pair.getValue().getId());
        }
        return ids;
    }

    String nameOf(String id) throws IOException {
        String name = idToName.get(id);
        if (name == null) {
            throw new IOException("optimizer state refers to parameter id " + id + " that is not in the model");
        }
        return name;
    }

    String idOf(String name) throws IOException {
        String id = nameToId.get(name);
        if (id == null) {
            throw new IOException("checkpoint has optimizer state for parameter '" + name
                    + "', which this model does not have; parameters: " + nameToId.keySet());
        }
        return id;
    }
}
