package io.trainstream.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import java.util.ArrayList;
import java.util.List;

/** Removes the rows of an array that consist entirely of a padding value (the reference's gather clean-up). */
final class PaddingRows {

    private PaddingRows() {}

    static NDArray drop(NDArray array, Number paddingValue) {
        if (paddingValue == null || array.getShape().dimension() == 0) {
            return array;
        }
        long rows = array.getShape().get(0);
        int[] allPad = array.eq(paddingValue).reshape(rows, -1).toType(DataType.INT32, false)
                .min(new int[] {1}).toIntArray();
        List<Long> keep = new ArrayList<>();
        for (int i = 0; i < allPad.length; i++) {
            if (allPad[i] == 0) {
                keep.add((long) i);
            }
        }
        if (keep.size() == allPad.length) {
            return array;
        }
        long[] indices = keep.stream().mapToLong(Long::longValue).toArray();
        return array.get(array.getManager().create(indices));
    }
}
