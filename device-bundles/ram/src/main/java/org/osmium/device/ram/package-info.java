/** The {@code ram} device: guest RAM in host byte arrays, made block by block as the guest uses it, that CPUs reach directly. */
package org.osmium.device.ram;
