import org.apache.camel.main.Main;

/**
 * The Camel floor: the least a camel-main 4.18 app with platform-http-vertx costs per request, built from the
 * adapter's own dependencies (target/lib) so the benchmark can set the adapter against it.
 * Usage: java -cp 'target/bench/floor:target/lib/*' Floor PORT   (from the repository root)
 */
public final class Floor {

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.main.name", "camel-floor");
        main.addInitialProperty("camel.main.routes-include-pattern", "file:bench/floor/floor.camel.yaml");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", args[0]);
        main.run();
    }
}
