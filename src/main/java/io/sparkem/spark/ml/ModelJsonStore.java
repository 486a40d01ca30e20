package io.sparkem.spark.ml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * How the fitted models save and load: Spark ML's own metadata (class, uid, params) plus
 * {@code data/model.json}, the file {@code submit/em fit} writes, so {@code submit/em predict
 * --model DIR/data/model.json} reads a saved model.
 */
final class ModelJsonStore {

  /** Where model.json sits inside a saved model's directory. */
  static final String MODEL_FILE = "data/model.json";

  private ModelJsonStore() {}

  /** Writes {@code model}'s metadata and {@code json}. */
  static MLWriter writer(Params model, String json) {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
        Path file = new Path(path, MODEL_FILE);
        try {
          FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
          try (OutputStream out = fs.create(file, true)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + file, e);
        }
      }
    };
  }

  /** Reads a model of class {@code type} made by {@code make(uid, json)}, then sets its saved params. */
  static <T extends Params> MLReader<T> reader(Class<T> type, BiFunction<String, String, T> make) {
    return new MLReader<>() {
      @Override
      public T load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$
            .loadMetadata(path, sparkSession(), type.getName());
        Path file = new Path(path, MODEL_FILE);
        String json;
        try (InputStream in = file.getFileSystem(sc().hadoopConfiguration()).open(file)) {
          json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file, e);
        }
        T model = make.apply(metadata.uid(), json);
        metadata.getAndSetParams(model, scala.Option.empty());
        return model;
      }
    };
  }
}
