/** The img tool: qemu-img's sub-commands, options and output formats on top of the block layer. */
@Export
@Version("1.0.0")
package org.osmium.block.tool;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
