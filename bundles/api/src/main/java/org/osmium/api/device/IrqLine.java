package org.osmium.api.device;

/** A level-triggered interrupt line: an output a device drives, or an input a controller or hart receives. */
@FunctionalInterface
public interface IrqLine {
    void set(boolean level);
}
