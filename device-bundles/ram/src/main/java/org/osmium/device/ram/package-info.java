/** The {@code ram} device: guest RAM held in one host byte array that CPUs reach directly. */
package org.osmium.device.ram;
