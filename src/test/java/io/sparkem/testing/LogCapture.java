package io.sparkem.testing;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures what the {@code io.sparkem} logger writes (the progress lines) while open; the console
 * appender writes to the stderr the JVM started with, which {@link Cli} cannot redirect.
 */
public final class LogCapture implements AutoCloseable {

  private static final String NAME = "spark-em-test-capture";

  private final StringWriter text = new StringWriter();
  private final WriterAppender appender;

  public LogCapture() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender = WriterAppender.newBuilder().setName(NAME).setTarget(text)
        .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build()).build();
    appender.start();
    config.addAppender(appender);
    config.getLoggerConfig("io.sparkem").addAppender(appender, Level.INFO, null);
    context.updateLoggers();
  }

  /** Everything logged so far, one message per line. */
  public String text() {
    return text.toString();
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getLoggerConfig("io.sparkem").removeAppender(NAME);
    context.updateLoggers();
    appender.stop();
  }
}
