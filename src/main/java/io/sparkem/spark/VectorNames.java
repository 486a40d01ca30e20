package io.sparkem.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

/** The feature names of an ml Vector column, for model.json's {@code features}. */
public final class VectorNames {

  private VectorNames() {}

  /**
   * The names VectorAssembler writes into the column's ML attributes, else {@code col[0]},
   * {@code col[1]}, ... for the size of the first vector.
   */
  public static List<String> of(Dataset<?> dataset, String column) {
    AttributeGroup group = AttributeGroup.fromStructField(field(dataset, column));
    int size = group.size();
    List<String> names = new ArrayList<>();
    if (group.attributes().isDefined()) {
      for (var a : group.attributes().get()) {
        names.add(a.name().isDefined() ? a.name().get() : column + "[" + names.size() + "]");
      }
      return names;
    }
    if (size < 0) { // no attributes (the vectors were not made by VectorAssembler): the first vector's size
      List<Row> first = dataset.toDF().select(column).where(functions.col(column).isNotNull()).limit(1)
          .collectAsList();
      if (first.isEmpty()) {
        throw new IllegalArgumentException("column '" + column + "' has no vectors (the Dataset is "
            + "empty or every value is null); give fit a Dataset with at least one row");
      }
      size = ((Vector) first.get(0).get(0)).size();
    }
    for (int i = 0; i < size; i++) {
      names.add(column + "[" + i + "]");
    }
    return names;
  }

  private static StructField field(Dataset<?> dataset, String name) {
    for (StructField f : dataset.schema().fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("column '" + name + "' does not exist; columns: "
        + String.join(", ", dataset.schema().fieldNames()));
  }
}
