/** Device tree: how device models contribute their own nodes to the tree the machine generates for firmware. */
@Export
@Version("1.0.0")
package org.osmium.api.devicetree;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
