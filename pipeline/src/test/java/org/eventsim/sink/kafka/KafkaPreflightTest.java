package org.eventsim.sink.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eventsim.cli.CliRunner;
import org.eventsim.options.KafkaTarget;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;
import org.junit.Test;

/**
 * The brokers' check before a run, against addresses where no Kafka broker listens (a real broker
 * is in the runner modules' end-to-end tests).
 */
public class KafkaPreflightTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /**
   * A port where an HTTP server answers: Kafka's own client would read "HTTP" as the size of a 1.2
   * GB response and run out of memory; the check says what answered, in one line, at once.
   */
  @Test
  public void anAddressWhereSomethingElseAnswersIsNamedAsNotAKafkaBroker() throws Exception {
    try (ServerSocket http = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> answerHttp(http));
      server.setDaemon(true);
      server.start();
      String address = "127.0.0.1:" + http.getLocalPort();
      IOException e =
          assertThrows(IOException.class, () -> KafkaPreflight.probeBrokers(new KafkaTarget(address, "events", 1, 5), 5000));
      assertThat(
          e.getMessage(),
          equalTo("--kafka-bootstrap " + address + ": " + address + " answers, but not as a Kafka broker (it sent 'HTTP/1.1...')"));
      Path out = tmp.getRoot().toPath().resolve("never");
      assertThat(
          CliRunner.run("--out", out.toString(), "--n-orders", "10", "--kafka-bootstrap", address, "--kafka-timeout-seconds", "5"),
          equalTo(1));
      assertThat(Files.exists(out), equalTo(false));
    }
  }

  @Test
  public void anAddressWhereNothingListensIsNamed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    IOException e =
        assertThrows(IOException.class, () -> KafkaPreflight.probeBrokers(new KafkaTarget(address, "events", 1, 5), 5000));
    assertThat(
        e.getMessage(),
        equalTo("--kafka-bootstrap " + address + ": no Kafka broker answered within 5 s: " + address
            + ": ConnectException: Connection refused"));
  }

  private static void answerHttp(ServerSocket http) {
    while (!http.isClosed()) {
      try (Socket s = http.accept()) {
        InputStream in = s.getInputStream();
        in.read(new byte[1024]);
        OutputStream out = s.getOutputStream();
        out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        return;
      }
    }
  }
}
