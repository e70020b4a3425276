package org.osmium.runtime;

import java.util.List;
import java.util.Map;

/**
 * One device or hart of a machine as the shell shows it: id, model and version, properties, mapped address ranges
 * ({@code "name 0xSTART-0xEND"}), outgoing wires ({@code "irq -> plic0.10"}) and, when it waits for a model that went
 * away, what it waits for.
 */
public record DeviceInfo(String id, String model, String version, Map<String, String> properties, List<String> regions,
        List<String> wires, String waitingFor) {
}
