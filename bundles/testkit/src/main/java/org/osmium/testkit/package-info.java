/** Test kit for device and CPU models: a device context, clock, interrupt lines, backends and nodes that record. */
@Export
@Version("1.1.0")
package org.osmium.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
