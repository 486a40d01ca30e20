package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** submit/em starts the JVM with exactly the module options Spark itself asks for. */
class JvmFlagsTest {

  @Test
  void launcherFlagsAreSparksDefaultModuleOptions() throws Exception {
    String flags = Files.readString(Path.of("submit", "jvm-flags")).strip();
    assertThat(flags).isEqualTo(JavaModuleOptions.defaultModuleOptions());
  }
}
