package org.osmium.shell.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.felix.service.command.CommandSession;
import org.osmium.api.model.PropertySpec;
import org.osmium.runtime.DeviceInfo;
import org.osmium.runtime.Machine;
import org.osmium.runtime.MachineManager;
import org.osmium.runtime.ModelInfo;

/**
 * What Tab offers for the word under the cursor, given the words before it: command names, machine names, model
 * types, device ids of the current machine, {@code key=} property names of the model, built-in boards and files.
 */
final class CompletionCandidates {
    /** One candidate; {@code complete} is false when more may follow without a space ({@code base=}, a directory). */
    record Completion(String value, boolean complete) {
    }

    private static final String MACHINE_PREFIX = CommandCatalog.MACHINE_SCOPE + ":";

    private final MachineManager manager;
    private final CommandSession session;

    CompletionCandidates(MachineManager manager, CommandSession session) {
        this.manager = manager;
        this.session = session;
    }

    /** The candidates that start with {@code partial}, the word being typed after the words {@code before}. */
    List<Completion> complete(List<String> before, String partial) {
        List<Completion> candidates = before.isEmpty() ? commands() : arguments(before, partial);
        return candidates.stream().filter(candidate -> candidate.value().startsWith(partial)).toList();
    }

    private List<Completion> arguments(List<String> before, String partial) {
        String command = before.get(0);
        if (command.startsWith(MACHINE_PREFIX)) {
            command = command.substring(MACHINE_PREFIX.length());
        }
        int position = before.size();
        return switch (command) {
            case "create" -> position <= 2 ? join(complete(manager.boards()), files(partial)) : List.of();
            case "use", "destroy" -> position == 1 ? complete(manager.machines().stream().map(Machine::name).toList()) : List.of();
            case "add" -> switch (position) {
                case 1 -> complete(modelTypes());
                case 2 -> List.of();
                default -> properties(model(before.get(1)), before.subList(3, before.size()), partial);
            };
            case "set" -> position == 1 ? complete(deviceIds()) : properties(deviceModel(before.get(1)), before.subList(2, before.size()), partial);
            case "remove", "show", "reload" -> position == 1 ? complete(deviceIds()) : List.of();
            case "swap" -> position == 1 ? complete(deviceIds()) : position == 2 ? complete(modelSpecs()) : List.of();
            case "regs" -> position == 1 ? complete(hartIds()) : List.of();
            case "wire" -> position <= 2 ? deviceIds().stream().map(id -> new Completion(id + ".", false)).toList() : List.of();
            case "load", "save" -> position == 1 ? files(partial) : List.of();
            case "help", "osmium:help" -> position == 1 ? commands() : List.of();
            default -> List.of();
        };
    }

    private List<Completion> commands() {
        Set<String> names = new TreeSet<>(List.of("exit"));
        Object commands = session.get(".commands");
        if (commands instanceof Collection<?> scoped) {
            for (Object name : scoped) {
                names.add(name.toString());
                names.add(name.toString().substring(name.toString().indexOf(':') + 1));
            }
        }
        CommandCatalog.commands().forEach(doc -> {
            names.add(doc.name());
            names.add(doc.qualifiedName());
        });
        return complete(names);
    }

    private List<String> modelTypes() {
        return manager.models().stream().map(ModelInfo::type).distinct().toList();
    }

    private List<String> modelSpecs() {
        return Stream.concat(modelTypes().stream(), manager.models().stream().map(model -> model.type() + ":" + model.version())).toList();
    }

    private List<DeviceInfo> devices() {
        return CurrentMachine.find(manager, session).map(Machine::devices).orElse(List.of());
    }

    private List<String> deviceIds() {
        return devices().stream().map(DeviceInfo::id).toList();
    }

    private List<String> hartIds() {
        Set<String> cpuTypes = new TreeSet<>(manager.models().stream().filter(model -> model.kind().equals("cpu")).map(ModelInfo::type).toList());
        return devices().stream().filter(device -> cpuTypes.contains(device.model())).map(DeviceInfo::id).toList();
    }

    private Optional<ModelInfo> model(String spec) {
        String type = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        return manager.models().stream().filter(model -> model.type().equals(type)).findFirst();
    }

    private Optional<ModelInfo> deviceModel(String id) {
        return devices().stream().filter(device -> device.id().equals(id)).findFirst().flatMap(device -> model(device.model()));
    }

    /** {@code key=} for the properties not given yet; after {@code key=}, the values a boolean or chardev takes. */
    private static List<Completion> properties(Optional<ModelInfo> model, List<String> given, String partial) {
        if (model.isEmpty()) {
            return List.of();
        }
        int equals = partial.indexOf('=');
        if (equals >= 0) {
            String key = partial.substring(0, equals + 1);
            return model.get().properties().stream().filter(spec -> (spec.name() + "=").equals(key)).findFirst()
                    .map(spec -> values(spec).stream().map(value -> new Completion(key + value, !value.endsWith(":"))).toList())
                    .orElse(List.of());
        }
        return model.get().properties().stream().map(PropertySpec::name)
                .filter(name -> given.stream().noneMatch(word -> word.startsWith(name + "=")))
                .map(name -> new Completion(name + "=", false)).toList();
    }

    private static List<String> values(PropertySpec spec) {
        return switch (spec.type()) {
            case BOOLEAN -> List.of("on", "off");
            case CHARDEV -> List.of("stdio", "null", "file:", "socket:");
            default -> spec.defaultValue() == null ? List.of() : List.of(spec.defaultValue());
        };
    }

    /** Files and directories (with a trailing '/', to go on) in the directory that {@code partial} names. */
    private List<Completion> files(String partial) {
        int slash = partial.lastIndexOf('/');
        String directoryPart = partial.substring(0, slash + 1);
        String namePart = partial.substring(slash + 1);
        Path directory = SessionFiles.resolve(session, directoryPart.isEmpty() ? "." : directoryPart);
        File[] entries = directory.toFile().listFiles();
        if (entries == null) {
            return List.of();
        }
        return Arrays.stream(entries).filter(entry -> !entry.getName().startsWith(".") || namePart.startsWith("."))
                .sorted().map(entry -> new Completion(directoryPart + entry.getName() + (entry.isDirectory() ? "/" : ""),
                        !entry.isDirectory())).toList();
    }

    private static List<Completion> complete(Collection<String> values) {
        return values.stream().map(value -> new Completion(value, true)).toList();
    }

    private static List<Completion> join(List<Completion> first, List<Completion> second) {
        List<Completion> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
