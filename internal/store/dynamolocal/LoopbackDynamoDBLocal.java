// Starts DynamoDB Local like its own ServerRunner does, but with its Jetty
// connector bound to 127.0.0.1: the jar has no bind-address option and would
// otherwise listen on every interface. Run in source-file mode (java File.java).
import java.lang.reflect.Field;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDBLocal {
    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Server jetty = null;
        for (Field f : DynamoDBProxyServer.class.getDeclaredFields()) {
            if (Server.class.isAssignableFrom(f.getType())) {
                f.setAccessible(true);
                jetty = (Server) f.get(proxy);
            }
        }
        if (jetty == null) {
            throw new IllegalStateException("no Jetty server inside DynamoDBProxyServer");
        }
        int bound = 0;
        for (Connector c : jetty.getConnectors()) {
            if (c instanceof ServerConnector) {
                ((ServerConnector) c).setHost("127.0.0.1");
                bound++;
            }
        }
        if (bound == 0) {
            throw new IllegalStateException("no connector to bind to loopback");
        }
        proxy.start();
        proxy.join();
    }
}
