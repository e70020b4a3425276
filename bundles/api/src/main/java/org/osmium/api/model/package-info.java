/** Models: the factory services (CPU and device types) that plugins register, with their typed property schemas. */
@Export
@Version("1.0.0")
package org.osmium.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
