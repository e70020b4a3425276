/** Devices: what a device instance offers the machine (regions, interrupt inputs, state) and what the machine offers it. */
@Export
@Version("1.1.0")
package org.osmium.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
