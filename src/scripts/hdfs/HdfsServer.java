import java.io.File;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS for tests and benchmarks: one NameNode and one DataNode (Hadoop's MiniDFSCluster) in
 * this JVM, every port on 127.0.0.1, data under a folder that survives restarts. Run by
 * hdfs-local.sh as a source file: java -cp CLASSPATH HdfsServer.java DATA_DIR NAMENODE_PORT HTTP_PORT
 * It prints "HdfsServer ready" once the NameNode serves, and shuts down cleanly on SIGTERM.
 */
public class HdfsServer {
  public static void main(String[] args) throws Exception {
    File base = new File(args[0]).getAbsoluteFile();
    int nameNodePort = Integer.parseInt(args[1]);
    int httpPort = Integer.parseInt(args[2]);
    boolean existing = new File(base, "name-0-1").isDirectory();
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getPath());
    conf.set("hadoop.tmp.dir", new File(base, "tmp").getPath());
    conf.setBoolean("dfs.permissions.enabled", false); // any local user may write
    conf.set("dfs.datanode.hostname", "127.0.0.1"); // what the DataNode tells clients to connect to
    MiniDFSCluster cluster =
        new MiniDFSCluster.Builder(conf, base)
            .nameNodePort(nameNodePort)
            .nameNodeHttpPort(httpPort)
            .numDataNodes(1)
            .storagesPerDatanode(1)
            .format(!existing)
            .waitSafeMode(true)
            .build();
    cluster.waitActive();
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown));
    System.out.println("HdfsServer ready: " + cluster.getURI() + (existing ? " (existing data)" : " (formatted)"));
    Thread.currentThread().join();
  }
}
