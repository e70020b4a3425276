package org.osmium.itests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToIntFunction;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;
import org.osmium.boot.Osmium;

/**
 * The built distribution started in this JVM, as {@code ./osmium} starts it: a real Felix with every bundle, the
 * plugins folder watched; scripts run through the launcher's entry service while the test touches the bundles.
 */
final class InProcessOsmium implements AutoCloseable {
    private final Path folder;
    private final Framework framework;
    private final ToIntFunction<String[]> entry;
    private int scripts;

    @SuppressWarnings("unchecked")
    InProcessOsmium(Path folder) throws Exception {
        this.folder = folder;
        System.setProperty("osmium.plugins", plugins().toString());
        framework = Osmium.start(Path.of(System.getProperty("osmium.home")));
        BundleContext context = framework.getBundleContext();
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=java.util.function.ToIntFunction)(osmium.entry=main))"), null);
        tracker.open();
        entry = (ToIntFunction<String[]>) tracker.waitForService(30_000);
        assertNotNull(entry, "the launcher's entry service");
    }

    /** The folder FileInstall watches. */
    Path plugins() {
        return folder.resolve("plugins");
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Runs the shell commands of {@code text} as {@code ./osmium --script} does; returns the exit status. */
    int script(String text) throws Exception {
        Path file = folder.resolve("script-" + scripts++ + ".osm");
        Files.writeString(file, text);
        return entry.applyAsInt(new String[] {"--script", file.toString()});
    }

    Bundle bundle(String symbolicName) {
        for (Bundle bundle : context().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }
}
