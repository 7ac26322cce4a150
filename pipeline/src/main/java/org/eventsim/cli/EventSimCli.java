package org.eventsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import java.math.BigDecimal;
import org.apache.beam.sdk.options.StreamingOptions;
import org.eventsim.EventSimPipeline;
import org.eventsim.live.LiveStop;
import org.eventsim.live.PlayLive;
import org.eventsim.model.Timestamps;
import org.eventsim.options.KafkaTarget;
import org.eventsim.options.LivePlan;
import org.eventsim.options.EventSimOptions;
import org.eventsim.options.RunConfig;
import org.eventsim.options.UsageException;
import org.eventsim.output.FileSystemSetup;
import org.eventsim.output.OutputLocation;
import org.eventsim.sink.kafka.KafkaPreflight;

/**
 * The {@code event-sim} command: parse and validate the flags, prepare the output folder, run the
 * pipeline on the chosen runner with a progress line, and exit with 0 (success), 2 (bad input,
 * nothing written) or 1 (the run failed; no stats.json).
 *
 * <p>Runner modules call {@link #run} with their {@link RunnerSetup}: defaults for their runner,
 * which the user's flags override, and a check of the servers it needs.
 */
public final class EventSimCli {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("missing a property named '([^']+)'");
  private static final Pattern UNKNOWN_RUNNER =
      Pattern.compile("Unknown 'runner' specified '([^']*)', supported pipeline runners \\[([^\\]]*)\\]");

  private EventSimCli() {}

  /** How long the JVM may take to exit after the command is done before it is halted. */
  private static final long EXIT_GRACE_MILLIS = 10_000;

  public static void main(String[] args) {
    runAsCommand(args, () -> RunnerSetup.NONE);
  }

  /**
   * Runs the command as its own process and exits: the process gets its own temporary folder
   * ({@link ProcessTemp}), SIGINT, SIGTERM and SIGHUP stop the run ({@link StopSignals}), and the
   * JVM exits within {@value #EXIT_GRACE_MILLIS} ms of the end whatever the libraries' exit hooks do.
   *
   * @param runner the runner module's setup, made once the temporary folder is in place
   */
  public static void runAsCommand(String[] args, java.util.function.Supplier<RunnerSetup> runner) {
    ProcessTemp.install();
    int code = run(args, runner.get(), System.out, System.err, Clock.systemUTC(), true);
    System.out.flush();
    System.err.flush();
    Thread halt =
        new Thread(
            () -> {
              try {
                Thread.sleep(EXIT_GRACE_MILLIS);
              } catch (InterruptedException ignored) {
                // exiting anyway
              }
              ProcessTemp.deleteNow();
              Runtime.getRuntime().halt(code);
            },
            "event-sim-exit");
    halt.setDaemon(true);
    halt.start();
    System.exit(code);
  }

  /**
   * Runs the command inside this JVM (for tests and other programs): signals are left to the JVM.
   *
   * @param args the command line
   * @param runner the runner module's defaults and preflight check
   * @return the exit code
   */
  public static int run(
      String[] args, RunnerSetup runner, PrintStream out, PrintStream err, Clock clock) {
    return run(args, runner, out, err, clock, false);
  }

  private static int run(
      String[] args, RunnerSetup runner, PrintStream out, PrintStream err, Clock clock, boolean ownProcess) {
    try {
      return runOnce(args, runner, out, err, clock, ownProcess);
    } finally {
      runner.close();
    }
  }

  private static int runOnce(
      String[] args, RunnerSetup runner, PrintStream out, PrintStream err, Clock clock, boolean ownProcess) {
    long started = System.nanoTime();
    RunConfig config;
    EventSimOptions options;
    Pipeline pipeline;
    OutputLocation output;
    String runnerChosenBy;
    BatchStop stop = null;
    try {
      CommandLine.Parsed parsed = CommandLine.parse(args);
      if (parsed.help()) {
        printHelp(parsed.helpTopic(), out);
        return EXIT_OK;
      }
      runnerChosenBy = runnerChosenBy(parsed.beamArgs());
      options = toOptions(withDefaults(parsed.beamArgs(), runner.defaults()));
      Timing.mark(err, "options parsed");
      config = RunConfig.from(options, parsed.toolFlags(), clock);
      EventSimPipeline.validate(config);
      runner.validate(options);
      if (config.live() == null) {
        FileSystemSetup.configure(options, config.out(), config.s3Endpoint());
      }
      pipeline = createPipeline(options);
      Timing.mark(err, "pipeline created");
      if (ownProcess) {
        if (config.live() != null) {
          StopSignals.install(err, liveStop(err, runner, options));
        } else {
          stop = new BatchStop(err, runner, options);
          StopSignals.install(err, stop);
        }
      }
      runner.preflight(options, config);
      if (config.kafka() != null) {
        checkKafka(config.kafka(), err);
      }
      if (config.live() != null) {
        checkKafka(config.kafka().withTopic(PlayLive.answerKeyTopic(config.kafka().topic()), 1), err);
        options.as(StreamingOptions.class).setStreaming(true);
        output = null;
      } else {
        output =
            OutputLocation.prepare(
                config.out(), config.generator(), config.settings(), config.fileFormat(), options,
                config.takeOverLease(), clock);
      }
      Timing.mark(err, "output prepared");
    } catch (UsageException e) {
      err.println("event-sim: " + e.getMessage());
      return EXIT_USAGE;
    } catch (UnavailableException e) {
      err.println("event-sim: " + e.getMessage());
      return EXIT_FAILED;
    } catch (OutputLocation.Refused e) {
      err.println("event-sim: " + e.getMessage());
      return e.badInput() ? EXIT_USAGE : EXIT_FAILED;
    }

    if (config.live() != null) {
      return runLive(pipeline, config, runner, options, runnerChosenBy, out, err, started);
    }
    String runnerName = options.getRunner().getSimpleName();
    AtomicReference<PipelineResult> running = new AtomicReference<>();
    if (stop != null) {
      stop.running(output, running::get);
    }
    try {
      EventSimPipeline.build(pipeline, config, output.layout());
      Timing.mark(err, "pipeline built");
      Progress progress =
          new Progress(config.generator().numOrders(), config.writeFiles(), err, started);
      PipelineResult result = execute(pipeline, runner, options, progress, running);
      Timing.mark(err, "pipeline finished");
      if (stop != null && !stop.beginCommit()) {
        awaitHalt(); // asked to stop: the stop removes what the run wrote and ends the process
      }
      progress.committing();
      long files = output.commit(config.generator(), config.writeFiles());
      Timing.mark(err, "committed");
      RunFigures figures = RunFigures.of(result);
      double seconds = (System.nanoTime() - started) / 1e9;
      err.printf(
          Locale.ROOT,
          "event-sim: wrote %,d events of %,d orders to %s in %.1f s (%,.0f events/s, %s)%n",
          figures.events(), figures.orders(), config.outDirAsGiven(), seconds,
          figures.events() / Math.max(seconds, 1e-9), runnerName);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("status", "ok");
      summary.put("runner", runnerName);
      summary.put("runner_chosen_by", runnerChosenBy);
      summary.put("orders", figures.orders());
      summary.put("events", figures.events());
      summary.put("files", files);
      summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
      summary.put("out_dir", config.outDirAsGiven());
      out.println(new ObjectMapper().writeValueAsString(summary));
      return EXIT_OK;
    } catch (Exception | LinkageError e) {
      if (stop != null && !stop.beginCommit()) {
        awaitHalt(); // the job failed because the stop cancelled it
      }
      reportFailure("the run", e, err);
      String cleanup = output.abort();
      if (cleanup != null) {
        err.println("event-sim: " + cleanup);
      }
      err.println("event-sim: " + config.outDirAsGiven() + " holds no stats.json of this run: it was not committed");
      return EXIT_FAILED;
    }
  }

  /** Checks the brokers and the topic of {@code target}, creating it if missing; says what it found. */
  private static void checkKafka(KafkaTarget target, PrintStream err) throws UnavailableException {
    try {
      err.println("event-sim: Kafka " + target.bootstrapServers() + ": " + KafkaPreflight.check(target));
    } catch (IOException e) {
      throw new UnavailableException(e.getMessage());
    }
  }

  /**
   * Runs a live job until its {@code --until}, or until SIGINT or SIGTERM asks it to stop: then
   * its players end their splits, the job drains and flushes what it published, and the command
   * prints its summary and exits 0.
   */
  private static int runLive(
      Pipeline pipeline, RunConfig config, RunnerSetup runner, EventSimOptions options,
      String runnerChosenBy, PrintStream out, PrintStream err, long started) {
    LivePlan plan = config.live();
    String runnerName = options.getRunner().getSimpleName();
    String topic = config.kafka().topic();
    err.printf(
        Locale.ROOT,
        "event-sim: live: publishing to %s (answer key: %s) from %s%s at %s simulated seconds per second;"
            + " %s%n",
        topic, PlayLive.answerKeyTopic(topic), Timestamps.format(plan.startMicros()),
        plan.bounded() ? " until " + Timestamps.format(plan.untilMicros()) : "",
        BigDecimal.valueOf(plan.speed()).stripTrailingZeros().toPlainString(),
        plan.bounded() ? "SIGINT or SIGTERM stops it early" : "SIGINT or SIGTERM stops it");
    try {
      EventSimPipeline.build(pipeline, config, null);
      PipelineResult result;
      try {
        result = execute(pipeline, runner, options, new LiveProgress(err, started), new AtomicReference<>());
      } catch (JobEndedException e) {
        if (!LiveStop.requested()) {
          throw e;
        }
        result = null; // a job on a cluster, cancelled on request: what it published stays published
      }
      RunFigures figures = result == null ? new RunFigures(0, 0) : RunFigures.of(result);
      double seconds = (System.nanoTime() - started) / 1e9;
      boolean stopped = LiveStop.requested();
      err.printf(
          Locale.ROOT,
          "event-sim: live: published %,d events to %s in %.1f s (%s, %s)%n",
          figures.events(), topic, seconds, runnerName,
          stopped ? "stopped by a signal" : "reached --until");
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("status", "ok");
      summary.put("mode", "live");
      summary.put("runner", runnerName);
      summary.put("runner_chosen_by", runnerChosenBy);
      summary.put("events", figures.events());
      summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
      summary.put("ended_by", stopped ? "signal" : "until");
      summary.put("kafka_topic", topic);
      summary.put("answer_key_topic", PlayLive.answerKeyTopic(topic));
      out.println(new ObjectMapper().writeValueAsString(summary));
      return EXIT_OK;
    } catch (Exception | LinkageError e) {
      reportFailure("the live run", e, err);
      return EXIT_FAILED;
    }
  }

  /**
   * What a live run does when asked to stop: its players end their splits, so that the job drains
   * and flushes; a job on a cluster, which this request does not reach, is cancelled.
   */
  private static StopSignals.OnStop liveStop(PrintStream err, RunnerSetup runner, PipelineOptions options) {
    return (why, exitCode) -> {
      err.println("event-sim: live: " + why + ": stopping after what is due now has been published"
          + " (send it again to stop at once)");
      LiveStop.request();
      if (runner.runsElsewhere(options)) {
        runner.cancel(options, null);
      }
    };
  }

  /** Waits for a stop that is under way to end the process. */
  private static void awaitHalt() {
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException ignored) {
        // the stop halts the process
      }
    }
  }

  /** A job that ended in a state other than DONE (failed, or cancelled). */
  private static final class JobEndedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    JobEndedException(PipelineResult.State state) {
      super("the pipeline ended in state " + state);
    }
  }

  /** One line naming the root cause of a failed run; its stack too with {@code -Deventsim.debug=true}. */
  private static void reportFailure(String what, Throwable e, PrintStream err) {
    err.println("event-sim: " + what + " failed: " + describe(e));
    if (Boolean.getBoolean("eventsim.debug")) {
      e.printStackTrace(err);
    }
  }

  /**
   * Creates the pipeline, which makes Beam construct the runner and check its options: a failure
   * there is bad input, reported with Beam's reason.
   */
  private static Pipeline createPipeline(PipelineOptions options) throws UsageException {
    try {
      return Pipeline.create(options);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException("--runner=" + options.getRunner().getSimpleName() + ": " + firstLine(e));
    }
  }

  /**
   * Runs the pipeline to its end, on a thread of its own (some runners' {@code run()} blocks until
   * the job is done), while the progress line watches it.
   *
   * @throws IllegalStateException if the job ends in any state but DONE
   */
  private static PipelineResult execute(
      Pipeline pipeline, RunnerSetup runner, PipelineOptions options, ProgressLine progress,
      AtomicReference<PipelineResult> running)
      throws Exception {
    FutureTask<PipelineResult> job =
        new FutureTask<>(
            () -> {
              PipelineResult r = pipeline.run();
              running.set(r);
              PipelineResult.State state = r.waitUntilFinish();
              if (state != PipelineResult.State.DONE) {
                throw new JobEndedException(state);
              }
              return r;
            });
    Thread thread = new Thread(job, "event-sim-pipeline");
    thread.setDaemon(true);
    thread.start();
    ProgressProbe probe = runner.progressProbe(options, running::get);
    while (true) {
      try {
        return job.get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        progress.tick(System.nanoTime(), probe);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }
  }

  /**
   * How the runner was chosen: {@code --runner}, named by the user; by the {@code ./event-sim}
   * launcher, which says so in {@value #CHOSEN_BY_ENV}: {@code size}, from the run's size, {@code
   * live}, Flink for a live run, or the runner's own option that named it ({@code --parallelism},
   * {@code --targetParallelism}, ...); else {@code default}, the jar's own runner.
   */
  private static String runnerChosenBy(List<String> userBeamArgs) {
    if (userBeamArgs.stream().anyMatch(a -> a.startsWith("--runner="))) {
      return "--runner";
    }
    String env = System.getenv(CHOSEN_BY_ENV);
    return env != null && (env.equals("size") || env.equals("live") || env.matches("--[A-Za-z]+"))
        ? env
        : "default";
  }

  /** Environment variable in which the launcher says it chose the runner by the run's size. */
  static final String CHOSEN_BY_ENV = "EVENT_SIM_RUNNER_CHOSEN_BY";

  /** The runner's defaults first, unless the user's arguments set the same option. */
  static List<String> withDefaults(List<String> beamArgs, List<String> runnerDefaults) {
    List<String> merged = new ArrayList<>();
    for (String d : runnerDefaults) {
      String name = optionName(d);
      if (beamArgs.stream().noneMatch(a -> optionName(a).equals(name))) {
        merged.add(d);
      }
    }
    merged.addAll(beamArgs);
    return merged;
  }

  private static String optionName(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg : arg.substring(0, eq);
  }

  private static EventSimOptions toOptions(List<String> beamArgs) throws UsageException {
    PipelineOptionsFactory.register(EventSimOptions.class);
    BeamArgs.rejectRepeatedSingleValues(beamArgs);
    BeamArgs.checkValues(beamArgs);
    try {
      return PipelineOptionsFactory.fromArgs(beamArgs.toArray(new String[0]))
          .withValidation()
          .as(EventSimOptions.class);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      Matcher unknown = UNKNOWN_PROPERTY.matcher(message);
      if (unknown.find()) {
        throw new UsageException(unknownFlag(unknown.group(1)));
      }
      Matcher runner = UNKNOWN_RUNNER.matcher(message);
      if (runner.find()) {
        throw new UsageException(
            "--runner=" + runner.group(1) + ": not a runner of this jar, which carries the "
                + runner.group(2).replaceAll(",? ?Test[A-Za-z]*Runner,? ?", "").replace(", ", " and the ")
                + "; event-sim runs on the DirectRunner (event-sim-direct.jar) and the FlinkRunner"
                + " (event-sim-flink.jar), and ./event-sim picks the jar of the runner you name");
      }
      throw new UsageException(firstLine(e));
    }
  }

  /** Options of a runner that the other runner's jar does not carry. */
  private static final Map<String, String> RUNNER_OPTIONS =
      Map.of(
          "parallelism", "FlinkRunner", "maxParallelism", "FlinkRunner", "flinkMaster", "FlinkRunner",
          "flinkConfDir", "FlinkRunner", "checkpointingInterval", "FlinkRunner",
          "targetParallelism", "DirectRunner", "enforceImmutability", "DirectRunner",
          "enforceEncodability", "DirectRunner", "blockOnRun", "DirectRunner");

  private static String unknownFlag(String name) {
    String runner = RUNNER_OPTIONS.get(name);
    if (runner != null) {
      return "--" + name + " is an option of the " + runner + ", which this jar does not carry: run it"
          + " with ./event-sim, which picks that runner's jar for it";
    }
    return "unknown flag --" + name + " (see --help)";
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message);
  }

  private static void printHelp(String topic, PrintStream out) throws UsageException {
    if (topic == null || topic.equals("true")) {
      Help.print(out);
      return;
    }
    for (Class<? extends PipelineOptions> c : PipelineOptionsFactory.getRegisteredOptions()) {
      if (c.getSimpleName().equals(topic) || c.getName().equals(topic)) {
        PipelineOptionsFactory.printHelp(out, c);
        return;
      }
    }
    throw new UsageException("--help=" + topic + ": no such pipeline options interface");
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }
}
