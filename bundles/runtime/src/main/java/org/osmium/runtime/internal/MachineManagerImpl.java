package org.osmium.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osmium.api.model.CpuModel;
import org.osmium.api.model.DeviceModel;
import org.osmium.api.model.Model;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineException;
import org.osmium.runtime.MachineManager;
import org.osmium.runtime.ModelInfo;

/**
 * The runtime service: follows CPU and device models as their bundles come and go, and tells the machines that use
 * them (they pause and wait, then swap onto the replacement); creates machines from built-in boards or board files.
 */
@Component(service = MachineManager.class, immediate = true)
public final class MachineManagerImpl implements MachineManager {
    private final ModelRegistry registry = new ModelRegistry();
    private final Map<String, MachineImpl> machines = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Consumer<String>> noticeListeners = new CopyOnWriteArrayList<>();
    private Bundle ownBundle;
    private ServiceTracker<DeviceModel, DeviceModel> deviceModels;
    private ServiceTracker<CpuModel, CpuModel> cpuModels;

    @Activate
    void activate(BundleContext context) {
        ownBundle = context.getBundle();
        deviceModels = track(context, DeviceModel.class);
        cpuModels = track(context, CpuModel.class);
    }

    @Deactivate
    void deactivate() {
        deviceModels.close();
        cpuModels.close();
        for (MachineImpl machine : List.copyOf(machines.values())) {
            machine.close();
        }
        machines.clear();
    }

    /**
     * Follows one kind of model service with a plain tracker: its callbacks run synchronously, in the thread that
     * registers or unregisters the service, in event order, which hot-swap needs (a bundle update must pause the
     * machine before the old code is gone).
     */
    private <M extends Model> ServiceTracker<M, M> track(BundleContext context, Class<M> kind) {
        ServiceTracker<M, M> tracker = new ServiceTracker<>(context, kind, new ServiceTrackerCustomizer<M, M>() {
            @Override
            public M addingService(ServiceReference<M> reference) {
                M model = context.getService(reference);
                if (model != null) {
                    modelArrived(model, reference.getBundle(), (Long) reference.getProperty(Constants.SERVICE_ID));
                }
                return model;
            }

            @Override
            public void modifiedService(ServiceReference<M> reference, M model) {
                // a model's service properties carry nothing the runtime uses
            }

            @Override
            public void removedService(ServiceReference<M> reference, M model) {
                if (!frameworkStopping(context)) {
                    modelLeft((Long) reference.getProperty(Constants.SERVICE_ID));
                }
                context.ungetService(reference);
            }
        });
        tracker.open();
        return tracker;
    }

    /** True while the whole framework shuts down: models leaving then are no reason to pause and wait. */
    private static boolean frameworkStopping(BundleContext context) {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        return system == null || system.getState() == Bundle.STOPPING;
    }

    /** Makes a model known, as if its service had been registered by {@code bundle} (null outside a framework). */
    void modelArrived(Model model, Bundle bundle, long serviceId) {
        ModelEntry entry = new ModelEntry(model, bundle, serviceId);
        registry.add(entry);
        for (MachineImpl machine : List.copyOf(machines.values())) {
            machine.modelAppeared(entry);
        }
    }

    /** Forgets a model, as if its service had been unregistered: machines that use it pause and wait. */
    void modelLeft(long serviceId) {
        ModelEntry gone = registry.all().stream().filter(entry -> entry.serviceId() == serviceId).findFirst().orElse(null);
        registry.remove(serviceId);
        if (gone != null) {
            for (MachineImpl machine : List.copyOf(machines.values())) {
                machine.modelVanished(gone);
            }
        }
    }

    ModelRegistry registry() {
        return registry;
    }

    /** Updates a model's bundle from its location (a rebuilt jar); the machines follow through model tracking. */
    void updateBundle(Bundle bundle) throws MachineException {
        try {
            bundle.update();
        } catch (BundleException | IllegalStateException e) {
            throw new MachineException("bundle " + bundle.getSymbolicName() + " could not be updated from "
                    + bundle.getLocation() + ": " + e.getMessage());
        }
    }

    void notice(String message) {
        if (noticeListeners.isEmpty()) {
            System.err.println("osmium: " + message);
        }
        noticeListeners.forEach(listener -> listener.accept(message));
    }

    @Override
    public Machine create(String name, String board, Map<String, Map<String, String>> properties) throws MachineException {
        String machineName = name;
        synchronized (machines) {
            if (machineName == null) {
                int number = 0;
                while (machines.containsKey("m" + number)) {
                    number++;
                }
                machineName = "m" + number;
            } else if (!machineName.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new MachineException("bad machine name '" + machineName + "': use a letter, then letters, digits, '-' or '_'");
            } else if (machines.containsKey(machineName)) {
                throw new MachineException("machine '" + machineName + "' exists already; destroy it first or choose another name");
            }
            String text = board == null ? "" : boardText(board);
            MachineImpl machine = new MachineImpl(machineName, this);
            try {
                BoardFile.apply(board == null ? "(empty)" : board, text, properties, machine);
            } catch (MachineException e) {
                machine.close();
                throw e;
            }
            machines.put(machineName, machine);
            return machine;
        }
    }

    private String boardText(String board) throws MachineException {
        URL builtIn = ownBundle == null ? getClass().getResource("/boards/" + board + ".board") : ownBundle.getEntry("boards/" + board + ".board");
        try {
            if (builtIn != null) {
                try (InputStream in = builtIn.openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Path file = Path.of(board);
            if (Files.isRegularFile(file)) {
                return Files.readString(file);
            }
        } catch (IOException e) {
            throw new MachineException(board + ": cannot read: " + e.getMessage());
        }
        throw new MachineException("'" + board + "' is neither a built-in board (" + String.join(", ", boards())
                + ") nor a board file");
    }

    @Override
    public Machine machine(String name) throws MachineException {
        Machine machine = machines.get(name);
        if (machine == null) {
            throw new MachineException("no machine '" + name + "'; machines: "
                    + (machines.isEmpty() ? "none (create one with machine:create)" : String.join(", ", machines.keySet())));
        }
        return machine;
    }

    @Override
    public List<Machine> machines() {
        synchronized (machines) {
            return List.copyOf(machines.values());
        }
    }

    @Override
    public void destroy(String name) throws MachineException {
        machine(name);
        MachineImpl machine = machines.remove(name);
        if (machine != null) {
            machine.close();
        }
    }

    @Override
    public List<ModelInfo> models() {
        return registry.all().stream().map(entry -> new ModelInfo(entry.type(), entry.kind(), entry.version().toString(),
                entry.model().description(), entry.model().schema().specs())).toList();
    }

    @Override
    public List<String> boards() {
        List<String> names = new ArrayList<>();
        if (ownBundle != null) {
            Enumeration<URL> entries = ownBundle.findEntries("boards", "*.board", false);
            while (entries != null && entries.hasMoreElements()) {
                String path = entries.nextElement().getPath();
                names.add(path.substring(path.lastIndexOf('/') + 1, path.length() - ".board".length()));
            }
        }
        Collections.sort(names);
        return names;
    }

    @Override
    public void addNoticeListener(Consumer<String> listener) {
        noticeListeners.add(listener);
    }

    @Override
    public void removeNoticeListener(Consumer<String> listener) {
        noticeListeners.remove(listener);
    }
}
