package org.osmium.boot;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@code java -jar osmium.jar ARGS}: starts Felix with every bundle of {@code bundles/} (and watches the plugins folder,
 * {@code osmium.plugins} or {@code plugins/}, through FileInstall), calls the launcher's entry service with the arguments, stops the framework and exits with the
 * launcher's status. Prints nothing of its own on stdout, which belongs to the guest.
 */
public final class Osmium {
    private static final String ENTRY_FILTER = "(&(objectClass=" + ToIntFunction.class.getName() + ")(osmium.entry=main))";
    private static final long ENTRY_TIMEOUT_MILLIS = 30_000;

    private Osmium() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-version"))) {
            System.out.println("Osmium version " + version());
            System.exit(0);
        }
        int status;
        System.setProperty("osmium.console", "true"); // this process owns its terminal; an embedding JVM may not
        try {
            status = run(home(), args);
        } catch (BundleException | IOException | RuntimeException e) {
            System.err.println("osmium: cannot start: " + e.getMessage());
            status = 1;
        } catch (InterruptedException e) {
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /** Starts a framework on the distribution in {@code home}, runs the entry with {@code args}, returns its status. */
    public static int run(Path home, String[] args) throws BundleException, IOException, InterruptedException {
        Framework framework = start(home);
        try {
            BundleContext context = framework.getBundleContext();
            ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, context.createFilter(ENTRY_FILTER), null);
            tracker.open();
            @SuppressWarnings("unchecked")
            ToIntFunction<String[]> entry = (ToIntFunction<String[]>) tracker.waitForService(ENTRY_TIMEOUT_MILLIS);
            if (entry == null) {
                throw new IllegalStateException("the launcher bundle did not start within " + ENTRY_TIMEOUT_MILLIS / 1000
                        + " s; bundles not active: " + inactiveBundles(context));
            }
            return entry.applyAsInt(args);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } finally {
            framework.stop();
            framework.waitForStop(5000);
        }
    }

    /** Creates, starts and fills a framework: every jar of {@code home/bundles} installed and started. */
    public static Framework start(Path home) throws BundleException, IOException {
        Path storage = Files.createTempDirectory("osmium-felix");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(storage)));
        Path plugins = Path.of(System.getProperty("osmium.plugins", home.resolve("plugins").toString()));
        Files.createDirectories(plugins);
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.log.level", "1");
        // No bundle registers URL stream handlers: the JVM-wide factories that Felix would install cost ~15 ms of start-up
        config.put("felix.service.urlhandlers", "false");
        config.put("ds.loglevel", "error");
        config.put("felix.fileinstall.dir", plugins.toString());
        config.put("felix.fileinstall.poll", "500");
        config.put("felix.fileinstall.noInitialDelay", "true");
        config.put("felix.fileinstall.log.level", "1");
        config.put("felix.fileinstall.bundles.new.start", "true");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (lib/org.apache.felix.framework.jar)"))
                .newFramework(config);
        framework.init();
        framework.start();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : bundleJars(home.resolve("bundles"))) {
            // "reference:" installs the jar where it lies instead of copying it into the framework's storage first
            installed.add(context.installBundle("reference:" + jar.toUri()));
        }
        // One resolution for every bundle, instead of one per bundle.start(): the resolver's work is mostly shared
        framework.adapt(FrameworkWiring.class).resolveBundles(installed);
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        return framework;
    }

    private static List<Path> bundleJars(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is missing: the distribution is incomplete (rebuild with ./osmium or ./mvnw install)");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static String inactiveBundles(BundleContext context) {
        List<String> names = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE && bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                names.add(bundle.getSymbolicName());
            }
        }
        return names.isEmpty() ? "none (a component may lack a service)" : String.join(", ", names);
    }

    /** The distribution folder: {@code osmium.home}, or the folder of this jar. */
    static Path home() {
        String configured = System.getProperty("osmium.home");
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            return Path.of(Osmium.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String version() {
        String version = Osmium.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
