import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A Mastercard Gateway REST stand-in for benchmarks: answers every CreateSession at once with the real
 * success sample. Usage: java bench/MpgsStub.java PORT
 */
public class MpgsStub {

    public static void main(String[] args) throws Exception {
        // without it the JDK server's separate header and body writes meet delayed ACKs: +40 ms a call
        System.setProperty("sun.net.httpserver.nodelay", "true");
        byte[] reply = ("{\"merchant\":\"TESTAB2894354\",\"result\":\"SUCCESS\",\"session\":{\"aes256Key\":"
                + "\"DXbdcjSznnTId2lQWjs3Y4KVZuC4OPPn5bRkjCcm2sM=\",\"authenticationLimit\":25,"
                + "\"id\":\"SESSION0002411702239G42317712I7\",\"updateStatus\":\"NO_UPDATE\",\"version\":\"4e9556a901\"}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 200);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(201, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }
}
