/** Device tree: builds a tree of nodes and properties and encodes it as a flattened device tree blob (DTB). */
@Export
@Version("1.0.0")
package org.osmium.devicetree;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
