import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider that hangs: it accepts every connection and never reads or answers, so each call the adapter
 * sends it stays in flight until the adapter's own time limit. bench/run.sh runs it with Java's source
 * launcher: java bench/hung/Hang.java PORT
 */
public final class Hang {
    public static void main(String[] args) throws Exception {
        List<SocketChannel> held = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 4096);
            while (true) {
                held.add(server.accept());
            }
        }
    }
}
