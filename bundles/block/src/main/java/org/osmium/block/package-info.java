/** The block layer: open and create disk images (raw, qcow2) and read or write them as flat byte devices. */
@Export
@Version("1.0.0")
package org.osmium.block;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
