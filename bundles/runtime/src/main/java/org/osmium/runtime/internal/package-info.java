/** The runtime's implementation: model tracking, machines, the bus, the clock, the execution loop and hot-swap. */
package org.osmium.runtime.internal;
