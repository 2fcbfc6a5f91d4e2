import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Waits until the broker answers, then creates the topics listed in a file ("name partitions" a
 * line) that do not exist yet. Run by deploy/tasvie as a single-file program with the broker's
 * classpath: one JVM for all topics.
 */
public class Topics {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    List<NewTopic> wanted = new ArrayList<>();
    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[1]))) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] f = line.split("\\s+");
      wanted.add(new NewTopic(f[0], Integer.parseInt(f[1]), (short) 1));
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = null;
      for (int attempt = 1; existing == null; attempt++) {
        try {
          existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          if (attempt >= 30) throw e;
          Thread.sleep(1000);
        }
      }
      List<NewTopic> missing = new ArrayList<>();
      for (NewTopic t : wanted) if (!existing.contains(t.name())) missing.add(t);
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
      System.out.println("topics: " + wanted.size() + " wanted, " + missing.size() + " created");
    }
  }
}
